//! Answering requests from the site in memory: GET and HEAD, the content
//! type from the file name, the live-reload snippet added to HTML, a real
//! page for 404, and 403 for paths with `.` or `..` segments (also when
//! percent-encoded) or backslashes. The pages' event stream
//! (`text/event-stream`) tells each open page what to do.

use std::io::Write;
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use percent_encoding::percent_decode_str;
use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::site::EVENTS_PATH;
use super::{Hub, Site};

/// How often an idle event stream sends a comment, so that streams of
/// closed pages are noticed and ended.
const KEEPALIVE: Duration = Duration::from_secs(15);

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

/// A header whose value is one of ours (a constant or a content type).
fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
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

fn respond(request: Request, status: u16, ctype: &str, body: Vec<u8>) {
    let response = Response::from_data(body)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", ctype))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"));
    // A reader who closed the page is no error.
    let _ = request.respond(response);
}

fn respond_page(request: Request, site: &Site, status: u16, path: &str, page: &[u8]) {
    let lang = site.language_of(path);
    let body = inject(page, site.live(lang));
    respond(request, status, "text/html; charset=utf-8", body);
}

/// Answers one request.
pub fn answer(request: Request, hub: &Arc<Hub>) {
    let method = request.method().clone();
    if !matches!(method, Method::Get | Method::Head) {
        let response = Response::empty(StatusCode(405)).with_header(header("Allow", "GET, HEAD"));
        let _ = request.respond(response);
        return;
    }
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    if path == EVENTS_PATH {
        if method == Method::Head {
            respond(request, 200, "text/event-stream", Vec::new());
        } else {
            let build = query
                .split('&')
                .find_map(|p| p.strip_prefix("build="))
                .map(str::to_string);
            let hub = Arc::clone(hub);
            thread::spawn(move || stream(request, &hub, build));
        }
        return;
    }
    let site = hub.now().site;
    let key = match resolve(path) {
        Target::Refused => {
            let page = site.error_page(403, site.language_of(""));
            return respond_page(request, &site, 403, "", page);
        }
        Target::Folder(key) if site.file(&key).is_none() => {
            let index = format!("{key}/index.html");
            let location = Header::from_bytes(&b"Location"[..], format!("{path}/").as_bytes());
            if let (Some(_), Ok(location)) = (site.file(&index), location) {
                let response = Response::empty(StatusCode(301))
                    .with_header(location)
                    .with_header(header("Cache-Control", "no-store"));
                let _ = request.respond(response);
                return;
            }
            key
        }
        Target::Folder(key) | Target::File(key) => key,
    };
    match site.file(&key) {
        Some(bytes) if key.ends_with(".html") => respond_page(request, &site, 200, &key, bytes),
        Some(bytes) => respond(request, 200, &content_type(&key), bytes.to_vec()),
        None => {
            let page = site.error_page(404, site.language_of(&key));
            respond_page(request, &site, 404, &key, page)
        }
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
/// (first thing, and after a problem is fixed).
fn stream(request: Request, hub: &Hub, build: Option<String>) {
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\n\
        Content-Type: text/event-stream\r\n\
        Cache-Control: no-store\r\n\
        X-Content-Type-Options: nosniff\r\n\
        Connection: close\r\n\r\n\
        retry: 1000\n\n";
    if writer
        .write_all(head.as_bytes())
        .and_then(|()| writer.flush())
        .is_err()
    {
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
        if writer
            .write_all(out.as_bytes())
            .and_then(|()| writer.flush())
            .is_err()
        {
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
