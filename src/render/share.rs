//! What a page says about itself where it is shared or found: its share
//! card (Open Graph and Twitter card metadata, in the page's language) and
//! the accessibility statement its footer links to.

use fluent_bundle::FluentValue;
use serde::Serialize;
use tera::Context;

use crate::address::Lang;
use crate::error::Problem;
use crate::locale::Locales;
use crate::model::{Guideline, LanguageDoc};

/// A card's description is cut to this many characters (an ellipsis
/// added), as the share dialogs show no more.
const DESCRIPTION_CHARS: usize = 300;

/// The share card of one page.
#[derive(Debug, Serialize)]
pub struct Card {
    pub title: String,
    pub description: String,
    /// The page's absolute address, only when `base_url` is set.
    pub url: Option<String>,
    /// `og:locale` of the page's language (`nn_NO`), and of the others.
    pub locale: String,
    pub alternates: Vec<String>,
    /// The name of the site as a whole: the municipality.
    pub site_name: String,
}

impl Card {
    /// The card of a page in `doc`'s language.
    pub fn new(
        g: &Guideline,
        doc: &LanguageDoc,
        locales: &Locales,
        title: String,
        description: &str,
        url: Option<String>,
    ) -> Result<Card, Problem> {
        let locale = |lang: &Lang| locales.message(lang, "share-locale", &[]);
        let alternates = g
            .languages
            .iter()
            .filter(|d| d.lang != doc.lang)
            .map(|d| locale(&d.lang))
            .collect::<Result<_, _>>()?;
        Ok(Card {
            title,
            description: shortened(description),
            url,
            locale: locale(&doc.lang)?,
            alternates,
            site_name: g.meta.municipality.clone(),
        })
    }

    /// The card of a language's page (and of the entry page, in the
    /// original): its title, and its status line, which on a
    /// translation says that it is one.
    pub fn of_language(
        g: &Guideline,
        doc: &LanguageDoc,
        locales: &Locales,
        url: Option<String>,
    ) -> Result<Card, Problem> {
        let status = super::context::views::status_line(g, doc, locales)?;
        let description = match doc.front.translation {
            None => status,
            Some(_) => locales.message(
                &doc.lang,
                "share-translation",
                &[("status", FluentValue::from(status.as_str()))],
            )?,
        };
        Card::new(g, doc, locales, doc.front.title.clone(), &description, url)
    }
}

/// Inserts the card and the accessibility statement of a page in `lang`.
pub fn insert(ctx: &mut Context, g: &Guideline, lang: &Lang, card: &Card) {
    ctx.insert("share", card);
    insert_statement(ctx, g, lang);
}

/// Inserts the accessibility statement a page in `lang` links to.
pub fn insert_statement(ctx: &mut Context, g: &Guideline, lang: &Lang) {
    let site = &g.site;
    ctx.insert(
        "statement",
        &site.accessibility_statement.for_page(lang, &site.languages),
    );
}

/// `text` on one line, cut at a word to at most [`DESCRIPTION_CHARS`].
fn shortened(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = String::new();
    for word in words {
        let room = DESCRIPTION_CHARS - 1;
        if out.chars().count() + word.chars().count() + 1 > room {
            if out.is_empty() {
                out.extend(word.chars().take(room));
            }
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_description_is_cut_at_a_word_with_an_ellipsis() {
        assert_eq!(shortened(" a  b\nc "), "a b c");
        let long = "word ".repeat(100);
        let cut = shortened(&long);
        assert!(cut.ends_with("word…"), "{cut}");
        assert!(cut.chars().count() <= DESCRIPTION_CHARS);
        let one = "x".repeat(400);
        assert_eq!(shortened(&one).chars().count(), DESCRIPTION_CHARS);
    }
}
