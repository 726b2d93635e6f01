//! Rebuilding on changes: `notify` watches `source/`, `locales/` and
//! `theme/` (and the folders holding them, so that one removed and made
//! again is watched anew); after the first change the watcher waits until no further
//! change came for [`DEBOUNCE`] (an editor's save is several events), then
//! builds once and hands the result to the [`Hub`].
//!
//! The waiting is done here rather than with `notify-debouncer-mini`: that
//! one cannot tell a file being opened for reading from a change, and
//! every build opens every file, so each build would start the next. (The
//! full debouncer can tell them apart, but wakes every quarter of the
//! debounce time even when nothing happens.)

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex, Weak};
use std::thread;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::{describe, Built, Hub};
use crate::error::Error;
use crate::project::Paths;

/// How long the sources must be still before a rebuild starts.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

type Message = (Instant, notify::Result<Event>);

/// What is watched: the folders a build reads, and the folders holding
/// them (not recursively), so that a folder removed and made again is
/// seen and watched anew.
struct Watch {
    watcher: Weak<Mutex<RecommendedWatcher>>,
    /// The folders a build reads, as absolute paths.
    roots: Vec<PathBuf>,
}

/// The watcher; it stops when the last copy is dropped.
pub type Handle = Arc<Mutex<RecommendedWatcher>>;

/// Starts watching; the returned watcher stops when dropped.
pub fn start(paths: &Paths, hub: Arc<Hub>) -> Result<Handle, Error> {
    let (tx, rx) = mpsc::channel::<Message>();
    // Builds do not follow symbolic links, so watching need not either.
    let config = notify::Config::default().with_follow_symlinks(false);
    let mut watcher = RecommendedWatcher::new(
        move |event| {
            let _ = tx.send((Instant::now(), event));
        },
        config,
    )
    .map_err(|e| Error::tool(format!("cannot watch the sources for changes: {e}")))?;
    let cannot = |dir: &Path, e: &dyn std::fmt::Display| {
        Error::tool(format!("cannot watch `{}`: {e}", dir.display()))
    };
    let mut roots = Vec::new();
    for dir in [&paths.source, &paths.locales, &paths.theme] {
        // `locales/` and `theme/` may be missing (the built-in ones serve
        // then): their parent is watched until they appear.
        let root = watched_path(dir).map_err(|e| cannot(dir, &e))?;
        if root.is_dir() || dir == &paths.source {
            watcher
                .watch(&root, RecursiveMode::Recursive)
                .map_err(|e| cannot(dir, &e))?;
        }
        if let Some(parent) = root.parent() {
            watcher
                .watch(parent, RecursiveMode::NonRecursive)
                .map_err(|e| cannot(parent, &e))?;
        }
        roots.push(root);
    }
    let handle = Arc::new(Mutex::new(watcher));
    let watch = Watch {
        watcher: Arc::downgrade(&handle),
        roots,
    };
    let paths = paths.clone();
    thread::spawn(move || rebuild_on_changes(&rx, &watch, &paths, &hub));
    Ok(handle)
}

/// The absolute, symlink-free path of `dir`, which need not exist when
/// its parent does.
fn watched_path(dir: &Path) -> std::io::Result<std::path::PathBuf> {
    if dir.exists() {
        return dir.canonicalize();
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = dir
        .file_name()
        .ok_or_else(|| std::io::Error::other("the path has no folder name"))?;
    Ok(parent.canonicalize()?.join(name))
}

impl Watch {
    /// Whether an event can change what a build reads: one below a
    /// watched folder (the folders around them hold other things too),
    /// and not just a file being opened or read (which every build does).
    /// A watched folder that appears or goes is watched anew.
    fn is_change(&self, event: &Event) -> bool {
        match event.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => {}
            EventKind::Access(_) => return false,
            _ => {}
        }
        // An event naming no file (the watcher lost track): rebuild.
        let mut relevant = event.paths.is_empty();
        for path in &event.paths {
            for root in self.roots.iter().filter(|r| path.starts_with(r)) {
                relevant = true;
                if path == root {
                    self.rearm(root);
                }
            }
        }
        relevant
    }

    /// Watches `root` again: the old watch ended with the folder it was
    /// on. A folder not (yet) there is watched when it appears.
    fn rearm(&self, root: &Path) {
        let Some(watcher) = self.watcher.upgrade() else {
            return;
        };
        let mut watcher = watcher.lock().unwrap_or_else(|e| e.into_inner());
        let _ = watcher.unwatch(root);
        if root.is_dir() {
            if let Err(e) = watcher.watch(root, RecursiveMode::Recursive) {
                eprintln!("warning: cannot watch `{}`: {e}", root.display());
            }
        }
    }

    /// The next change: when it was seen and the file it names.
    fn next_change(&self, rx: &Receiver<Message>) -> Option<(Instant, Option<PathBuf>)> {
        loop {
            match rx.recv().ok()? {
                (at, Ok(event)) if self.is_change(&event) => {
                    return Some((at, event.paths.first().cloned()))
                }
                (_, Ok(_)) => {}
                (_, Err(e)) => eprintln!("warning: watching for changes: {e}"),
            }
        }
    }

    /// Waits until no change came for [`DEBOUNCE`]; false when the
    /// watcher is gone.
    fn settle(&self, rx: &Receiver<Message>, first: Instant) -> bool {
        let mut deadline = first + DEBOUNCE;
        loop {
            match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Ok((at, Ok(event))) if self.is_change(&event) => {
                    deadline = deadline.max(at + DEBOUNCE)
                }
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => return true,
                Err(RecvTimeoutError::Disconnected) => return false,
            }
        }
    }
}

/// A changed file as the editor knows it: relative to the working folder.
fn shown(path: &Path) -> &Path {
    std::env::current_dir()
        .and_then(|d| d.canonicalize())
        .ok()
        .and_then(|d| path.strip_prefix(d).ok())
        .unwrap_or(path)
}

fn rebuild_on_changes(rx: &Receiver<Message>, watch: &Watch, paths: &Paths, hub: &Hub) {
    while let Some((first, path)) = watch.next_change(rx) {
        if !watch.settle(rx, first) {
            return;
        }
        let started = Instant::now();
        let what = path.map_or_else(String::new, |p| format!(" to {}", shown(&p).display()));
        match hub.now().site.rebuild(paths) {
            Ok(site) => {
                let outcome = hub.built(site);
                let ms = |d: Duration| d.as_secs_f64() * 1000.0;
                let timing = format!(
                    "{:.1} ms after the change (waited {} ms for more, built in {:.1} ms)",
                    ms(first.elapsed()),
                    DEBOUNCE.as_millis(),
                    ms(started.elapsed()),
                );
                match outcome {
                    Built::Changed => {
                        println!("Rebuilt after a change{what}: reload sent {timing}.")
                    }
                    Built::Fixed => {
                        println!("The sources build again{what}: notice cleared {timing}.")
                    }
                    Built::Same => {}
                }
            }
            Err(e) => {
                let text = describe(&e);
                if hub.failed(text.clone()) {
                    eprintln!("{text}");
                    eprintln!(
                        "The preview keeps showing the last good pages; save a fix to rebuild."
                    );
                }
            }
        }
    }
}
