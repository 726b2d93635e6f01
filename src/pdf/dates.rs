//! When a PDF was made, as its metadata says: the time `SOURCE_DATE_EPOCH`
//! names when it is set (the reproducible-builds convention), otherwise
//! the time its sources last changed: the newest of the files in
//! `source/` that are not another language's text (the language's own
//! folder, `site.yaml`, `document.yaml`, the anchor register). Never the
//! clock and never the adoption date: the same sources give the same
//! dates, a changed text a later one, and a corrected translation leaves
//! the adopted text's PDF as it was.

use std::path::Path;

use time::OffsetDateTime;

use crate::error::Error;

/// The environment variable of the reproducible-builds convention.
pub const SOURCE_DATE_EPOCH: &str = "SOURCE_DATE_EPOCH";

/// The time the PDF of `lang`, made from the sources in `source`, is
/// dated.
pub fn made(source: &Path, lang: &str) -> Result<OffsetDateTime, Error> {
    let epoch = std::env::var(SOURCE_DATE_EPOCH).ok();
    made_from(epoch.as_deref(), source, lang)
}

/// [`made`] with the variable's value given.
pub fn made_from(epoch: Option<&str>, source: &Path, lang: &str) -> Result<OffsetDateTime, Error> {
    match epoch.map(str::trim).filter(|e| !e.is_empty()) {
        Some(epoch) => from_epoch(epoch),
        None => newest_file(source, lang),
    }
}

fn from_epoch(epoch: &str) -> Result<OffsetDateTime, Error> {
    epoch
        .parse::<i64>()
        .ok()
        .and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok())
        .ok_or_else(|| {
            Error::tool(format!(
                "{SOURCE_DATE_EPOCH} is `{epoch}`, which is not a time in seconds since 1970-01-01"
            ))
            .with_help(format!(
                "set {SOURCE_DATE_EPOCH} to a whole number of seconds (e.g. `git log -1 --format=%ct`), or unset it to date the PDFs by the newest file in source/"
            ))
        })
}

/// The modification time of the newest file below `source` but in the
/// folders of other languages, to the second.
fn newest_file(source: &Path, lang: &str) -> Result<OffsetDateTime, Error> {
    let mut newest = None;
    let walk = walkdir::WalkDir::new(source).follow_links(false);
    let others =
        |e: &walkdir::DirEntry| e.depth() == 1 && e.file_type().is_dir() && e.file_name() != lang;
    for entry in walk.into_iter().filter_entry(|e| !others(e)) {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(source).display().to_string();
            Error::io(format!("cannot read `{path}`"), e.into())
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let modified = entry
            .metadata()
            .map_err(|e| {
                Error::io(
                    format!("cannot read `{}`", entry.path().display()),
                    e.into(),
                )
            })?
            .modified()
            .map_err(|e| Error::io(format!("cannot read `{}`", entry.path().display()), e))?;
        newest = newest.max(Some(modified));
    }
    let newest = newest.ok_or_else(|| {
        Error::tool(format!(
            "`{}` holds no files to date the PDFs by",
            source.display()
        ))
    })?;
    let at = OffsetDateTime::from(newest);
    Ok(at.replace_nanosecond(0).unwrap_or(at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_epoch_wins_and_must_be_a_number() {
        let dir = tempfile::tempdir().unwrap();
        let at = made_from(Some("1700000000"), dir.path(), "nn").unwrap();
        assert_eq!(at.unix_timestamp(), 1_700_000_000);
        assert!(made_from(Some("yesterday"), dir.path(), "nn").is_err());
    }

    #[test]
    fn without_the_epoch_the_newest_of_the_languages_sources_dates_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("nn")).unwrap();
        std::fs::create_dir(dir.path().join("en")).unwrap();
        let old = dir.path().join("site.yaml");
        let new = dir.path().join("nn/text.md");
        let other = dir.path().join("en/text.md");
        for file in [&old, &new, &other] {
            std::fs::write(file, "").unwrap();
        }
        let set = |path: &Path, secs: u64| {
            let time = std::time::UNIX_EPOCH + std::time::Duration::new(secs, 500);
            let file = std::fs::File::options().write(true).open(path).unwrap();
            file.set_modified(time).unwrap();
        };
        set(&old, 1_600_000_000);
        set(&new, 1_650_000_000);
        set(&other, 1_690_000_000);
        let at = made_from(None, dir.path(), "nn").unwrap();
        assert_eq!(at.unix_timestamp(), 1_650_000_000);
        assert_eq!(at.nanosecond(), 0);
        let at = made_from(Some(""), dir.path(), "en").unwrap();
        assert_eq!(at.unix_timestamp(), 1_690_000_000);
        set(&old, 1_700_000_000);
        let at = made_from(None, dir.path(), "nn").unwrap();
        assert_eq!(
            at.unix_timestamp(),
            1_700_000_000,
            "site.yaml is every language's"
        );
    }
}
