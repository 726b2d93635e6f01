//! `rettleiar serve` against clients that misbehave and a project that
//! changes under it: a client that sends and never reads holds up no one
//! (and Ctrl-C still stops the server), heads too large are refused
//! without being read, redirects stay on this host, a Host header that
//! does not name this machine is refused, and watching survives a watched
//! folder being removed and made again.

mod common;
mod serve_support;

use std::io::{ErrorKind, Read, Write};
use std::net::Shutdown;
use std::sync::mpsc;
use std::thread;

use common::*;
use serve_support::*;

/// Reads until the server closes; a reset after its answer still leaves
/// what came before it.
fn read_answer(stream: &mut std::net::TcpStream) -> Reply {
    let mut raw = Vec::new();
    let mut buf = [0; 8192];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => raw.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) if e.kind() == ErrorKind::ConnectionReset => break,
            Err(e) => panic!("no answer: {e}"),
        }
    }
    Reply::parse(&raw)
}

#[test]
fn a_client_that_never_reads_holds_up_no_one_and_ctrl_c_still_stops() {
    let mut server = Server::start(Project::copy());
    // Many pipelined requests whose answers (15 kB each) are never read:
    // far more than the sockets can buffer.
    let greedy = server.connect();
    let mut writer = greedy.try_clone().unwrap();
    let request = "GET /nn/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".repeat(5000);
    let sent = thread::spawn(move || writer.write_all(request.as_bytes()).is_ok());
    // Wait until the greedy client has sent all it can: its requests are
    // then queued at the server.
    let _ = sent.join();

    for path in ["/nn/", "/en/", "/assets/style.css", "/nb/"] {
        assert_eq!(server.get(path).status, 200, "{path}");
    }
    let mut events = server.events(None);
    assert_eq!(events.next().0, "ok");

    let pid = server.child.id() as libc::pid_t;
    // SAFETY: sending a signal to our own child process.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
    let mut child = std::mem::replace(
        &mut server.child,
        std::process::Command::new("true").spawn().unwrap(),
    );
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let _ = tx.send(child.wait().unwrap());
    });
    let status = rx
        .recv_timeout(PATIENCE)
        .expect("the server stops on Ctrl-C");
    assert_eq!(status.code(), Some(0));
    drop(greedy);
}

#[test]
fn a_huge_header_is_refused_without_being_read() {
    let server = Server::start(Project::copy());
    let mut stream = server.connect();
    let mut writer = stream.try_clone().unwrap();
    const LIMIT: usize = 512 << 20;
    let sent = thread::spawn(move || {
        let mut sent = 0;
        let head = b"GET /nn/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ";
        if writer.write_all(head).is_err() {
            return sent;
        }
        let chunk = vec![b'a'; 64 << 10];
        while sent < LIMIT {
            if writer.write_all(&chunk).is_err() {
                return sent;
            }
            sent += chunk.len();
        }
        // Everything went in: end the request so that the test goes on.
        let _ = writer.shutdown(Shutdown::Write);
        sent
    });
    let reply = read_answer(&mut stream);
    let sent = sent.join().unwrap();
    assert_eq!(reply.status, 431);
    assert!(sent < LIMIT / 2, "{sent} bytes of header were taken");
    // The server goes on answering.
    assert_eq!(server.get("/nn/").status, 200);
}

#[test]
fn long_request_lines_and_many_headers_are_refused() {
    let server = Server::start(Project::copy());
    let long = format!(
        "GET /{} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
        "a".repeat(100_000)
    );
    let mut stream = server.connect();
    let _ = stream.write_all(long.as_bytes());
    assert_eq!(read_answer(&mut stream).status, 414);

    let mut many = String::from("GET /nn/ HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for i in 0..500 {
        many.push_str(&format!("X-{i}: 1\r\n"));
    }
    many.push_str("Connection: close\r\n\r\n");
    let mut stream = server.connect();
    let _ = stream.write_all(many.as_bytes());
    assert_eq!(read_answer(&mut stream).status, 431);

    // A head split over many small writes is still read whole.
    let mut stream = server.connect();
    for part in "GET /nn/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        .as_bytes()
        .chunks(3)
    {
        stream.write_all(part).unwrap();
        stream.flush().unwrap();
    }
    assert_eq!(read_answer(&mut stream).status, 200);
}

#[test]
fn redirects_stay_on_this_host() {
    let server = Server::start(Project::copy());
    for (path, location) in [
        ("//nn", "/nn/"),
        ("///nn", "/nn/"),
        ("//nn?x=//other.example", "/nn/"),
        ("//en", "/en/"),
        ("/nn//a5", "/nn/a5/"),
        ("/nn", "/nn/"),
    ] {
        let reply = server.get(path);
        assert_eq!(reply.status, 301, "{path}");
        assert_eq!(reply.header("location"), Some(location), "{path}");
    }
}

#[test]
fn a_host_that_does_not_name_this_machine_is_refused() {
    let server = Server::start(Project::copy());
    let port = server.port;
    let ask = |host: Option<&str>, path: &str| {
        let host = host.map(|h| format!("Host: {h}\r\n")).unwrap_or_default();
        server
            .raw(format!("GET {path} HTTP/1.1\r\n{host}Connection: close\r\n\r\n").as_bytes())
            .status
    };
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("[::1]:{port}"),
        format!("127.3.2.1:{port}"),
        "127.0.0.1".to_string(),
    ] {
        assert_eq!(ask(Some(&host), "/nn/"), 200, "{host}");
    }
    for host in [
        format!("rebound.example:{port}"),
        "rebound.example".to_string(),
        format!("127.0.0.1.rebound.example:{port}"),
        format!("localhost.rebound.example:{port}"),
        format!("192.0.2.1:{port}"),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        format!("[::1]x:{port}"),
    ] {
        for path in ["/nn/", "/_rettleiar/events", "/assets/style.css"] {
            assert_eq!(ask(Some(&host), path), 403, "{host} {path}");
        }
    }
    assert_eq!(ask(None, "/nn/"), 400);
    let twice = format!(
        "GET /nn/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nHost: rebound.example\r\n\
         Connection: close\r\n\r\n"
    );
    assert_eq!(server.raw(twice.as_bytes()).status, 400);
}

/// Removes `dir` of the project and makes it again in one step (as a
/// checkout or an unpacked archive would), then changes `file` in it.
/// Without `source/` nothing builds; without `theme/` or `locales/` the
/// built-in ones serve (the same site), so the folder comes back changed
/// to be seen.
#[test]
fn watching_survives_folders_being_removed_and_made_again() {
    let server = Server::start(Project::copy());
    let backup = tempfile::tempdir().unwrap();
    for (dir, file, from, to, (address, shown)) in [
        (
            "theme",
            "theme/style.css",
            "",
            "\n/* made again */\n",
            ("/assets/style.css", "/* made again */"),
        ),
        (
            "source",
            "source/nn/rettleiar.md",
            "Likevel kan det vere verdt",
            "Likevel kan det vere nyttig",
            ("/nn/", "Likevel kan det vere nyttig"),
        ),
        (
            "locales",
            "locales/nn/main.ftl",
            "skip-link = Gå til innhaldet",
            "skip-link = Gå rett til innhaldet",
            ("/nn/", "Gå rett til innhaldet"),
        ),
    ] {
        let build = build_of(&server.get("/nn/").html());
        let mut events = server.events(Some(&build));
        assert_eq!(events.next(), ("ok".to_string(), build.clone()), "{dir}");
        let change = |text: &str, to: &str| match from.is_empty() {
            true => format!("{text}{to}"),
            false => text.replace(from, to),
        };

        let kept = backup.path().join(dir);
        copy_dir(&server.project.path(dir), &kept);
        std::fs::remove_dir_all(server.project.path(dir)).unwrap();
        let fresh = server.project.path(&format!("{dir}.new"));
        copy_dir(&kept, &fresh);
        if dir == "source" {
            events.until("problem", |_| true);
            std::fs::rename(&fresh, server.project.path(dir)).unwrap();
            events.until("ok", |b| b == build);
        } else {
            let rel = file.split_once('/').unwrap().1;
            let text = std::fs::read_to_string(fresh.join(rel)).unwrap();
            assert!(text.contains(from), "{file}");
            let back = match from.is_empty() {
                true => "\n/* back */\n",
                false => "skip-link = Attende til innhaldet",
            };
            std::fs::write(fresh.join(rel), change(&text, back)).unwrap();
            std::fs::rename(&fresh, server.project.path(dir)).unwrap();
            events.until("reload", |_| true);
            std::fs::write(server.project.path(file), &text).unwrap();
            events.until("reload", |b| b == build);
        }

        let text = server.project.read(file);
        assert!(text.contains(from), "{file}");
        server.save(file, &change(&text, to));
        let reloaded = events.until("reload", |_| true);
        assert_ne!(reloaded, build, "{dir}");
        let page = server.get(address).text();
        assert!(page.contains(shown), "{dir}: {address}");
    }
}
