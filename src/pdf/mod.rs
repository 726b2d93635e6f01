//! The PDF of each language: its print page printed by a headless
//! Chromium ([`Chromium`]), then given the document's metadata for the
//! archive and for screen readers ([`metadata`]): title, author, subject,
//! keywords and language in the document information and in XMP, dated
//! when the sources last changed ([`dates`]), never by the clock. The same
//! sources give the same bytes.
//!
//! [`print`] takes a folder holding the print pages (and what they load)
//! and returns the finished PDFs; the pipeline renders that folder, and
//! renders the pages that link the PDFs (with their sizes) afterwards.

mod chromium;
pub mod dates;
pub mod metadata;

use std::collections::BTreeMap;
use std::path::Path;

pub use chromium::{Chromium, Job, ENV};

use crate::address::{Address, Lang};
use crate::error::Error;
use crate::locale::Locales;
use crate::model::{Guideline, LanguageDoc};
use metadata::Facts;

/// One finished PDF: its language, its path in the output folder
/// (relative, with `/`) and its bytes.
#[derive(Debug, Clone)]
pub struct Printed {
    pub lang: Lang,
    /// The version's folder, for the PDF of a version in its own folder.
    pub version: Option<String>,
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What a page needs to link a language's PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    /// The PDF's address.
    pub address: Address,
    /// Its size in bytes.
    pub size: u64,
}

/// The PDFs of a build, by language; empty when it prints none.
pub type Downloads = BTreeMap<Lang, Download>;

/// No PDFs.
pub static NONE: Downloads = BTreeMap::new();

/// What the pages link: each printed PDF's address and size.
pub fn downloads(g: &Guideline, printed: &[Printed]) -> Downloads {
    printed
        .iter()
        .filter(|p| p.version.is_none())
        .filter_map(|p| {
            let doc = g.language(&p.lang)?;
            let download = Download {
                address: address(doc.lang.clone(), &doc.front.short_title),
                size: p.bytes.len() as u64,
            };
            Some((p.lang.clone(), download))
        })
        .collect()
}

/// The address of a language's PDF: beside its page, named after its
/// short title.
fn address(lang: Lang, short_title: &str) -> Address {
    Address::file(Some(&lang), &file_name(short_title))
}

/// Prints `<lang>/print.html` below `dir` for every language into a PDF,
/// and `<lang>/<adopted>/print.html` of every version, sets its metadata
/// (dated by the sources in `source`, or in the version's folder, see
/// [`dates`]) and returns them all, the current version's first, in the
/// order of the languages. `dir` is left with the PDFs in it.
pub fn print(
    chromium: &Chromium,
    g: &Guideline,
    locales: &Locales,
    source: &Path,
    dir: &Path,
) -> Result<Vec<Printed>, Error> {
    let pages = pages(g);
    let made = pages
        .iter()
        .map(
            |(v, d, folder)| match folder.is_some() && v.meta.adopted != g.meta.adopted {
                false => dates::made(source, &d.lang),
                // An earlier version in its folder is dated by its own files.
                true => dates::made(
                    &source.join(crate::project::VERSIONS).join(v.version()),
                    &d.lang,
                ),
            },
        )
        .collect::<Result<Vec<_>, _>>()?;
    let (jobs, paths): (Vec<_>, Vec<_>) = jobs(&pages, dir).into_iter().unzip();
    chromium.print(&jobs)?;
    let mut printed = Vec::new();
    for (((job, path), (v, doc, version)), made) in jobs.iter().zip(paths).zip(&pages).zip(made) {
        let bytes = std::fs::read(&job.pdf)
            .map_err(|e| Error::io(format!("cannot read `{}`", job.pdf.display()), e))?;
        let facts = Facts::of(v, doc, locales, made).map_err(|p| Error::Sources(vec![p]))?;
        let bytes = metadata::apply(&bytes, &facts).map_err(|e| {
            Error::tool(format!(
                "the PDF Chromium printed from `{}` cannot be read: {e}",
                job.name
            ))
        })?;
        printed.push(Printed {
            lang: doc.lang.clone(),
            version: version.clone(),
            path,
            bytes,
        });
    }
    Ok(printed)
}

/// A print page: the version it shows (for a translation that lags
/// behind, the one it follows), its text, and the version's folder when
/// it is in one.
type Page<'a> = (&'a Guideline, &'a LanguageDoc, Option<String>);

/// Every print page: each language's at its own address, then each
/// version's in its folder.
fn pages(g: &Guideline) -> Vec<Page<'_>> {
    let current = g.languages.iter().map(|d| {
        let v = g.version_of(g.translates(d)).unwrap_or(g);
        (v, d, None)
    });
    let dated = g.all_versions().flat_map(|v| {
        v.languages
            .iter()
            .filter(move |d| v.text_of(&d.lang).is_some())
            .map(move |d| (v, d, Some(v.version())))
    });
    current.chain(dated).collect()
}

/// One job per print page: print it below `dir` into the file named
/// after the short title beside it. Also returns each PDF's path below
/// `dir`.
fn jobs(pages: &[Page<'_>], dir: &Path) -> Vec<(Job, String)> {
    pages
        .iter()
        .map(|(_, d, version)| {
            let print = Address::print(&d.lang)
                .in_version(version.as_deref())
                .output_path();
            let rel = address(d.lang.clone(), &d.front.short_title)
                .in_version(version.as_deref())
                .output_path();
            let job = Job {
                html: dir.join(&print),
                name: print,
                pdf: dir.join(&rel),
            };
            (job, rel)
        })
        .collect()
}

/// The PDF's file name: the language's short title, in lower case and
/// ASCII, with `-` between the words
/// (`rettleiar-for-bruk-av-sosiale-medier.pdf`).
pub fn file_name(short_title: &str) -> String {
    let stem = slug::slugify(short_title);
    let stem = if stem.is_empty() { "document" } else { &stem };
    format!("{stem}.pdf")
}

/// The one line a build that prints no PDFs says when the output it
/// replaces had some (`dropped`: their paths), or nothing.
pub fn dropped_warning(dropped: &[String]) -> Option<String> {
    let pdfs: Vec<&str> = dropped
        .iter()
        .map(String::as_str)
        .filter(|p| p.ends_with(".pdf"))
        .collect();
    (!pdfs.is_empty()).then(|| {
        format!(
            "this build removes the PDF{} the last build made ({}); build with --pdf, or set `pdf: true` in site.yaml, to keep {}",
            if pdfs.len() == 1 { "" } else { "s" },
            pdfs.join(", "),
            if pdfs.len() == 1 { "it" } else { "them" },
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_come_from_the_short_title() {
        assert_eq!(
            file_name("Rettleiar for bruk av Sosiale medier"),
            "rettleiar-for-bruk-av-sosiale-medier.pdf"
        );
        assert_eq!(
            file_name("Retningslinjer for Bømlo – «sosiale» medier!"),
            "retningslinjer-for-bomlo-sosiale-medier.pdf"
        );
        assert_eq!(file_name("Æ å Ü"), "ae-a-u.pdf");
        assert_eq!(file_name("«»"), "document.pdf");
    }

    #[test]
    fn only_dropped_pdfs_are_warned_of() {
        assert_eq!(dropped_warning(&["nn/a5/index.html".into()]), None);
        let line = dropped_warning(&["nn/a.pdf".into(), "en/b.pdf".into()]).unwrap();
        assert!(line.contains("nn/a.pdf, en/b.pdf"), "{line}");
        assert!(!line.contains('\n'));
    }
}
