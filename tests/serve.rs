//! `rettleiar serve`: the real binary on a free port, spoken to over plain
//! TCP. Pages, types, HEAD, 404, refused paths; a save reloads the pages
//! (seen on the event stream) and a broken save keeps the last good pages
//! and reports the problem; Ctrl-C stops it.

mod common;
mod serve_support;

use std::net::TcpStream;
use std::thread;
use std::time::Duration;

use common::*;
use serve_support::*;

#[test]
fn serves_every_language_page_and_only_there_adds_the_reload_script() {
    let server = Server::start(Project::copy());
    let url = format!("http://127.0.0.1:{}/", server.port);
    for lang in LANGS {
        assert!(
            server
                .banner
                .iter()
                .any(|l| l.trim() == format!("{lang}  {url}{lang}/")),
            "{lang} in {:?}",
            server.banner
        );
    }
    server.project.build().ok();
    for lang in LANGS {
        let reply = server.get(&format!("/{lang}/"));
        assert_eq!(reply.status, 200);
        assert_eq!(
            reply.header("content-type"),
            Some("text/html; charset=utf-8")
        );
        let page = reply.html();
        let root = page.select(&sel("html")).next().unwrap();
        assert_eq!(root.value().attr("lang"), Some(lang));
        assert_eq!(page.select(&sel("li.rule")).count(), 20);
        let script = page.select(&sel("script[data-events]")).next().unwrap();
        assert_eq!(
            script.value().attr("data-events"),
            Some("/_rettleiar/events")
        );
        assert!(script.inner_html().contains("EventSource"));

        // The page is the built page with the snippet before </body>.
        let built =
            std::fs::read_to_string(server.project.path(&format!("public/{lang}/index.html")))
                .unwrap();
        let end = built.rfind("</body>").unwrap();
        let served = reply.text();
        assert!(served.starts_with(&built[..end]), "{lang}");
        assert!(served.ends_with(&built[end..]), "{lang}");
        assert!(served.len() > built.len());
    }
    let entry = server.get("/");
    assert_eq!(entry.status, 200);
    assert!(entry
        .html()
        .select(&sel("script[data-build]"))
        .next()
        .is_some());

    // The published files never contain the preview's pieces.
    for (rel, bytes) in tree(&server.project.path("public")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("EventSource"), "{rel}");
        assert!(!text.contains("_rettleiar"), "{rel}");
        assert!(!rel.contains("serve"), "{rel}");
    }
}

#[test]
fn answers_types_head_redirects_and_a_real_404_page() {
    let server = Server::start(Project::copy());
    let css = server.get("/assets/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert_eq!(css.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(
        css.body,
        std::fs::read(repo().join("theme/style.css")).unwrap()
    );

    let get = server.get("/nb/");
    let head = server.request("HEAD", "/nb/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(head.header("content-length"), get.header("content-length"));
    assert_eq!(
        get.header("content-length"),
        Some(get.body.len().to_string().as_str())
    );

    let post = server.request("POST", "/nb/");
    assert_eq!(post.status, 405);
    assert_eq!(post.header("allow"), Some("GET, HEAD"));

    let folder = server.get("/en");
    assert_eq!(folder.status, 301);
    assert_eq!(folder.header("location"), Some("/en/"));

    for (path, lang, heading) in [
        ("/en/no-such-page", "en", "Page not found"),
        ("/nn/no-such-page.html", "nn", "Sida finst ikkje"),
        ("/assets/none.css", "nn", "Sida finst ikkje"),
    ] {
        let reply = server.get(path);
        assert_eq!(reply.status, 404, "{path}");
        assert_eq!(
            reply.header("content-type"),
            Some("text/html; charset=utf-8")
        );
        let page = reply.html();
        let root = page.select(&sel("html")).next().unwrap();
        assert_eq!(root.value().attr("lang"), Some(lang), "{path}");
        assert_eq!(text_of(&page, "h1"), heading, "{path}");
        for l in LANGS {
            assert!(
                page.select(&sel(&format!("main a[href=\"/{l}/\"]")))
                    .next()
                    .is_some(),
                "{path} links to /{l}/"
            );
        }
    }
}

#[test]
fn refuses_paths_that_leave_the_site() {
    let p = Project::copy();
    let secret = "a secret beside the project";
    p.write("secret.txt", secret);
    // A link out of the theme is not published, so not served either.
    std::os::unix::fs::symlink(p.path("secret.txt"), p.path("theme/secret.css")).unwrap();
    std::os::unix::fs::symlink(p.dir.path(), p.path("theme/outside")).unwrap();
    let server = Server::start(p);
    for path in [
        "/../secret.txt",
        "/nn/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/.%2e/secret.txt",
        "/nn/%2e%2e/%2e%2e/secret.txt",
        "/..\\secret.txt",
    ] {
        let reply = server.get(path);
        assert_eq!(reply.status, 403, "{path}");
        assert!(!reply.text().contains(secret), "{path}");
        assert_eq!(
            text_of(&reply.html(), "h1"),
            "Adressa er ikkje tillaten",
            "{path}"
        );
    }
    for path in ["/assets/secret.css", "/assets/outside/secret.txt"] {
        let reply = server.get(path);
        assert_eq!(reply.status, 404, "{path}");
        assert!(!reply.text().contains(secret), "{path}");
    }
}

#[test]
fn a_save_rebuilds_and_reloads_the_open_pages() {
    let server = Server::start(Project::copy());
    let before = server.get("/nn/").html();
    let build = build_of(&before);
    let mut events = server.events(Some(&build));
    assert_eq!(events.next(), ("ok".to_string(), build.clone()));

    let rel = "source/nn/rettleiar.md";
    // Text outside the rules, so the anchor register has nothing to say.
    let old = "Likevel kan det vere verdt";
    let new = "Likevel kan det vere nyttig";
    let text = server.project.read(rel);
    assert!(text.contains(old));
    server.save(rel, &text.replace(old, new));

    let reloaded = events.until("reload", |_| true);
    assert_ne!(reloaded, build);
    let after = server.get("/nn/").html();
    assert_eq!(build_of(&after), reloaded);
    assert!(text_of(&after, "#intro").contains(new));
    assert!(!text_of(&after, "#intro").contains(old));
    // Other languages are rebuilt too, and unchanged in their text.
    assert_eq!(build_of(&server.get("/en/").html()), reloaded);

    // A page opened before the save, connecting late, is told to reload.
    let mut late = server.events(Some(&build));
    assert_eq!(late.next(), ("reload".to_string(), reloaded.clone()));

    // The terminal says what happened and how long it took.
    let line = server
        .stdout
        .recv_timeout(PATIENCE)
        .expect("a line about the rebuild");
    assert!(line.starts_with("Rebuilt after a change"), "{line}");
    assert!(line.contains("reload sent"), "{line}");
}

#[test]
fn a_broken_save_keeps_the_last_good_pages_and_shows_the_problem() {
    let server = Server::start(Project::copy());
    let good = server.get("/nn/");
    let build = build_of(&good.html());
    let mut events = server.events(Some(&build));
    assert_eq!(events.next().0, "ok");

    // The notice the page would show is there, waiting, with its words.
    let notice = good.html();
    let template = notice
        .select(&sel("template#rettleiar-live-notice"))
        .next()
        .expect("the notice template");
    let markup = template.inner_html();
    assert!(markup.contains("role=\"alert\""), "{markup}");
    assert!(markup.contains("Endringa kunne ikkje byggjast"), "{markup}");

    let rel = "source/nn/rettleiar.md";
    let text = server.project.read(rel);
    let a6 = "Ver open om kor du jobbar. {#a6}";
    assert!(text.contains(a6));
    server.save(rel, &text.replace(a6, "Ver open om kor du jobbar."));

    let problem = events.until("problem", |_| true);
    assert!(problem.contains("a rule without an id"), "{problem}");
    assert!(problem.contains("source/nn/rettleiar.md"), "{problem}");

    // The last good pages are still served, with the same build.
    let still = server.get("/nn/");
    assert_eq!(still.status, 200);
    assert_eq!(still.body, good.body);
    // A page opened now learns of the problem at once.
    let mut fresh = server.events(Some(&build));
    assert_eq!(fresh.next(), ("problem".to_string(), problem.clone()));
    // The terminal shows it too.
    let waited = std::time::Instant::now();
    while !server.stderr().contains("a rule without an id") {
        assert!(waited.elapsed() < PATIENCE, "stderr: {}", server.stderr());
        thread::sleep(Duration::from_millis(20));
    }

    // Saving the fix clears the notice: the pages are as before, so no
    // reload is needed.
    server.save(rel, &text);
    assert_eq!(events.next(), ("ok".to_string(), build.clone()));
    assert_eq!(fresh.next(), ("ok".to_string(), build.clone()));
    let mut after = server.events(Some(&build));
    assert_eq!(after.next(), ("ok".to_string(), build));
}

#[test]
fn ctrl_c_stops_the_server() {
    let mut server = Server::start(Project::copy());
    assert_eq!(server.get("/nn/").status, 200);
    let pid = server.child.id() as libc::pid_t;
    // SAFETY: sending a signal to our own child process.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
    let status = server.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    let rest: Vec<String> = server.stdout.iter().collect();
    assert_eq!(rest.last().map(String::as_str), Some("Stopped."));
    assert!(TcpStream::connect(("127.0.0.1", server.port)).is_err());
}

#[test]
fn sources_that_do_not_build_are_not_served() {
    let p = Project::copy();
    p.edit("source/nn/rettleiar.md", " {#a6}", "");
    let run = p.run(&["serve", "--port", "0"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stderr.contains("a rule without an id"),
        "{}",
        run.stderr
    );
    assert!(!run.stdout.contains("http://"), "{}", run.stdout);
}

#[test]
fn a_project_with_only_sources_is_served_and_its_own_theme_picked_up() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("source"), &dir.path().join("source"));
    let server = Server::start(Project { dir });
    let before = server.get("/nn/").html();
    let build = build_of(&before);
    let css = server.get("/assets/style.css");
    assert_eq!(css.status, 200);
    let mut events = server.events(Some(&build));
    assert_eq!(events.next(), ("ok".to_string(), build.clone()));

    // A theme folder appears whole (as a checkout or an unpacked copy
    // makes it): its file takes the built-in one's place.
    let staged = server.project.path("theme.new");
    std::fs::create_dir(&staged).unwrap();
    std::fs::write(staged.join("style.css"), "main { color: #000; }\n").unwrap();
    std::fs::rename(&staged, server.project.path("theme")).unwrap();
    let reloaded = events.until("reload", |_| true);
    assert_ne!(reloaded, build);
    let css = server.get("/assets/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.body, b"main { color: #000; }\n");
    assert_eq!(server.get("/nn/").status, 200);
}
