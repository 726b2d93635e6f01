//! Every address of the site, in one place: which file a page is written
//! to, and how one page links to another (relative, or absolute when the
//! site has a `base_url`). An [`Address`] names a page (and perhaps an
//! anchor in it); [`Links`] turns addresses into paths and links. No other
//! module writes `{lang}/…` by hand.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A language code as the site uses it (`nn`, `en`): the name of its
/// folders, its `lang` attribute, the key of its messages.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Lang(String);

impl Lang {
    pub fn new(code: impl Into<String>) -> Lang {
        Lang(code.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Lang {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Lang {
    fn borrow(&self) -> &str {
        &self.0
    }
}

/// The language's folder name.
impl AsRef<std::path::Path> for Lang {
    fn as_ref(&self) -> &std::path::Path {
        self.0.as_ref()
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Lang {
    fn from(code: &str) -> Lang {
        Lang(code.to_string())
    }
}

impl PartialEq<str> for Lang {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Lang {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// What kind of page an address names, within its folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    /// The folder's own page (`nn/`, or the site root).
    Index,
    /// The print version of a language (`nn/print.html`).
    Print,
    /// The short address of a rule (`nn/a5/`).
    Short(String),
    /// A file by its name below the folder (`anchors.json`,
    /// `assets/style.css`, a PDF).
    File(String),
}

/// One address of the site. A later field (the document, the version)
/// goes into [`Address::folders`], and nowhere else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    /// The language folder; `None` at the site root.
    pub lang: Option<Lang>,
    pub page: Page,
    /// An anchor in the page (`a5` in `nn/#a5`).
    pub anchor: Option<String>,
    /// The adopted date (`YYYY-MM-DD`) of the version the page shows, in
    /// its own folder below the language's (`nn/2013-09-23/`); `None` for
    /// the current version at the language's own address.
    pub version: Option<String>,
}

impl Address {
    fn new(lang: Option<&Lang>, page: Page) -> Address {
        Address {
            lang: lang.cloned(),
            page,
            anchor: None,
            version: None,
        }
    }

    /// The entry page at the site root, `index.html`.
    pub fn entry() -> Address {
        Address::new(None, Page::Index)
    }

    /// A language's page, `<lang>/`.
    pub fn language(lang: &Lang) -> Address {
        Address::new(Some(lang), Page::Index)
    }

    /// A language's print page, `<lang>/print.html`.
    pub fn print(lang: &Lang) -> Address {
        Address::new(Some(lang), Page::Print)
    }

    /// The short address of a rule, `<lang>/<id>/`.
    pub fn short(lang: &Lang, id: &str) -> Address {
        Address::new(Some(lang), Page::Short(id.to_string()))
    }

    /// A rule in its language's page, `<lang>/#<id>`.
    pub fn rule(lang: &Lang, id: &str) -> Address {
        Address::language(lang).at(id)
    }

    /// A file by name in a language's folder, or at the root.
    pub fn file(lang: Option<&Lang>, name: &str) -> Address {
        Address::new(lang, Page::File(name.to_string()))
    }

    /// The same page, at the anchor `id`.
    pub fn at(mut self, id: &str) -> Address {
        self.anchor = Some(id.to_string());
        self
    }

    /// The same page in the version adopted on `date` (`nn/2013-09-23/`),
    /// or at the current version's own address with `None`.
    pub fn in_version(mut self, date: Option<&str>) -> Address {
        self.version = date.map(str::to_string);
        self
    }

    /// The folders the page sits in, from the site root.
    fn folders(&self) -> Vec<&str> {
        let mut folders: Vec<&str> = self.lang.iter().map(|l| l.as_str()).collect();
        folders.extend(self.version.as_deref());
        if let Page::Short(id) = &self.page {
            folders.push(id);
        }
        folders
    }

    /// The page's name in its folder; `None` for a folder's own page.
    fn name(&self) -> Option<&str> {
        match &self.page {
            Page::Index | Page::Short(_) => None,
            Page::Print => Some("print.html"),
            Page::File(name) => Some(name),
        }
    }

    /// The file the page is written to, relative to the output folder,
    /// with `/`: `nn/index.html`, `nn/a5/index.html`, `anchors.json`.
    pub fn output_path(&self) -> String {
        let mut path = folder_path(&self.folders());
        path.push_str(self.name().unwrap_or("index.html"));
        path
    }

    /// How many folders below the site root the page's file is.
    fn depth(&self) -> usize {
        let inner = self.name().map_or(0, |n| n.matches('/').count());
        self.folders().len() + inner
    }
}

fn folder_path(folders: &[&str]) -> String {
    folders.iter().map(|f| format!("{f}/")).collect()
}

/// Turns addresses into paths and links, the one place that knows the
/// site's `base_url` and how a link to a folder is written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    /// `base_url` with exactly one trailing slash, if set.
    base: Option<String>,
    /// Links to a folder name its `index.html` (`nn/index.html`), so the
    /// site works opened from disk, where no server finds a folder's page.
    files: bool,
}

/// Who reads an address: a page of the site (which may be opened from
/// disk) or the web (canonical addresses, sitemaps, citations).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reader {
    Page,
    Web,
}

impl Links {
    /// From the site's `base_url` (blank counts as unset).
    pub fn new(base_url: Option<&str>) -> Links {
        let base = base_url
            .map(str::trim)
            .filter(|b| !b.is_empty())
            .map(|b| format!("{}/", b.trim_end_matches('/')));
        Links { base, files: false }
    }

    /// The same, with links between pages written for opening from disk
    /// when `on`: see [`Links::leaf`].
    pub fn with_file_links(mut self, on: bool) -> Links {
        self.files = on;
        self
    }

    /// Whether links to folders name their `index.html`.
    pub fn file_links(&self) -> bool {
        self.files
    }

    /// Where the site is published, with one trailing slash, if known.
    pub fn base(&self) -> Option<&str> {
        self.base.as_deref()
    }

    /// The page's file name as links write it. For a folder's own page
    /// (`nn/`) nothing, so links to folders stay short; with file links,
    /// and only in links between pages, `index.html`, because a page
    /// opened from disk has no server to find a folder's page. Addresses
    /// for the web stay short either way.
    fn leaf<'a>(&self, to: &'a Address, reader: Reader) -> &'a str {
        match to.name() {
            Some(name) => name,
            None if self.files && reader == Reader::Page => "index.html",
            None => "",
        }
    }

    fn anchor(to: &Address) -> String {
        to.anchor
            .as_ref()
            .map_or_else(String::new, |a| format!("#{a}"))
    }

    /// The address below the site root, as a link between pages:
    /// `nn/#a5`, `nn/a5/` (`nn/a5/index.html` with file links).
    pub fn path(&self, to: &Address) -> String {
        self.path_for(to, Reader::Page)
    }

    fn path_for(&self, to: &Address, reader: Reader) -> String {
        let mut path = folder_path(&to.folders());
        path.push_str(self.leaf(to, reader));
        path + &Links::anchor(to)
    }

    /// The address for other sites and documents: absolute with
    /// `base_url`, else relative to the site root.
    pub fn url(&self, to: &Address) -> String {
        let path = self.path_for(to, Reader::Web);
        format!("{}{path}", self.base().unwrap_or_default())
    }

    /// The absolute address, when `base_url` is set.
    pub fn absolute(&self, to: &Address) -> Option<String> {
        let path = self.path_for(to, Reader::Web);
        self.base().map(|base| format!("{base}{path}"))
    }

    /// The path part of `base_url` (`/rettleiar/`), `/` when it names a
    /// host only; `None` without `base_url`.
    pub fn base_path(&self) -> Option<&str> {
        let base = self.base()?;
        let after_scheme = base.split_once("://").map_or(base, |(_, rest)| rest);
        Some(after_scheme.find('/').map_or("/", |i| &after_scheme[i..]))
    }

    /// The way from `from` up to the site root: `../` per folder.
    pub fn root(&self, from: &Address) -> String {
        "../".repeat(from.depth())
    }

    /// A link from `from` to `to` by way of the site root
    /// (`../../nb/a5/`): the same for every page at that depth.
    pub fn href(&self, from: &Address, to: &Address) -> String {
        self.root(from) + &self.path(to)
    }

    /// The shortest relative link from `from` to `to` (`../#a5` from
    /// `nn/a5/`).
    pub fn near(&self, from: &Address, to: &Address) -> String {
        let mut here = from.folders();
        if let Some(name) = from.name() {
            let parts: Vec<&str> = name.split('/').collect();
            here.extend(&parts[..parts.len() - 1]);
        }
        let there = to.folders();
        let common = here.iter().zip(&there).take_while(|(a, b)| a == b).count();
        let mut link = "../".repeat(here.len() - common);
        link.push_str(&folder_path(&there[common..]));
        link.push_str(self.leaf(to, Reader::Page));
        if link.is_empty() && to.anchor.is_none() {
            // The folder's own page, from a page in it.
            link.push_str("./");
        }
        link + &Links::anchor(to)
    }

    /// The absolute address with `base_url`, else [`Links::href`].
    pub fn link(&self, from: &Address, to: &Address) -> String {
        self.absolute(to).unwrap_or_else(|| self.href(from, to))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_written_where_their_addresses_say() {
        let nn = Lang::from("nn");
        assert_eq!(Address::entry().output_path(), "index.html");
        assert_eq!(Address::language(&nn).output_path(), "nn/index.html");
        assert_eq!(Address::print(&nn).output_path(), "nn/print.html");
        assert_eq!(Address::short(&nn, "a5").output_path(), "nn/a5/index.html");
        assert_eq!(
            Address::file(None, "anchors.json").output_path(),
            "anchors.json"
        );
        let dated = Some("2013-09-23");
        assert_eq!(
            Address::print(&nn).in_version(dated).output_path(),
            "nn/2013-09-23/print.html"
        );
        assert_eq!(
            Address::language(&nn).in_version(None),
            Address::language(&nn)
        );
    }

    #[test]
    fn a_version_is_a_folder_below_its_language() {
        let (nn, nb) = (Lang::from("nn"), Lang::from("nb"));
        let v = Some("2013-09-23");
        let links = Links::new(None);
        let page = Address::language(&nn).in_version(v);
        assert_eq!(
            links.url(&Address::rule(&nn, "a4").in_version(v)),
            "nn/2013-09-23/#a4"
        );
        assert_eq!(links.root(&page), "../../");
        assert_eq!(
            links.near(&page, &Address::language(&nb).in_version(v)),
            "../../nb/2013-09-23/"
        );
        assert_eq!(
            links.near(&Address::short(&nn, "a4"), &page.clone().at("a4")),
            "../2013-09-23/#a4"
        );
        assert_eq!(links.near(&page, &Address::language(&nn)), "../");
    }

    #[test]
    fn links_are_relative_without_a_base_and_absolute_with_one() {
        let (nn, nb) = (Lang::from("nn"), Lang::from("nb"));
        let short = Address::short(&nn, "a5");
        let relative = Links::new(None);
        assert_eq!(relative.url(&Address::rule(&nn, "a5")), "nn/#a5");
        assert_eq!(relative.near(&short, &Address::rule(&nn, "a5")), "../#a5");
        assert_eq!(
            relative.near(&Address::print(&nn), &Address::language(&nn)),
            "./"
        );
        assert_eq!(
            relative.href(&short, &Address::short(&nb, "a5")),
            "../../nb/a5/"
        );
        assert_eq!(
            relative.link(&Address::language(&nb), &Address::language(&nn)),
            "../nn/"
        );
        let absolute = Links::new(Some(" https://example.no/r// "));
        assert_eq!(absolute.url(&short), "https://example.no/r/nn/a5/");
        assert_eq!(
            absolute.absolute(&Address::entry()).as_deref(),
            Some("https://example.no/r/")
        );
        assert_eq!(Links::new(Some("  ")).base(), None);
        assert_eq!(absolute.base_path(), Some("/r/"));
        assert_eq!(Links::new(Some("https://a.no")).base_path(), Some("/"));
    }

    #[test]
    fn file_links_name_the_index_page_of_a_folder_but_web_addresses_do_not() {
        let (nn, nb) = (Lang::from("nn"), Lang::from("nb"));
        let short = Address::short(&nn, "a5");
        let files = Links::new(None).with_file_links(true);
        assert_eq!(
            files.near(&short, &Address::rule(&nn, "a5")),
            "../index.html#a5"
        );
        assert_eq!(
            files.href(&short, &Address::short(&nb, "a5")),
            "../../nb/a5/index.html"
        );
        assert_eq!(
            files.href(&Address::entry(), &Address::entry()),
            "index.html"
        );
        assert_eq!(files.near(&short, &Address::print(&nn)), "../print.html");
        assert_eq!(files.url(&short), "nn/a5/");
        let both = Links::new(Some("https://a.no/r/")).with_file_links(true);
        assert_eq!(
            both.absolute(&short).as_deref(),
            Some("https://a.no/r/nn/a5/")
        );
        assert_eq!(
            both.link(&Address::language(&nb), &Address::language(&nn)),
            "https://a.no/r/nn/"
        );
    }
}
