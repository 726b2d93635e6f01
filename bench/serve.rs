//! Measures `rettleiar serve` (release build) on a copy of the project:
//! how long from a save to the reload event a page receives, and how many
//! requests a second it answers under `wrk`. Run with `bash bench/run-serve` or
//! `cargo bench --bench serve`; `SAVES=50` and `WRK_ARGS="-t2 -c50 -d10s"`
//! change the amounts.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Reads server-sent events until one named `name`.
fn wait_for(reader: &mut BufReader<TcpStream>, name: &str) {
    let want = format!("event: {name}");
    loop {
        let mut line = String::new();
        assert!(reader.read_line(&mut line).unwrap() > 0, "stream ended");
        if line.trim_end() == want {
            return;
        }
    }
}

fn summary(label: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    let at = |q: f64| ms[((ms.len() - 1) as f64 * q).round() as usize];
    println!(
        "{label}: median {:.1} ms, min {:.1}, p90 {:.1}, max {:.1} (n = {})",
        at(0.5),
        at(0.0),
        at(0.9),
        at(1.0),
        ms.len()
    );
}

fn main() {
    let saves: usize = std::env::var("SAVES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    let wrk_args = std::env::var("WRK_ARGS").unwrap_or_else(|_| "-t2 -c50 -d10s".into());

    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    for part in ["source", "locales", "theme"] {
        copy_dir(&repo.join(part), &dir.path().join(part));
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_rettleiar"))
        .args(["serve", "--port", "0"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, lines) = mpsc::channel();
    let out = BufReader::new(child.stdout.take().unwrap());
    thread::spawn(move || {
        for line in out.lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let first = lines.recv().unwrap();
    let port: u16 = first
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok())
        .expect("the URL");
    while !lines.recv().unwrap().starts_with("Watching") {}

    // Save → reload, as a page sees it.
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    write!(
        stream,
        "GET /_rettleiar/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .unwrap();
    let mut events = BufReader::new(stream);
    wait_for(&mut events, "ok");
    // A paragraph of the English translation outside the rules: the
    // rules' words in the original are held to the anchor register, and a
    // save that changed them would be refused instead of reloaded.
    let rel = dir.path().join("source/en/rettleiar.md");
    let tmp = dir.path().join("source/en/.saving.tmp");
    let text = fs::read_to_string(&rel).unwrap();
    let mut seen = Vec::new();
    for i in 0..=saves {
        // Each save changes the text, so each one must reload the pages.
        let changed = text.replacen(
            "Even so, it may be worth thinking",
            &format!("Even so ({i}), it may be worth thinking"),
            1,
        );
        assert_ne!(changed, text, "the paragraph to change is in the text");
        fs::write(&tmp, changed).unwrap();
        let saved = Instant::now();
        fs::rename(&tmp, &rel).unwrap();
        wait_for(&mut events, "reload");
        if i > 0 {
            // The first is a warm-up.
            seen.push(saved.elapsed().as_secs_f64() * 1000.0);
        }
    }
    let (mut server_side, mut builds) = (Vec::new(), Vec::new());
    while let Ok(line) = lines.recv_timeout(Duration::from_millis(500)) {
        let number = |after: &str| -> Option<f64> {
            line.split(after).nth(1)?.split(' ').next()?.parse().ok()
        };
        server_side.extend(number("reload sent "));
        builds.extend(number("built in "));
    }
    println!(
        "rettleiar serve, release build, {} cores, load average {}",
        thread::available_parallelism().map_or(0, |n| n.get()),
        fs::read_to_string("/proc/loadavg")
            .map(|l| l.split(' ').take(3).collect::<Vec<_>>().join(" "))
            .unwrap_or_else(|_| "unknown".into())
    );
    summary(
        "save → reload event received by a page (includes the 10 ms debounce)",
        seen,
    );
    for (label, mut ms) in [
        (
            "first file event → reload sent, as the server logs it",
            server_side,
        ),
        ("of which the build (load, check, render)", builds),
    ] {
        if ms.len() > 1 {
            // The first is the warm-up.
            ms.remove(0);
            summary(label, ms);
        }
    }

    // Load: the Nynorsk page, as wrk fetches it.
    let url = format!("http://127.0.0.1:{port}/nn/");
    println!("wrk {wrk_args} {url}");
    match Command::new("wrk")
        .args(wrk_args.split_whitespace())
        .arg(&url)
        .status()
    {
        Ok(status) if status.success() => {}
        Ok(status) => println!("wrk failed: {status}"),
        Err(e) => println!("wrk did not run ({e}); install it (apt-get install wrk)"),
    }
    let _ = child.kill();
    let _ = child.wait();
}
