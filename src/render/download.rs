//! The link from a language page and a print page to the language's PDF,
//! with the PDF's size written as the reader's language writes it
//! (`pdf-size-kb`, `pdf-size-mb` in `locales/<lang>/pdf.ftl`).

use fluent_bundle::FluentValue;
use serde::Serialize;

use crate::address::{Address, Lang};
use crate::error::Problem;
use crate::locale::Locales;
use crate::model::Guideline;
use crate::pdf::Downloads;

/// What a template needs to link the PDF (`pdf` in its context).
#[derive(Debug, Serialize)]
pub struct PdfLink {
    /// From the page to the PDF.
    pub href: String,
    /// The size, e.g. «84 kB».
    pub size: String,
}

/// The link from the page `here` to the PDF of `lang`, when one was printed.
pub fn pdf_link(
    g: &Guideline,
    lang: &Lang,
    locales: &Locales,
    here: &Address,
    pdfs: &Downloads,
) -> Result<Option<PdfLink>, Problem> {
    let Some(download) = pdfs.get(lang) else {
        return Ok(None);
    };
    Ok(Some(PdfLink {
        href: g.links.near(here, &download.address),
        size: size(locales, lang, download.size)?,
    }))
}

/// A size in bytes for readers: whole kilobytes (1 kB = 1000 bytes, at
/// least 1) below a megabyte, else megabytes with one decimal.
fn size(locales: &Locales, lang: &str, bytes: u64) -> Result<String, Problem> {
    let kb = (bytes + 500) / 1000;
    if kb < 1000 {
        return locales.message(lang, "pdf-size-kb", &[("kb", FluentValue::from(kb.max(1)))]);
    }
    let tenths = (bytes + 50_000) / 100_000;
    locales.message(
        lang,
        "pdf-size-mb",
        &[
            ("whole", FluentValue::from(tenths / 10)),
            ("tenth", FluentValue::from(tenths % 10)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SiteConfig;
    use crate::error::SourceFile;
    use std::collections::BTreeMap;

    fn locales() -> Locales {
        let site: SiteConfig = serde_yaml::from_str(
            "languages: [nn, en]\noriginal_language: nn\naccessibility_statement: https://example.no/\n",
        )
        .unwrap();
        let ftl = |lang: &str, text: &str| {
            (
                lang.to_string(),
                vec![SourceFile::new(format!("{lang}/pdf.ftl"), text)],
            )
        };
        let files = BTreeMap::from([
            ftl(
                "nn",
                "pdf-size-kb = { $kb } kB\npdf-size-mb = { $whole },{ $tenth } MB\n",
            ),
            ftl(
                "en",
                "pdf-size-kb = { $kb } kB\npdf-size-mb = { $whole }.{ $tenth } MB\n",
            ),
        ]);
        Locales::load(&site, &files, std::path::Path::new("locales")).unwrap()
    }

    #[test]
    fn sizes_are_written_in_the_readers_language() {
        let l = locales();
        assert_eq!(size(&l, "nn", 84_009).unwrap(), "84 kB");
        assert_eq!(size(&l, "nn", 120).unwrap(), "1 kB");
        assert_eq!(size(&l, "nn", 999_499).unwrap(), "999 kB");
        assert_eq!(size(&l, "nn", 1_234_567).unwrap(), "1,2 MB");
        assert_eq!(size(&l, "en", 1_250_000).unwrap(), "1.3 MB");
        assert_eq!(size(&l, "en", 999_500).unwrap(), "1.0 MB");
    }
}
