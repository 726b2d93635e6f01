//! The context of `<lang>/print.html`: the language page's, plus what the
//! paged-media CSS needs as CSS values.

use tera::Context;

use super::context::{language_page, Shown};
use super::templates::css_string;
use crate::address::Address;
use crate::error::Problem;
use crate::locale::Locales;

/// The context of `<lang>/print.html`: the language page's text and
/// metadata, plus what the paged-media CSS needs as CSS values.
pub fn print_page(shown: &Shown<'_>, locales: &Locales) -> Result<Context, Problem> {
    let (g, doc) = (shown.g, shown.doc);
    let lang = doc.lang.as_str();
    let mut ctx = language_page(shown, locales)?;
    let version = shown.folder();
    let here = Address::print(&doc.lang).in_version(version);
    let original = Address::print(g.original_language()).in_version(version);
    ctx.insert("original_print_href", &g.links.href(&here, &original));
    ctx.insert(
        "page_href",
        &g.links
            .near(&here, &Address::language(&doc.lang).in_version(version)),
    );
    ctx.insert("adopted_by", &upper_first(&doc.front.body));
    ctx.insert("page_number", &page_number_css(locales, lang)?);
    Ok(ctx)
}

/// `kommunestyret` → `Kommunestyret`, for a value standing on its own.
fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The page number as a CSS `content` value, from the message
/// `print-page-number` (`side { $page } av { $pages }`): the words become
/// CSS strings, `$page` and `$pages` the page counters.
fn page_number_css(locales: &Locales, lang: &str) -> Result<String, Problem> {
    const PAGE: char = '\u{e000}';
    const PAGES: char = '\u{e001}';
    let text = locales.message(
        lang,
        "print-page-number",
        &[
            ("page", PAGE.to_string().into()),
            ("pages", PAGES.to_string().into()),
        ],
    )?;
    let mut parts = Vec::new();
    let mut words = String::new();
    for c in text.chars() {
        let counter = match c {
            PAGE => "counter(page)",
            PAGES => "counter(pages)",
            c => {
                words.push(c);
                continue;
            }
        };
        if !words.is_empty() {
            parts.push(css_string(&std::mem::take(&mut words)));
        }
        parts.push(counter.to_string());
    }
    if !words.is_empty() {
        parts.push(css_string(&words));
    }
    Ok(parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::upper_first;

    #[test]
    fn values_standing_alone_start_with_a_capital() {
        assert_eq!(upper_first("kommunestyret"), "Kommunestyret");
        assert_eq!(upper_first("ørsta"), "Ørsta");
        assert_eq!(upper_first(""), "");
    }
}
