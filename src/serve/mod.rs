//! `rettleiar serve`: a live preview for editors and translators. Builds the
//! site into memory, serves it on 127.0.0.1, watches `source/`, `locales/`
//! and `theme/`, and rebuilds on every save; open pages reload themselves.
//!
//! The parts: [`site`] builds a [`Site`] (the pages of `build`, plus the
//! serve-only pieces from `theme/templates/serve/`), the [`Hub`] here holds
//! the last good one and the current problem and wakes the pages' event
//! streams, [`watch`] rebuilds on changes, [`conn`] speaks HTTP/1.1 with
//! time-outs and limits, one thread per connection, and [`http`] decides
//! the answers.
//!
//! Nothing is written to disk: pages are answered from memory, so no
//! request can reach a file outside the site. The live-reload script is
//! added to HTML answers only here, never to the files `build` publishes.

mod conn;
mod host;
mod http;
mod site;
mod watch;

use std::net::{IpAddr, SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Condvar, Mutex};
use std::thread;
use std::time::Duration;

use crate::address::Lang;
use crate::error::Error;
use crate::project::Paths;

pub use site::{describe, Site};

/// Where to listen.
#[derive(Debug, Clone)]
pub struct Options {
    pub bind: IpAddr,
    /// 0 picks a free port (the URLs printed name it).
    pub port: u16,
}

/// Builds, serves and watches until Ctrl-C. Fails (with the sources'
/// problems) only when the first build fails.
pub fn serve(paths: &Paths, options: &Options) -> Result<(), Error> {
    let site = Site::build(paths)?;
    let listener = listen(SocketAddr::new(options.bind, options.port)).map_err(|e| Error::Tool {
        message: format!("cannot listen on {}:{}", options.bind, options.port),
        help: Some("another program may use the port: choose another with --port, or --port 0 for any free one".into()),
        source: Some(Box::new(e)),
    })?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::tool(format!("cannot read the address listened on: {e}")))?;

    let (stop_tx, stop_rx) = mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = stop_tx.send(());
    })
    .map_err(|e| Error::tool(format!("cannot catch Ctrl-C: {e}")))?;

    let languages = site.languages().to_vec();
    let hub = Arc::new(Hub::new(site));
    let watcher = watch::start(paths, Arc::clone(&hub))?;

    let stopping = Arc::new(AtomicBool::new(false));
    let acceptor = {
        let (hub, stopping) = (Arc::clone(&hub), Arc::clone(&stopping));
        thread::spawn(move || conn::accept(listener, addr, hub, stopping))
    };

    announce(paths, options, addr, &languages);

    let _ = stop_rx.recv();
    drop(watcher);
    stopping.store(true, Ordering::SeqCst);
    // Wake the accepting thread, which then ends and closes the socket.
    // Connections still open end with the process; none is waited for.
    if TcpStream::connect_timeout(&loopback(addr), WAKE_TIME).is_ok() {
        let _ = acceptor.join();
    }
    println!("Stopped.");
    Ok(())
}

/// Prints where the preview is served and what is watched.
fn announce(paths: &Paths, options: &Options, addr: SocketAddr, languages: &[Lang]) {
    let url = url_of(addr);
    println!("Serving a live preview at {url} (Ctrl-C stops)");
    for lang in languages {
        println!("  {lang}  {url}{lang}/");
    }
    if !addr.ip().is_loopback() {
        println!(
            "Other machines on the network can open it too (--bind {}), by IP address.",
            options.bind
        );
    }
    println!(
        "Watching {}, {} and {} for changes.",
        paths.source.display(),
        paths.locales.display(),
        paths.theme.display()
    );
}

/// How long to try to wake the accepting thread on stopping.
const WAKE_TIME: Duration = Duration::from_secs(1);

/// A listening socket whose connections send each write at once: with
/// Nagle's algorithm on, the last part of an answer can wait for the
/// client's delayed acknowledgement (40 ms on Linux). Accepted connections
/// inherit the option from the listener.
fn listen(addr: SocketAddr) -> std::io::Result<std::net::TcpListener> {
    use socket2::{Domain, Protocol, Socket, Type};
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, Some(Protocol::TCP))?;
    // As std's `TcpListener::bind` does: a restart may reuse the port at once.
    socket.set_reuse_address(true)?;
    socket.set_tcp_nodelay(true)?;
    socket.bind(&addr.into())?;
    socket.listen(128)?;
    Ok(socket.into())
}

/// The address to reach the server from this machine: a wildcard bind is
/// reachable on loopback too.
fn loopback(mut addr: SocketAddr) -> SocketAddr {
    if addr.ip().is_unspecified() {
        addr.set_ip(match addr.ip() {
            IpAddr::V4(_) => IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
            IpAddr::V6(_) => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
        });
    }
    addr
}

/// The address to print.
fn url_of(addr: SocketAddr) -> String {
    format!("http://{}/", loopback(addr))
}

/// What the pages should show now: the last good site, and the problem of
/// the last build when it failed. `version` counts the changes.
#[derive(Clone)]
pub struct Now {
    pub version: u64,
    pub site: Arc<Site>,
    pub problem: Option<Arc<str>>,
}

/// What a good build changed for the readers.
#[derive(Debug, PartialEq, Eq)]
pub enum Built {
    /// The pages differ: open pages reload.
    Changed,
    /// The pages are as before, but the problem shown is gone.
    Fixed,
    /// Nothing a reader sees changed (e.g. an editor's backup file).
    Same,
}

/// The shared state between the rebuilds and the event streams.
pub struct Hub {
    now: Mutex<Now>,
    changed: Condvar,
}

impl Hub {
    pub fn new(site: Site) -> Hub {
        Hub {
            now: Mutex::new(Now {
                version: 1,
                site: Arc::new(site),
                problem: None,
            }),
            changed: Condvar::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Now> {
        // A panicking reader cannot leave `Now` half-written: recover.
        self.now.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn now(&self) -> Now {
        self.lock().clone()
    }

    /// Takes a good build; wakes the streams when readers see a change.
    pub fn built(&self, site: Site) -> Built {
        let mut now = self.lock();
        let outcome = if site.id != now.site.id {
            now.site = Arc::new(site);
            Built::Changed
        } else if now.problem.is_some() {
            Built::Fixed
        } else {
            Built::Same
        };
        if outcome != Built::Same {
            now.problem = None;
            now.version += 1;
            self.changed.notify_all();
        }
        outcome
    }

    /// Takes a failed build's problem, keeping the last good site. Returns
    /// false when it is the problem already shown.
    pub fn failed(&self, problem: String) -> bool {
        let mut now = self.lock();
        if now.problem.as_deref() == Some(problem.as_str()) {
            return false;
        }
        now.problem = Some(problem.into());
        now.version += 1;
        self.changed.notify_all();
        true
    }

    /// Waits until the state is newer than `seen`, at most `timeout`;
    /// `None` when nothing changed in that time.
    pub fn next(&self, seen: u64, timeout: Duration) -> Option<Now> {
        let now = self.lock();
        let (now, _) = self
            .changed
            .wait_timeout_while(now, timeout, |n| n.version <= seen)
            .unwrap_or_else(|e| e.into_inner());
        (now.version > seen).then(|| now.clone())
    }
}
