//! The accessibility statement every page links to (`site.yaml`): one
//! address for every language, or one per language, and which address a
//! page in a language links to.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};

use crate::address::Lang;
use crate::policy::urls;

/// `accessibility_statement` in `site.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Statement {
    /// One address for every language, its language not said.
    One(String),
    /// An address per language code (`nb: https://…`).
    PerLanguage(BTreeMap<Lang, String>),
}

/// The statement a page links to, and its language when that is known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatementLink<'a> {
    pub href: &'a str,
    /// The statement's language, set only where it differs from the
    /// page's (for `hreflang`).
    pub hreflang: Option<&'a Lang>,
}

impl Statement {
    /// Every address given.
    pub fn addresses(&self) -> Vec<&str> {
        match self {
            Statement::One(url) => vec![url],
            Statement::PerLanguage(map) => map.values().map(String::as_str).collect(),
        }
    }

    /// The statement a page in `lang` links to: the one in its language,
    /// else the first of `languages` (the site's, in order) that has one.
    pub fn for_page<'a>(&'a self, lang: &Lang, languages: &[Lang]) -> StatementLink<'a> {
        let map = match self {
            Statement::One(url) => {
                return StatementLink {
                    href: url,
                    hreflang: None,
                }
            }
            Statement::PerLanguage(map) => map,
        };
        let (code, href) = map
            .get_key_value(lang)
            .or_else(|| languages.iter().find_map(|l| map.get_key_value(l)))
            .or_else(|| map.iter().next())
            .expect("an empty map is refused when site.yaml is read");
        StatementLink {
            href,
            hreflang: (code != lang).then_some(code),
        }
    }

    /// The language codes given that are not among `languages`.
    pub fn unknown_languages<'a>(&'a self, languages: &[Lang]) -> Vec<&'a Lang> {
        match self {
            Statement::One(_) => Vec::new(),
            Statement::PerLanguage(map) => map.keys().filter(|l| !languages.contains(l)).collect(),
        }
    }
}

impl<'de> Deserialize<'de> for Statement {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Statement, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            One(String),
            PerLanguage(BTreeMap<Lang, String>),
        }
        let raw = Raw::deserialize(d).map_err(|_| {
            serde::de::Error::custom(
                "`accessibility_statement` must be an address, or one address per language code (nb: https://…)",
            )
        })?;
        let statement = match raw {
            Raw::One(url) => Statement::One(url),
            Raw::PerLanguage(map) if map.is_empty() => {
                return Err(serde::de::Error::custom(
                    "`accessibility_statement` names no address",
                ))
            }
            Raw::PerLanguage(map) => Statement::PerLanguage(map),
        };
        for url in statement.addresses() {
            urls::check_link(url)
                .map_err(|m| serde::de::Error::custom(format!("{m}: {}", urls::LINK_HELP)))?;
        }
        Ok(statement)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs() -> Vec<Lang> {
        ["nn", "nb", "en"].map(Lang::from).to_vec()
    }

    #[test]
    fn one_address_serves_every_language_without_a_language() {
        let s: Statement = serde_yaml::from_str("https://a.no/x").unwrap();
        let link = s.for_page(&Lang::from("en"), &langs());
        assert_eq!(link.href, "https://a.no/x");
        assert_eq!(link.hreflang, None);
    }

    #[test]
    fn a_page_links_its_own_language_else_the_first_listed_with_its_language() {
        let s: Statement =
            serde_yaml::from_str("nb: https://a.no/nb\nen: https://a.no/en\n").unwrap();
        let en = s.for_page(&Lang::from("en"), &langs());
        assert_eq!((en.href, en.hreflang), ("https://a.no/en", None));
        let nn = s.for_page(&Lang::from("nn"), &langs());
        assert_eq!(nn.href, "https://a.no/nb");
        assert_eq!(nn.hreflang.map(|l| l.as_str()), Some("nb"));
        assert!(s.unknown_languages(&langs()).is_empty());
        assert_eq!(s.unknown_languages(&langs()[..1]).len(), 2);
    }

    #[test]
    fn every_address_follows_the_link_policy() {
        for bad in [
            "javascript:alert(1)",
            "nb: https://a.no\nen: \"//evil.example\"",
            "{}",
        ] {
            assert!(serde_yaml::from_str::<Statement>(bad).is_err(), "{bad}");
        }
    }
}
