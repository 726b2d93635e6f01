//! Ids: the one rule for every id from every file (markdown markers, the
//! anchor register, the command line), checked before the id is used for
//! anything (an anchor, a folder name), and the `{#id}` marker syntax.

use std::fmt;

/// The longest id accepted: ids become anchors and folder names.
pub const MAX_LEN: usize = 64;

/// Attributes a marker may carry besides its id. The list is closed:
/// anything else in a marker is refused, so no attribute of the text
/// reaches the page. `label` is the number a rule is printed with (on a
/// rule: `4.1`), or on a section the pattern of its rules' numbers, where
/// `{n}` stands for the rule's place in the section (`4.{n}`, `A{n}`).
pub const MARKER_ATTRIBUTES: &[&str] = &["label"];

/// The longest label accepted.
pub const MAX_LABEL_LEN: usize = 32;

/// What to do about a bad label, in words for the editor.
pub const LABEL_HELP: &str = "write the number as the document prints it, e.g. `label=\"4.1\"` on a rule or `label=\"4.{n}\"` on its section; at most 32 characters, no quotes or braces but `{n}`";

/// Checks a label or label pattern: short, printable, no quote, and no
/// brace but the placeholder `{n}`.
pub fn check_label(label: &str) -> Result<(), IdError> {
    let rest = label.replace("{n}", "");
    let ok = !label.trim().is_empty()
        && label.chars().count() <= MAX_LABEL_LEN
        && !rest
            .chars()
            .any(|c| c.is_control() || matches!(c, '{' | '}' | '"' | '<' | '>' | '&'));
    if ok {
        Ok(())
    } else {
        let shown: String = label.chars().take(MAX_LABEL_LEN + 8).collect();
        Err(IdError(format!("`{shown}` is not a valid label")))
    }
}

/// An id that passed [`Id::parse`]: lower-case ASCII letters, digits and
/// `-`, starting with a letter or a digit (`4-1` for rule 4.1), at most
/// [`MAX_LEN`] bytes. It is safe as
/// an HTML attribute value, a URL fragment and a single folder name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Id(String);

/// Why a text is not an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdError(pub String);

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What to do about a bad id, in words for the editor.
pub const HELP: &str =
    "use lower-case letters a–z, digits and `-`, starting with a letter or digit, e.g. `a5`, `4-1` or `part-a`";

impl Id {
    pub fn parse(text: &str) -> Result<Id, IdError> {
        let ok = text.len() <= MAX_LEN
            && text.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
            && text
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if ok {
            Ok(Id(text.to_string()))
        } else {
            let shown: String = text.chars().take(MAX_LEN + 8).collect();
            Err(IdError(format!("`{shown}` is not a valid id")))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// For `#[serde(deserialize_with)]` on an id field: the id is checked as
/// the file is read, so the problem points at its line.
pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let text = <String as serde::Deserialize>::deserialize(d)?;
    Id::parse(&text)
        .map(Id::into_string)
        .map_err(|e| serde::de::Error::custom(format!("{e}: {HELP}")))
}

/// [`deserialize`] for an optional id.
pub fn deserialize_opt<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match <Option<String> as serde::Deserialize>::deserialize(d)? {
        None => Ok(None),
        Some(text) => Id::parse(&text)
            .map(|id| Some(id.into_string()))
            .map_err(|e| serde::de::Error::custom(format!("{e}: {HELP}"))),
    }
}

/// A `{#id}` marker: an id and the attributes of [`MARKER_ATTRIBUTES`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub id: Id,
    pub attributes: Vec<(String, String)>,
}

impl Marker {
    /// The value of the `label` attribute, if the marker has one.
    pub fn label(&self) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(name, _)| name == "label")
            .map(|(_, value)| value.as_str())
    }

    /// Reads a whole marker, `{#id}` (with the braces).
    pub fn parse(text: &str) -> Result<Marker, IdError> {
        let inner = text
            .strip_prefix("{#")
            .and_then(|t| t.strip_suffix('}'))
            .ok_or_else(|| IdError(format!("`{text}` is not an id marker")))?;
        let (id, mut rest) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
        let id = Id::parse(id).map_err(|e| match rest.is_empty() {
            true => e,
            false => IdError(format!("`{inner}` is not a valid id")),
        })?;
        let mut attributes = Vec::new();
        loop {
            rest = rest.trim_start();
            if rest.is_empty() {
                return Ok(Marker { id, attributes });
            }
            let (name, value, after) = attribute(rest)?;
            if !MARKER_ATTRIBUTES.contains(&name) {
                return Err(IdError(format!(
                    "`{name}` is not allowed in an id marker: a marker holds an id and perhaps a label, e.g. `{{#a5}}` or `{{#p4-1 label=\"4.1\"}}`"
                )));
            }
            if attributes.iter().any(|(n, _)| n == name) {
                return Err(IdError(format!("`{name}` is given twice in the marker")));
            }
            check_label(value)?;
            attributes.push((name.to_string(), value.to_string()));
            rest = after;
        }
    }
}

/// `name="value"` at the start of `text`: name, value and what follows.
fn attribute(text: &str) -> Result<(&str, &str, &str), IdError> {
    let bad = || {
        let word = text.split_whitespace().next().unwrap_or(text);
        let name = word.split('=').next().unwrap_or(word);
        IdError(format!(
            "`{name}` is not allowed in an id marker: a marker holds an id and perhaps a label, e.g. `{{#a5}}` or `{{#p4-1 label=\"4.1\"}}`"
        ))
    };
    let (name, rest) = text.split_once('=').ok_or_else(bad)?;
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
        return Err(bad());
    }
    let value = rest.strip_prefix('"').ok_or_else(bad)?;
    let (value, after) = value.split_once('"').ok_or_else(bad)?;
    Ok((name, value, after))
}

/// Ids the theme's templates give elements themselves (`id="…"` written
/// out, e.g. the skip link's target): an id of the text may not take one.
pub fn theme_ids<'a>(templates: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut ids = Vec::new();
    for text in templates {
        for quote in ['"', '\''] {
            let open = format!("id={quote}");
            for (at, _) in text.match_indices(&open) {
                let value = &text[at + open.len()..];
                let value = &value[..value.find(quote).unwrap_or(0)];
                if !value.is_empty() && !value.contains(['{', '}', '%']) {
                    ids.push(value.to_string());
                }
            }
        }
    }
    ids.sort();
    ids.dedup();
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lower_case_words() {
        assert!(Id::parse("a5").is_ok());
        assert!(Id::parse("part-a").is_ok());
        assert!(Id::parse("4-1").is_ok());
        assert!(Id::parse("5a").is_ok());
        for bad in [
            "", "A5", "-5", "4.1", "../x", "a/b", "a.b", "a_b", "a b", "a\0",
        ] {
            assert!(Id::parse(bad).is_err(), "{bad:?}");
        }
        assert!(Id::parse(&"a".repeat(MAX_LEN + 1)).is_err());
    }

    #[test]
    fn markers_hold_an_id_and_perhaps_a_label() {
        assert_eq!(Marker::parse("{#a5}").unwrap().id.as_str(), "a5");
        assert_eq!(Marker::parse("{#a5}").unwrap().label(), None);
        let m = Marker::parse("{#p4-1 label=\"4.1\"}").unwrap();
        assert_eq!((m.id.as_str(), m.label()), ("p4-1", Some("4.1")));
        let m = Marker::parse("{#del-4 label=\"§ 4.{n}\"}").unwrap();
        assert_eq!(m.label(), Some("§ 4.{n}"));
        for bad in [
            "{#a5 tabindex=0}",
            "{#k autofocus onfocus=alert(1)}",
            "{#k .cls}",
            "{#k label=x}",
            "{#k label=\"\"}",
            "{#k label=\"<b>\"}",
            "{#k label=\"{x}\"}",
            "{#k label=\"1\" label=\"2\"}",
            "{#K}",
            "{#}",
        ] {
            assert!(Marker::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn theme_ids_are_the_literal_ones() {
        let ids = theme_ids(["<main id=\"main-content\"><h2 id=\"{{ s.id }}_h\"><p id='x'>"]);
        assert_eq!(ids, ["main-content", "x"]);
    }
}
