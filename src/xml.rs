//! Text written into XML files (the sitemap, a PDF's XMP metadata).

/// Text as XML character data or an attribute value: the five special
/// characters escaped, characters XML cannot hold left out.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{fffe}' | '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_and_drops_what_xml_cannot_hold() {
        assert_eq!(
            super::escape("a&b<c>\"'\u{1}d"),
            "a&amp;b&lt;c&gt;&quot;&apos;d"
        );
    }
}
