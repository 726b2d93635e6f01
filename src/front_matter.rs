//! The front matter of a language's text: the YAML between two `---`
//! lines at the start of its first file, holding only the words of that
//! language. A field that states a fact of `document.yaml` is refused here,
//! naming where the fact belongs.

use std::sync::Arc;

use crate::config::parse_yaml;
use crate::error::{Kind, Location, Problem, SourceFile};
use crate::model::{FrontMatter, DOCUMENT_FACTS};

/// Reads the front matter `yaml`, which starts at byte `base` of `file`.
pub fn parse(file: &Arc<SourceFile>, yaml: &str, base: usize) -> Result<FrontMatter, Vec<Problem>> {
    let repeated = repeated_facts(file, yaml, base);
    if !repeated.is_empty() {
        return Err(repeated);
    }
    parse_yaml(file, yaml, base).map_err(|p| vec![p])
}

/// The YAML between a leading `---` line and the next `---` line (with its
/// byte offset), and where the markdown starts.
pub fn split(text: &str) -> (Option<(&str, usize)>, usize) {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return (None, 0);
    };
    let base = text.len() - rest.len();
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let body = base + offset + line.len();
            return (Some((&rest[..offset], base)), body);
        }
        offset += line.len();
    }
    (Some((rest, base)), text.len())
}

/// Top-level keys of the front matter that state a fact of
/// `document.yaml`: each is a problem naming where the fact belongs, so two
/// files can never disagree about it.
fn repeated_facts(file: &Arc<SourceFile>, yaml: &str, base: usize) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        let key = line.split(':').next().unwrap_or("").trim_end();
        let top = line.contains(':') && !line.starts_with([' ', '\t', '#', '-']);
        if let Some((name, instead)) = DOCUMENT_FACTS.iter().find(|(n, _)| top && *n == key) {
            problems.push(
                Problem::new(
                    Kind::Metadata,
                    format!("`{name}` is a fact of the document: it belongs in `document.yaml`, not in the front matter"),
                )
                .at(Location::new(file, base + offset, name.len()))
                .help(format!(
                    "remove the line; `document.yaml` states `{name}` once for every language{instead}"
                )),
            );
        }
        offset += line.len();
    }
    problems
}

#[cfg(test)]
mod tests {
    use crate::error::Kind;
    use crate::error::SourceFile;
    use crate::markdown::parse_language;

    fn parse(text: &str) -> Vec<crate::error::Problem> {
        parse_language("nn", &[SourceFile::new("x.md", text)]).unwrap_err()
    }

    #[test]
    fn refuses_facts_of_the_document_in_the_front_matter() {
        let err = parse("---\ntitle: T\nshort_title: S\nbody: B\nnoun: N\nmunicipality: M\nadopted_by: K\n---\n## A {#a}\n");
        let messages: Vec<_> = err.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].starts_with("`municipality` is a fact of the document"));
        assert_eq!(err[0].location.as_ref().unwrap().line_col(), (6, 1));
        assert!(err[1].help.as_deref().unwrap().contains("`body:`"));
    }

    #[test]
    fn reads_the_fields_of_the_language() {
        let text = "---\ntitle: T\nshort_title: S\nbody: B\nnoun: N\n---\n## A {#a}\n\nText.\n";
        let doc = parse_language("nn", &[SourceFile::new("x.md", text)]).unwrap();
        assert_eq!(
            (doc.front.body.as_str(), doc.front.noun.as_str()),
            ("B", "N")
        );
        assert!(doc.front.cover.is_none() && doc.front.based_on.is_none());
        let err = parse("---\ntitle: T\nshort_title: S\nnoun: N\n---\n## A {#a}\n");
        assert_eq!(err[0].kind, Kind::Metadata);
        assert!(
            err[0].message.starts_with("missing field `body`"),
            "{err:?}"
        );
    }
}
