//! The one address policy for every address from any source file
//! (markdown links, `site.yaml`, `document.yaml`, front matter): a link may
//! be `http(s):`, `mailto:`, `tel:` or relative to the site; `base_url`
//! must be an absolute `https://` or `http://` address. Images are refused
//! altogether: a page loads nothing from another host, and the tool does
//! not copy pictures into the output.

/// What to do about a refused link, in words for the editor.
pub const LINK_HELP: &str =
    "links may point to http(s), mailto or tel addresses, or to pages and anchors of the site";

/// What to do about an image.
pub const IMAGE_HELP: &str =
    "the pages load nothing from other hosts and the tool publishes no pictures: write a link `[text](address)` instead";

/// Whether `url` may be the target of a link on a page.
pub fn is_safe_link(url: &str) -> bool {
    if url.chars().any(|c| c.is_control()) || url.trim() != url {
        return false;
    }
    // `//host` and `/\host` leave the site although they look relative.
    if url.starts_with("//") || url.starts_with("/\\") || url.starts_with('\\') {
        return false;
    }
    let lower = url.to_ascii_lowercase();
    match lower.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            matches!(scheme, "http" | "https" | "mailto" | "tel")
        }
        _ => true,
    }
}

/// Checks a link; the error is the message for the editor.
pub fn check_link(url: &str) -> Result<(), String> {
    if is_safe_link(url) {
        Ok(())
    } else {
        Err(format!("the link `{}` is not allowed", shown(url)))
    }
}

/// Checks `base_url`: `http://` or `https://`, a host, no spaces, query or
/// fragment.
pub fn check_base_url(url: &str) -> Result<(), String> {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    let host = rest.map(|r| r.split('/').next().unwrap_or(""));
    let ok = host.is_some_and(|h| !h.is_empty() && !h.contains(['@', '\\']))
        && !url.contains(|c: char| c.is_whitespace() || c.is_control() || "?#\"'<>\\".contains(c));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "the base_url `{}` is not allowed: it must be an absolute https:// or http:// address, e.g. https://www.example.no/rettleiar/",
            shown(url)
        ))
    }
}

/// Checks an e-mail address that becomes a `mailto:` link.
pub fn check_email(address: &str) -> Result<(), String> {
    let ok = match address.split_once('@') {
        Some((user, host)) => {
            !user.is_empty()
                && host.contains('.')
                && !host.contains('@')
                && address
                    .chars()
                    .all(|c| c.is_alphanumeric() || "@.-_+".contains(c))
        }
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{}` is not an e-mail address: write it as name@example.no",
            shown(address)
        ))
    }
}

fn shown(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().take(200) {
        match c.is_control() {
            true => out.extend(c.escape_default()),
            false => out.push(c),
        }
    }
    out
}

/// For `#[serde(deserialize_with)]` on a link field.
pub fn deserialize_link<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let text = <String as serde::Deserialize>::deserialize(d)?;
    check_link(&text).map_err(|m| serde::de::Error::custom(format!("{m}: {LINK_HELP}")))?;
    Ok(text)
}

/// For `#[serde(deserialize_with)]` on `base_url`.
pub fn deserialize_base_url<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    let text = <Option<String> as serde::Deserialize>::deserialize(d)?;
    match text.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(url) => {
            check_base_url(url).map_err(serde::de::Error::custom)?;
            Ok(Some(url.to_string()))
        }
    }
}

/// For `#[serde(deserialize_with)]` on an e-mail address.
pub fn deserialize_email<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let text = <String as serde::Deserialize>::deserialize(d)?;
    check_email(&text).map_err(serde::de::Error::custom)?;
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links() {
        for ok in [
            "https://a.no/x",
            "mailto:a@b.no",
            "tel:+4712",
            "../a5/",
            "#a5",
            "x.html",
        ] {
            assert!(is_safe_link(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JaVa\tScRipt:1",
            "data:text/html,x",
            "//other.example/x",
            "/\\other.example",
            " javascript:1",
            "vbscript:x",
        ] {
            assert!(!is_safe_link(bad), "{bad}");
        }
    }

    #[test]
    fn base_urls() {
        assert!(check_base_url("https://www.example.no/x/").is_ok());
        assert!(check_base_url("http://localhost:8000").is_ok());
        for bad in [
            "www.example.no/x",
            "javascript:alert(1)",
            "https://",
            "https://a.no/\"x",
            "ftp://a.no",
        ] {
            assert!(check_base_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn emails() {
        assert!(check_email("siso@bomlo.kommune.no").is_ok());
        for bad in ["x", "a@b", "a@b.no?subject=x", "a b@c.no", "a@b.no\"x"] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
    }
}
