//! Answering requests from the site in memory: GET and HEAD, the content
//! type from the file name, the live-reload snippet added to HTML, a real
//! page for 404, and 403 for paths with `.` or `..` segments (also when
//! percent-encoded) or backslashes, or a Host that does not name this
//! machine. Redirects go only to a path of this site. The pages' event
//! stream (`text/event-stream`) tells each open page what to do.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS};

use super::host::host_allowed;
use super::site::EVENTS_PATH;
use super::{Hub, Site};

/// How often an idle event stream sends a comment, so that streams of
/// closed pages are noticed and ended.
const KEEPALIVE: Duration = Duration::from_secs(15);

/// A request head, as far as the preview needs it.
#[derive(Debug)]
pub struct Request {
    pub method: String,
    pub target: String,
    /// The Host header; `None` when missing.
    pub host: Option<String>,
    /// The connection closes after the answer.
    pub close: bool,
}

/// What a request path names.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file of the site (which may not exist).
    File(String),
    /// A folder without its final `/`: redirect there when it has a page.
    Folder(String),
    /// A path that points outside the site or cannot name a file.
    Refused,
}

/// Resolves the path of a request (without the query) to a file of the
/// site. Percent-encoding is decoded first, so `%2e%2e%2f` is `../`.
pub fn resolve(path: &str) -> Target {
    let Ok(decoded) = percent_decode_str(path).decode_utf8() else {
        return Target::Refused;
    };
    let Some(rest) = decoded.strip_prefix('/') else {
        return Target::Refused;
    };
    let mut parts = Vec::new();
    for segment in rest.split('/') {
        match segment {
            "." | ".." => return Target::Refused,
            s if s.contains(['\\', '\0']) => return Target::Refused,
            "" => {}
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    if parts.is_empty() {
        Target::File("index.html".into())
    } else if rest.ends_with('/') {
        Target::File(format!("{joined}/index.html"))
    } else {
        Target::Folder(joined)
    }
}

/// An answer with the whole body in memory.
pub struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
    /// Close the connection after it.
    pub close: bool,
}

impl Response {
    /// An answer with no body, for requests that get no page.
    pub fn empty(status: u16) -> Response {
        Response {
            status,
            headers: vec![("Cache-Control", "no-store".into())],
            body: Vec::new(),
            close: false,
        }
    }

    fn with(status: u16, ctype: &str, body: Vec<u8>) -> Response {
        let mut response = Response::empty(status);
        response.headers.extend([
            ("Content-Type", ctype.to_string()),
            ("X-Content-Type-Options", "nosniff".into()),
        ]);
        response.body = body;
        response
    }

    /// The status line and headers, ending with the empty line.
    pub fn head(&self, close: bool) -> String {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
        if close {
            head.push_str("Connection: close\r\n");
        }
        head.push_str("\r\n");
        head
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        _ => "Service Unavailable",
    }
}

/// What to do with a request.
pub enum Reply {
    Full(Response),
    /// Open the pages' event stream; the page names the build it shows.
    Events(Option<String>),
}

/// The content type of a file, with the charset for text.
pub fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let textual = mime.type_() == mime_guess::mime::TEXT
        || matches!(
            mime.essence_str(),
            "application/javascript" | "application/json" | "application/xml" | "image/svg+xml"
        );
    if textual {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    }
}

/// The page with the live-reload snippet before its last `</body>`.
pub fn inject(page: &[u8], snippet: &str) -> Vec<u8> {
    let end = page
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + snippet.len());
    out.extend_from_slice(&page[..end]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&page[end..]);
    out
}

fn page(site: &Site, status: u16, path: &str, page: &[u8]) -> Reply {
    let lang = site.language_of(path);
    let body = inject(page, site.live(lang));
    Reply::Full(Response::with(status, "text/html; charset=utf-8", body))
}

/// What may stand unencoded in a path segment of a `Location`.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'/');

/// The address of a folder of this site: always one leading `/`, so a
/// browser can never read it as another host (`//host/`).
pub fn folder_location(key: &str) -> String {
    let mut location = String::from("/");
    for segment in key.split('/').filter(|s| !s.is_empty()) {
        location.extend(utf8_percent_encode(segment, SEGMENT));
        location.push('/');
    }
    location
}

/// Answers one request (all but the event stream, which is only opened).
pub fn answer(request: &Request, local: SocketAddr, hub: &Hub) -> Reply {
    let site = hub.now().site;
    match request.host.as_deref() {
        None => return Reply::Full(Response::empty(400)),
        Some(host) if !host_allowed(host, local) => {
            return page(&site, 403, "", site.error_page(403, site.language_of("")));
        }
        Some(_) => {}
    }
    if !matches!(request.method.as_str(), "GET" | "HEAD") {
        let mut response = Response::empty(405);
        response.headers.push(("Allow", "GET, HEAD".into()));
        response.close = true;
        return Reply::Full(response);
    }
    let (path, query) = request
        .target
        .split_once('?')
        .unwrap_or((&request.target, ""));
    if path == EVENTS_PATH {
        if request.method == "HEAD" {
            return Reply::Full(Response::with(200, "text/event-stream", Vec::new()));
        }
        let build = query
            .split('&')
            .find_map(|p| p.strip_prefix("build="))
            .map(str::to_string);
        return Reply::Events(build);
    }
    let key = match resolve(path) {
        Target::Refused => {
            return page(&site, 403, "", site.error_page(403, site.language_of("")));
        }
        Target::Folder(key) if site.file(&key).is_none() => {
            if site.file(&format!("{key}/index.html")).is_some() {
                let mut response = Response::empty(301);
                response.headers.push(("Location", folder_location(&key)));
                return Reply::Full(response);
            }
            key
        }
        Target::Folder(key) | Target::File(key) => key,
    };
    match site.file(&key) {
        Some(bytes) if key.ends_with(".html") => page(&site, 200, &key, bytes),
        Some(bytes) => Reply::Full(Response::with(200, &content_type(&key), bytes.to_vec())),
        None => page(
            &site,
            404,
            &key,
            site.error_page(404, site.language_of(&key)),
        ),
    }
}

/// One server-sent event; each line of `data` goes on a `data:` line.
fn event(name: &str, data: &str) -> String {
    let mut text = format!("event: {name}\n");
    for line in data.lines() {
        text.push_str("data: ");
        text.push_str(line);
        text.push('\n');
    }
    text.push('\n');
    text
}

/// Keeps one open page up to date until it goes away. The page names the
/// build it shows (`?build=`); the stream then sends what the page must do
/// to match the current state: `reload` when the build differs, `problem`
/// (the error text) while the sources do not build, `ok` when they do
/// (first thing, and after a problem is fixed). A client that does not
/// take an event within the write time-out is let go (`send` writes to
/// the connection and fails then).
pub fn stream(send: &mut dyn FnMut(&[u8]) -> io::Result<()>, hub: &Hub, build: Option<String>) {
    let head = "HTTP/1.1 200 OK\r\n\
        Content-Type: text/event-stream\r\n\
        Cache-Control: no-store\r\n\
        X-Content-Type-Options: nosniff\r\n\
        Connection: close\r\n\r\n\
        retry: 1000\n\n";
    if send(head.as_bytes()).is_err() {
        return;
    }
    let mut page = build.unwrap_or_else(|| hub.now().site.id.clone());
    let mut shown: Option<Arc<str>> = None;
    let mut seen = 0;
    loop {
        let mut out = String::new();
        match hub.next(seen, KEEPALIVE) {
            None => out.push_str(": keepalive\n\n"),
            Some(now) => {
                if now.site.id != page {
                    out.push_str(&event("reload", &now.site.id));
                    page = now.site.id.clone();
                    shown = None;
                } else if seen == 0 && now.problem.is_none() {
                    out.push_str(&event("ok", &now.site.id));
                }
                if now.problem != shown {
                    match &now.problem {
                        Some(problem) => out.push_str(&event("problem", problem)),
                        None => out.push_str(&event("ok", &now.site.id)),
                    }
                    shown = now.problem.clone();
                }
                seen = now.version;
            }
        }
        if send(out.as_bytes()).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_to_files_of_the_site() {
        assert_eq!(resolve("/"), Target::File("index.html".into()));
        assert_eq!(resolve("/nn/"), Target::File("nn/index.html".into()));
        assert_eq!(resolve("/nn"), Target::Folder("nn".into()));
        assert_eq!(
            resolve("/assets/style.css"),
            Target::Folder("assets/style.css".into())
        );
        assert_eq!(resolve("/n%6E/"), Target::File("nn/index.html".into()));
    }

    #[test]
    fn paths_out_of_the_site_are_refused() {
        for path in [
            "/../Cargo.toml",
            "/nn/../../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E%2FCargo.toml",
            "/..%2fCargo.toml",
            "/..%5cCargo.toml",
            "/./nn/",
            "/nn/%00",
            "/%ff",
            "Cargo.toml",
        ] {
            assert_eq!(resolve(path), Target::Refused, "{path}");
        }
    }

    #[test]
    fn locations_have_one_leading_slash() {
        assert_eq!(folder_location("nn"), "/nn/");
        assert_eq!(folder_location("/nn//a5"), "/nn/a5/");
        assert_eq!(folder_location("a b/c?d"), "/a%20b/c%3Fd/");
    }

    #[test]
    fn content_types_name_the_charset_of_text() {
        assert_eq!(content_type("nn/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("assets/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("assets/logo.png"), "image/png");
        assert_eq!(content_type("assets/x"), "application/octet-stream");
    }

    #[test]
    fn the_snippet_goes_before_the_end_of_the_body() {
        let page = b"<html><body><p>x</p></BODY></html>";
        assert_eq!(
            inject(page, "<script></script>"),
            b"<html><body><p>x</p><script></script></BODY></html>"
        );
        assert_eq!(inject(b"<p>x</p>", "<s>"), b"<p>x</p><s>");
    }

    #[test]
    fn events_put_every_line_on_a_data_line() {
        assert_eq!(
            event("problem", "a\nb"),
            "event: problem\ndata: a\ndata: b\n\n"
        );
    }
}
