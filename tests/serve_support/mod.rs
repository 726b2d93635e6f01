//! The running `rettleiar serve` the serve tests speak to: the real binary
//! on a free port of 127.0.0.1, over plain TCP, and what it answers.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use crate::common::*;

/// Waiting for the server or an event; only a limit for a hung test.
pub const PATIENCE: Duration = Duration::from_secs(120);

/// A running `rettleiar serve` on a copy of the project.
pub struct Server {
    pub project: Project,
    pub child: Child,
    pub port: u16,
    /// Lines the server printed after starting.
    pub stdout: Receiver<String>,
    pub stderr: Arc<Mutex<String>>,
    /// The lines it printed on starting.
    pub banner: Vec<String>,
}

impl Server {
    pub fn start(project: Project) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rettleiar"))
            .args(["serve", "--port", "0"])
            .current_dir(project.dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, stdout) = mpsc::channel();
        let out = BufReader::new(child.stdout.take().unwrap());
        thread::spawn(move || {
            for line in out.lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let (mut err, collected) = (child.stderr.take().unwrap(), Arc::clone(&stderr));
        thread::spawn(move || {
            let mut buf = [0; 4096];
            while let Ok(n @ 1..) = err.read(&mut buf) {
                collected
                    .lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let mut banner = Vec::new();
        loop {
            let line = stdout.recv_timeout(PATIENCE).unwrap_or_else(|_| {
                panic!(
                    "the server did not start; stdout: {banner:?}, stderr: {}",
                    stderr.lock().unwrap()
                )
            });
            let done = line.starts_with("Watching");
            banner.push(line);
            if done {
                break;
            }
        }
        let port = banner[0]
            .split("http://127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no URL in {:?}", banner[0]));
        Server {
            project,
            child,
            port,
            stdout,
            stderr,
            banner,
        }
    }

    pub fn get(&self, path: &str) -> Reply {
        self.request("GET", path)
    }

    /// Sends `path` exactly as given (no normalising, no encoding).
    pub fn request(&self, method: &str, path: &str) -> Reply {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        Reply::parse(&raw)
    }

    /// An event stream, as a page showing build `build` opens it.
    pub fn events(&self, build: Option<&str>) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        let query = build.map(|b| format!("?build={b}")).unwrap_or_default();
        write!(
            stream,
            "GET /_rettleiar/events{query} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        let mut head = String::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if line == "\r\n" {
                break;
            }
            head.push_str(&line);
        }
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        assert!(
            head.to_ascii_lowercase()
                .contains("content-type: text/event-stream"),
            "{head}"
        );
        Events { reader }
    }

    /// Sends `bytes` as they are on a new connection and reads the
    /// answer until the server closes it.
    pub fn raw(&self, bytes: &[u8]) -> Reply {
        let mut stream = self.connect();
        stream.write_all(bytes).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        Reply::parse(&raw)
    }

    /// A connection with a read time-out that only guards a hung test.
    pub fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        stream
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Replaces a file as many editors save: write beside it, rename over it.
    pub fn save(&self, rel: &str, text: &str) {
        let path = self.project.path(rel);
        let tmp = path.with_file_name(".saving.tmp");
        std::fs::write(&tmp, text).unwrap();
        std::fs::rename(&tmp, &path).unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn parse(raw: &[u8]) -> Reply {
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete head");
        let head = String::from_utf8_lossy(&raw[..split]);
        let mut lines = head.split("\r\n");
        let status = lines.next().unwrap().split(' ').nth(1).unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Reply {
            status: status.parse().unwrap(),
            headers,
            body: raw[split + 4..].to_vec(),
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).unwrap()
    }

    pub fn html(&self) -> scraper::Html {
        scraper::Html::parse_document(&self.text())
    }
}

pub struct Events {
    pub reader: BufReader<TcpStream>,
}

impl Events {
    /// The next event as (name, data), skipping comments and `retry:`.
    /// Keep-alive comments do not count as an event: waiting for one ends
    /// after [`PATIENCE`] all the same.
    pub fn next(&mut self) -> (String, String) {
        let (mut name, mut data) = (String::new(), Vec::new());
        let start = std::time::Instant::now();
        loop {
            assert!(start.elapsed() < PATIENCE, "no event in time");
            let mut line = String::new();
            let n = self.reader.read_line(&mut line).expect("an event in time");
            assert!(n > 0, "the event stream ended");
            let line = line.trim_end_matches('\n');
            if line.is_empty() {
                if !name.is_empty() {
                    return (name, data.join("\n"));
                }
            } else if let Some(v) = line.strip_prefix("event: ") {
                name = v.to_string();
            } else if let Some(v) = line.strip_prefix("data: ") {
                data.push(v.to_string());
            }
        }
    }

    /// Reads events until one named `name` whose data satisfies `test`.
    pub fn until(&mut self, name: &str, test: impl Fn(&str) -> bool) -> String {
        let start = std::time::Instant::now();
        let mut seen = Vec::new();
        while start.elapsed() < PATIENCE {
            let (n, data) = self.next();
            if n == name && test(&data) {
                return data;
            }
            seen.push(format!("{n}: {data}"));
        }
        panic!("no `{name}` event; saw:\n{}", seen.join("\n"));
    }
}

/// The build id a served page was made from.
pub fn build_of(page: &scraper::Html) -> String {
    page.select(&sel("script[data-build]"))
        .next()
        .expect("the live-reload script")
        .value()
        .attr("data-build")
        .unwrap()
        .to_string()
}
