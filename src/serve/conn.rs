//! The preview's HTTP/1.1 server over `std::net`: one thread per
//! connection, at most [`MAX_CONNECTIONS`] at once, so a client that sends
//! and never reads holds up only its own connection. Each request head
//! must come within [`READ_TIME`] and stay within [`MAX_LINE`] (request
//! line), [`MAX_HEAD`] and [`MAX_HEADERS`]; each answer must be taken
//! within [`WRITE_TIME`]. Heads are parsed by `httparse`; what to answer
//! is [`http::answer`]'s job.

use std::io::{self, ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use super::http::{self, Reply, Request};
use super::Hub;

/// Connections served at once; further ones get 503.
pub const MAX_CONNECTIONS: usize = 64;
/// The longest request line (method, target, version).
pub const MAX_LINE: usize = 8 << 10;
/// The largest request head (request line and headers).
pub const MAX_HEAD: usize = 16 << 10;
/// The most header fields in a request.
pub const MAX_HEADERS: usize = 64;
/// Time for a whole request head to arrive (also how long an idle
/// connection is kept).
pub const READ_TIME: Duration = Duration::from_secs(10);
/// Time for the client to take one answer (or one event).
pub const WRITE_TIME: Duration = Duration::from_secs(10);
/// How much of a refused request is still read, so that the client gets
/// the answer before the connection closes.
const LINGER_BYTES: usize = 1 << 20;
const LINGER_TIME: Duration = Duration::from_secs(2);

/// Accepts connections until `stopping` is set (and one more connection
/// wakes the loop), each on a thread of its own.
pub fn accept(listener: TcpListener, local: SocketAddr, hub: Arc<Hub>, stopping: Arc<AtomicBool>) {
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        if stopping.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = stream else {
            // Out of file descriptors, say: give the others time to end.
            thread::sleep(Duration::from_millis(50));
            continue;
        };
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            busy(stream);
            continue;
        }
        let slot = Slot(Arc::clone(&open));
        let hub = Arc::clone(&hub);
        let spawned = thread::Builder::new().spawn(move || {
            let _slot = slot;
            serve(stream, local, &hub);
        });
        if let Err(e) = spawned {
            eprintln!("warning: cannot answer a connection: {e}");
        }
    }
}

/// Frees a connection's place when its thread ends, however it ends.
struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Tells a connection beyond the limit to come back, without waiting.
fn busy(stream: TcpStream) {
    let _ = stream.set_nonblocking(true);
    let _ = (&stream).write_all(
        b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\n\
          Content-Length: 0\r\nConnection: close\r\n\r\n",
    );
}

/// Answers the requests of one connection in turn.
fn serve(stream: TcpStream, local: SocketAddr, hub: &Hub) {
    let mut conn = Conn {
        stream,
        buf: Vec::new(),
    };
    loop {
        let request = match conn.read_head() {
            Ok(Some(request)) => request,
            Ok(None) => return,
            Err(status) => {
                let _ = conn.send(&http::Response::empty(status), false, true);
                return conn.linger();
            }
        };
        let head_only = request.method == "HEAD";
        match http::answer(&request, local, hub) {
            Reply::Full(response) => {
                let close = request.close || response.close;
                if conn.send(&response, head_only, close).is_err() {
                    return;
                }
                if close {
                    return conn.linger();
                }
            }
            Reply::Events(build) => return http::stream(&mut |b| conn.write(b), hub, build),
        }
    }
}

/// One client's connection and what it sent that is not yet answered.
pub struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl Conn {
    /// The next request head; `None` when the client closed or went quiet
    /// between requests, `Err(status)` when the head is refused.
    fn read_head(&mut self) -> Result<Option<Request>, u16> {
        let deadline = Instant::now() + READ_TIME;
        let mut chunk = [0; 4096];
        loop {
            if !self.buf.is_empty() {
                if let Some((request, used)) = parse(&self.buf)? {
                    self.buf.drain(..used);
                    return Ok(Some(request));
                }
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return if self.buf.is_empty() {
                    Ok(None)
                } else {
                    Err(408)
                };
            }
            if self.stream.set_read_timeout(Some(left)).is_err() {
                return Ok(None);
            }
            match self.stream.read(&mut chunk) {
                Ok(0) => return Ok(None),
                Ok(n) => self.buf.extend_from_slice(&chunk[..n]),
                Err(e) if is_retry(&e) => {}
                Err(_) => return Ok(None),
            }
        }
    }

    /// Writes one answer: the head, and the body unless `head_only`.
    fn send(&mut self, response: &http::Response, head_only: bool, close: bool) -> io::Result<()> {
        let mut out = response.head(close).into_bytes();
        if !head_only {
            out.extend_from_slice(&response.body);
        }
        self.write(&out)
    }

    /// Writes `bytes`, all within [`WRITE_TIME`].
    pub fn write(&mut self, mut bytes: &[u8]) -> io::Result<()> {
        let deadline = Instant::now() + WRITE_TIME;
        while !bytes.is_empty() {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(ErrorKind::TimedOut.into());
            }
            self.stream.set_write_timeout(Some(left))?;
            match self.stream.write(bytes) {
                Ok(0) => return Err(ErrorKind::WriteZero.into()),
                Ok(n) => bytes = &bytes[n..],
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// Closes after reading (and dropping) a bounded rest of what the
    /// client still sends: closing with unread data would reset the
    /// connection, and the client might lose the answer.
    fn linger(mut self) {
        let _ = self.stream.shutdown(Shutdown::Write);
        let deadline = Instant::now() + LINGER_TIME;
        let mut read = 0;
        let mut chunk = [0; 8192];
        while read < LINGER_BYTES {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || self.stream.set_read_timeout(Some(left)).is_err() {
                return;
            }
            match self.stream.read(&mut chunk) {
                Ok(0) => return,
                Ok(n) => read += n,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(_) => return,
            }
        }
    }
}

fn is_retry(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::Interrupted | ErrorKind::WouldBlock | ErrorKind::TimedOut
    )
}

/// Parses a request head at the start of `buf`: `None` while it is
/// incomplete and within the limits, the request and its length when
/// complete.
pub fn parse(buf: &[u8]) -> Result<Option<(Request, usize)>, u16> {
    let line_end = buf.iter().position(|&b| b == b'\n');
    if line_end.unwrap_or(buf.len()) > MAX_LINE {
        return Err(414);
    }
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut head = httparse::Request::new(&mut headers);
    let used = match head.parse(buf) {
        Ok(httparse::Status::Complete(used)) if used <= MAX_HEAD => used,
        Ok(httparse::Status::Partial) if buf.len() <= MAX_HEAD => return Ok(None),
        Ok(_) | Err(httparse::Error::TooManyHeaders) => return Err(431),
        Err(_) => return Err(400),
    };
    let (Some(method), Some(target)) = (head.method, head.path) else {
        return Err(400);
    };
    let mut host = None;
    let mut close = head.version != Some(1);
    for field in head.headers.iter() {
        let value = std::str::from_utf8(field.value).map_err(|_| 400u16)?.trim();
        let name = field.name;
        if name.eq_ignore_ascii_case("host") {
            if host.replace(value.to_string()).is_some() {
                return Err(400);
            }
        } else if name.eq_ignore_ascii_case("connection") {
            for token in value.split(',').map(str::trim) {
                if token.eq_ignore_ascii_case("close") {
                    close = true;
                } else if token.eq_ignore_ascii_case("keep-alive") && head.version == Some(0) {
                    close = false;
                }
            }
        } else if name.eq_ignore_ascii_case("transfer-encoding")
            || (name.eq_ignore_ascii_case("content-length") && value != "0")
        {
            // A body is never read: answer, then close, so that it cannot
            // be taken for the next request.
            close = true;
        }
    }
    let request = Request {
        method: method.to_string(),
        target: target.to_string(),
        host,
        close,
    };
    Ok(Some((request, used)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_are_parsed_and_limited() {
        let (request, used) = parse(b"GET /nn/ HTTP/1.1\r\nHost: a:1\r\n\r\nGET")
            .unwrap()
            .unwrap();
        assert_eq!(used, 32);
        assert_eq!(
            (request.method.as_str(), request.target.as_str()),
            ("GET", "/nn/")
        );
        assert_eq!(request.host.as_deref(), Some("a:1"));
        assert!(!request.close);
        assert!(parse(b"GET /nn/ HTTP/1.1\r\nHo").unwrap().is_none());
        assert!(parse(b"GET / HTTP/1.0\r\n\r\n").unwrap().unwrap().0.close);
        let long = format!("GET /{} HTTP/1.1\r\n", "a".repeat(MAX_LINE));
        assert_eq!(parse(long.as_bytes()).err(), Some(414));
        let big = format!("GET / HTTP/1.1\r\nX: {}", "a".repeat(MAX_HEAD));
        assert_eq!(parse(big.as_bytes()).err(), Some(431));
        let many = format!(
            "GET / HTTP/1.1\r\n{}\r\n",
            "X: 1\r\n".repeat(MAX_HEADERS + 1)
        );
        assert_eq!(parse(many.as_bytes()).err(), Some(431));
        assert_eq!(
            parse(b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n").err(),
            Some(400)
        );
        assert_eq!(parse(b"G\0T / HTTP/1.1\r\n\r\n").err(), Some(400));
    }
}
