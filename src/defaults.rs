//! The theme and messages built into the tool: every file of the
//! repository's `theme/` and `locales/`, compiled in (see `build.rs`), so
//! that a project needs only `source/`. A project's own files in
//! `theme/` and `locales/` take the place of these file by file.

/// (path such as `theme/style.css` or `locales/nn/main.ftl`, bytes).
static FILES: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/defaults.rs"));

/// The built-in files below `folder` (`theme` or `locales`), as (path
/// relative to it, bytes), in name order.
pub fn below(folder: &str) -> impl Iterator<Item = (&'static str, &'static [u8])> + '_ {
    FILES.iter().filter_map(move |(path, bytes)| {
        let rel = path.strip_prefix(folder)?.strip_prefix('/')?;
        Some((rel, *bytes))
    })
}

/// Whether the tool has built-in messages for `lang`.
pub fn has_language(lang: &str) -> bool {
    below("locales").any(|(rel, _)| rel.split('/').next() == Some(lang))
}

/// What follows a built-in file's name in messages.
pub const SUFFIX: &str = " (built in)";

/// What a built-in file is called in messages: `theme/style.css (built in)`.
pub fn name(folder: &str, rel: &str) -> String {
    format!("{folder}/{rel}{SUFFIX}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_the_repository_theme_and_messages() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for (folder, rel) in [
            ("theme", "templates/page.html"),
            ("theme", "style.css"),
            ("locales", "nn/main.ftl"),
            ("locales", "en/serve.ftl"),
        ] {
            let (_, bytes) = below(folder).find(|(r, _)| *r == rel).unwrap();
            assert_eq!(bytes, std::fs::read(root.join(folder).join(rel)).unwrap());
        }
        assert!(below("theme").all(|(rel, _)| !rel.starts_with('.')));
        assert!(has_language("nn") && has_language("en") && !has_language("n"));
    }
}
