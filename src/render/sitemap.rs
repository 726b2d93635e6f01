//! What search engines read, made only when `base_url` says where the site
//! is: `sitemap.xml`, every canonical page (the entry page and each
//! language's page) with its language versions as `xhtml:link`
//! alternates (the format search engines read for multilingual sites),
//! and `robots.txt` naming it. Short addresses and print pages are left
//! out: their canonical address is a language page.

use super::producer::{File, Inputs, Producer};
use crate::address::{Address, Links};
use crate::error::Problem;
use crate::model::Guideline;

/// `sitemap.xml` at the site root.
pub struct Sitemap<'a>(pub Inputs<'a>);

/// `robots.txt` at the site root.
pub struct Robots<'a>(pub Inputs<'a>);

fn made(g: &Guideline) -> usize {
    usize::from(g.links.base().is_some())
}

impl Producer for Sitemap<'_> {
    fn parts(&self) -> usize {
        made(self.0.guideline)
    }

    fn make(&self, _: usize) -> Vec<Result<File, Problem>> {
        let g = self.0.guideline;
        let path = Address::file(None, "sitemap.xml").output_path();
        vec![Ok((path, sitemap(g).into_bytes()))]
    }

    fn quick(&self) -> bool {
        true
    }
}

impl Producer for Robots<'_> {
    fn parts(&self) -> usize {
        made(self.0.guideline)
    }

    fn make(&self, _: usize) -> Vec<Result<File, Problem>> {
        let g = self.0.guideline;
        let sitemap = absolute(&g.links, &Address::file(None, "sitemap.xml"));
        let text = format!(
            "# Every page may be read; the sitemap lists them in every language.\n\
             User-agent: *\nDisallow:\n\nSitemap: {sitemap}\n"
        );
        let path = Address::file(None, "robots.txt").output_path();
        vec![Ok((path, text.into_bytes()))]
    }

    fn quick(&self) -> bool {
        true
    }
}

fn absolute(links: &Links, to: &Address) -> String {
    links.absolute(to).expect("made only with a base_url")
}

/// The sitemap: a `<url>` for the entry page and each language page, each
/// with the alternates of all of them (`x-default`: the entry page).
fn sitemap(g: &Guideline) -> String {
    let entry = absolute(&g.links, &Address::entry());
    let pages: Vec<(&str, String)> = g
        .languages
        .iter()
        .map(|d| {
            (
                d.lang.as_str(),
                absolute(&g.links, &Address::language(&d.lang)),
            )
        })
        .collect();
    let mut alternates = String::new();
    for (lang, url) in pages
        .iter()
        .map(|(l, u)| (*l, u))
        .chain([("x-default", &entry)])
    {
        alternates.push_str(&format!(
            "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
            crate::xml::escape(lang),
            crate::xml::escape(url)
        ));
    }
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for url in std::iter::once(&entry).chain(pages.iter().map(|(_, u)| u)) {
        xml.push_str(&format!(
            "  <url>\n    <loc>{}</loc>\n{alternates}  </url>\n",
            crate::xml::escape(url)
        ));
    }
    xml.push_str("</urlset>\n");
    xml
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            crate::xml::escape("https://a.no/x&y<'\">"),
            "https://a.no/x&amp;y&lt;&apos;&quot;&gt;"
        );
    }
}
