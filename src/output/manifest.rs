//! The manifest: what the last build wrote into the output folder, kept in
//! the marker file. For each file its path, SHA-256, size and what the disk
//! said of it right after it was written (modification and change times,
//! inode), so that a file edited or replaced since is noticed and written
//! again; the change time cannot be set back by hand.
//!
//! The format is text, one file a line:
//! `sha256 size mtime-ns ctime-ns inode path`.

use std::collections::HashMap;
use std::fs::Metadata;
use std::os::unix::fs::MetadataExt;

/// The first line of a manifest; anything else is read as an empty one.
const HEADER: &str = "rettleiar output manifest 2";
const NOTE: &str =
    "# This folder is written by `rettleiar build`, which replaces what is not part of the site.\n\
# Each line: sha256 size mtime-ns ctime-ns inode path, of a file as the last build wrote it.\n";

/// What the disk says of a file; equal stamps mean an untouched file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    pub mtime_ns: i64,
    pub ctime_ns: i64,
    pub inode: u64,
}

impl Stamp {
    pub fn of(meta: &Metadata) -> Stamp {
        Stamp {
            size: meta.len(),
            mtime_ns: nanos(meta.mtime(), meta.mtime_nsec()),
            ctime_ns: nanos(meta.ctime(), meta.ctime_nsec()),
            inode: meta.ino(),
        }
    }
}

/// Nanoseconds since 1970, which fit until the year 2262; a time
/// outside that range only makes the file look edited.
fn nanos(seconds: i64, nanos: i64) -> i64 {
    seconds.saturating_mul(1_000_000_000).saturating_add(nanos)
}

/// One file as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub hash: [u8; 32],
    pub stamp: Stamp,
}

/// Relative path (with `/`) → entry.
#[derive(Debug, Default)]
pub struct Manifest {
    pub files: HashMap<String, Entry>,
}

impl Manifest {
    /// Reads a manifest; one that cannot be read (an older marker, a
    /// damaged file) is empty, which only makes the build write every file.
    pub fn parse(text: &str) -> Manifest {
        let mut lines = text.lines();
        if lines.next() != Some(HEADER) {
            return Manifest::default();
        }
        let files = lines
            .filter(|l| !l.starts_with('#'))
            .map_while(parse_line)
            .collect();
        Manifest { files }
    }

    pub fn to_text(&self) -> String {
        text_of(self.files.iter().map(|(path, e)| (path.as_str(), e)))
    }
}

/// The text of a manifest holding `files`, in any order.
pub fn text_of<'a>(files: impl Iterator<Item = (&'a str, &'a Entry)>) -> String {
    use std::fmt::Write;
    let mut files: Vec<_> = files.collect();
    files.sort_unstable_by_key(|(path, _)| *path);
    let mut text = String::with_capacity(HEADER.len() + NOTE.len() + files.len() * 140);
    text.push_str(HEADER);
    text.push('\n');
    text.push_str(NOTE);
    for (path, e) in files {
        let s = e.stamp;
        for b in e.hash {
            let _ = write!(text, "{b:02x}");
        }
        let _ = writeln!(
            text,
            " {} {} {} {} {path}",
            s.size, s.mtime_ns, s.ctime_ns, s.inode
        );
    }
    text
}

fn parse_line(line: &str) -> Option<(String, Entry)> {
    let mut parts = line.splitn(6, ' ');
    let hash = unhex(parts.next()?)?;
    let size = parts.next()?.parse().ok()?;
    let mtime_ns = parts.next()?.parse().ok()?;
    let ctime_ns = parts.next()?.parse().ok()?;
    let inode = parts.next()?.parse().ok()?;
    let path = parts.next()?.to_string();
    let stamp = Stamp {
        size,
        mtime_ns,
        ctime_ns,
        inode,
    };
    Some((path, Entry { hash, stamp }))
}

fn unhex(text: &str) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    if text.len() != 64 {
        return None;
    }
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_reads_back_as_written_and_a_foreign_one_as_empty() {
        let mut m = Manifest::default();
        let stamp = Stamp {
            size: 3,
            mtime_ns: -5,
            ctime_ns: 6,
            inode: 7,
        };
        let entry = Entry {
            hash: [0xab; 32],
            stamp,
        };
        m.files.insert("nn/a 5/index.html".into(), entry.clone());
        let back = Manifest::parse(&m.to_text());
        assert_eq!(back.files.get("nn/a 5/index.html"), Some(&entry));
        assert!(Manifest::parse("This folder is written by rettleiar\n")
            .files
            .is_empty());
    }
}
