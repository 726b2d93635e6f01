//! PDFs that are part of the site (`pdf: true` in site.yaml): printed by
//! every build, linked with their size from each language page and print
//! page, and fit for the archive and for screen readers: metadata in the
//! document information and in XMP, dated by the sources (or
//! `SOURCE_DATE_EPOCH`), bookmarks, tags. Read with poppler's `pdfinfo`
//! and `pdftotext` and parsed with lopdf. Needs Chromium and poppler-utils
//! (`.ci/run` installs them).

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use common::*;

/// Each language's PDF, its words, and what its PDF says of itself.
struct Expect {
    lang: &'static str,
    file: &'static str,
    download: &'static str,
    author: &'static str,
    subject: &'static str,
    keywords: &'static str,
}

const EXPECT: [Expect; 3] = [
    Expect {
        lang: "nn",
        file: "rettleiar-for-bruk-av-sosiale-medier.pdf",
        download: "Last ned PDF",
        author: "Bømlo kommune",
        subject: "Sak PS 64/2013: vedteken i kommunestyret 23. september 2013.",
        keywords: "sosiale medier, rettleiar, tilsette, Bømlo kommune, PS 64/2013",
    },
    Expect {
        lang: "nb",
        file: "veileder-for-bruk-av-sosiale-medier.pdf",
        download: "Last ned PDF",
        author: "Bømlo kommune",
        subject: "Sak PS 64/2013: vedtatt i kommunestyret 23. september 2013. Uoffisiell oversettelse.",
        keywords: "sosiale medier, veileder, ansatte, Bømlo kommune, PS 64/2013",
    },
    Expect {
        lang: "en",
        file: "guidelines-for-the-use-of-social-media.pdf",
        download: "Download PDF",
        author: "Bømlo kommune",
        subject: "Case PS 64/2013: adopted by the municipal council on 23 September 2013. Unofficial translation.",
        keywords: "social media, guidelines, employees, Bømlo kommune, PS 64/2013",
    },
];

/// A copy of the project whose site.yaml says `pdf: true`.
fn with_pdfs() -> Project {
    let p = Project::copy();
    p.edit("source/site.yaml", "pdf: false", "pdf: true");
    p
}

/// One plain `build` (no `--pdf`) of a project with `pdf: true`, shared.
/// Each language's text last changed at another time, after the shared
/// files.
fn built() -> &'static Project {
    static BUILT: OnceLock<Project> = OnceLock::new();
    BUILT.get_or_init(|| {
        let p = with_pdfs();
        let source = p.path("source");
        for entry in walkdir::WalkDir::new(&source) {
            let entry = entry.unwrap();
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(&source).unwrap();
            let secs = match rel.components().next().unwrap().as_os_str().to_str() {
                Some("nn") => 1_600_000_000,
                Some("nb") => 1_610_000_000,
                Some("en") => 1_620_000_000,
                _ => 1_500_000_000,
            };
            let time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs);
            let file = std::fs::File::options()
                .write(true)
                .open(entry.path())
                .unwrap();
            file.set_modified(time).unwrap();
        }
        p.build().ok();
        p
    })
}

fn tool(name: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(name)
        .args(args)
        .arg(pdf)
        .args(if name == "pdftotext" { &["-"][..] } else { &[] })
        .output()
        .unwrap_or_else(|e| panic!("cannot run {name} (apt-get install poppler-utils): {e}"));
    assert!(out.status.success(), "{name} failed on {}", pdf.display());
    String::from_utf8(out.stdout).unwrap()
}

/// `pdfinfo`'s fields, dates as ISO 8601.
fn info(pdf: &Path) -> BTreeMap<String, String> {
    tool("pdfinfo", &["-isodates"], pdf)
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// The text of every element `tag` in the XMP packet.
fn xmp_values(xmp: &str, tag: &str) -> Vec<String> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    let Some(start) = xmp.find(&open) else {
        return Vec::new();
    };
    let end = xmp[start..].find(&close).map_or(xmp.len(), |e| start + e);
    let inner = &xmp[start + open.len()..end];
    if !inner.contains("<rdf:li") {
        return vec![inner.to_string()];
    }
    inner
        .split("<rdf:li")
        .skip(1)
        .filter_map(|li| li.split_once('>').map(|(_, rest)| rest))
        .filter_map(|rest| rest.split_once("</rdf:li>").map(|(v, _)| v.to_string()))
        .collect()
}

fn pdf_path(p: &Project, out: &str, e: &Expect) -> std::path::PathBuf {
    p.path(&format!("{out}/{}/{}", e.lang, e.file))
}

/// The newest modification time of the files in the project's source/
/// but the other languages' texts, as pdfinfo writes it with `-isodates`.
fn newest_source_time(p: &Project, lang: &str) -> String {
    let newest = walkdir::WalkDir::new(p.path("source"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            let rel = e.path().strip_prefix(p.path("source")).unwrap();
            rel.components().count() == 1 || rel.starts_with(lang)
        })
        .map(|e| e.metadata().unwrap().modified().unwrap())
        .max()
        .unwrap();
    let secs = newest
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    iso(secs)
}

/// Seconds since 1970 as `2023-11-14T22:13:20Z`.
fn iso(secs: u64) -> String {
    let at = time::OffsetDateTime::from_unix_timestamp(secs as i64).unwrap();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

#[test]
fn pdf_true_prints_the_pdfs_on_a_plain_build() {
    for e in &EXPECT {
        let pdf = pdf_path(built(), "public", e);
        assert!(pdf.is_file(), "{}: no {}", e.lang, e.file);
        let text = tool("pdftotext", &[], &pdf);
        assert!(text.contains("PS 64/2013"), "{}", e.lang);
        // The link to the PDF is for the screen; the paper does not show it.
        assert!(!text.contains(e.download), "{}: {text}", e.lang);
    }
}

#[test]
fn each_language_page_and_print_page_links_its_pdf_with_its_size() {
    let p = built();
    for e in &EXPECT {
        let size = std::fs::metadata(pdf_path(p, "public", e)).unwrap().len();
        // To the nearest kilobyte (1000 bytes).
        let expected = format!("{} ({} kB)", e.download, ((size + 500) / 1000).max(1));
        for page in ["index.html", "print.html"] {
            let doc = html(&p.path(&format!("public/{}/{page}", e.lang)));
            let links: Vec<_> = doc
                .select(&sel(&format!("a[href=\"{}\"]", e.file)))
                .collect();
            assert_eq!(links.len(), 1, "{} {page}: one link to {}", e.lang, e.file);
            let link = links[0];
            assert_eq!(link.value().attr("type"), Some("application/pdf"));
            let text = fold(&link.text().collect::<String>());
            assert_eq!(
                text, expected,
                "{} {page}: the file has {size} bytes",
                e.lang
            );
        }
    }
}

#[test]
fn the_metadata_is_in_the_document_information_and_in_xmp() {
    let p = built();
    let mut dates = std::collections::BTreeSet::new();
    for e in &EXPECT {
        let when = newest_source_time(p, e.lang);
        dates.insert(when.clone());
        let pdf = pdf_path(p, "public", e);
        let info = info(&pdf);
        let title = text_of(
            &html(&p.path(&format!("public/{}/print.html", e.lang))),
            "h1",
        );
        assert_eq!(info["Title"], title, "{}", e.lang);
        assert_eq!(info["Author"], e.author, "{}", e.lang);
        assert_eq!(info["Subject"], e.subject, "{}", e.lang);
        assert_eq!(info["Keywords"], e.keywords, "{}", e.lang);
        assert_eq!(info["Metadata Stream"], "yes", "{}", e.lang);
        assert_eq!(info["CreationDate"], when, "{}: dated by source/", e.lang);
        assert_eq!(info["ModDate"], when, "{}", e.lang);

        let xmp = tool("pdfinfo", &["-meta"], &pdf);
        assert_eq!(xmp_values(&xmp, "dc:title")[0], title, "{}", e.lang);
        assert_eq!(xmp_values(&xmp, "dc:creator"), [e.author], "{}", e.lang);
        assert_eq!(xmp_values(&xmp, "dc:description")[0], e.subject);
        assert_eq!(xmp_values(&xmp, "dc:subject").join(", "), e.keywords);
        assert_eq!(xmp_values(&xmp, "pdf:Keywords"), [e.keywords]);
        assert_eq!(xmp_values(&xmp, "dc:language"), [e.lang], "{}", e.lang);
        let xmp_when = when.replace('Z', "+00:00");
        for date in ["xmp:CreateDate", "xmp:ModifyDate"] {
            assert_eq!(xmp_values(&xmp, date), [xmp_when.as_str()], "{}", e.lang);
        }

        let doc = lopdf::Document::load(&pdf).unwrap();
        let catalog = doc.catalog().unwrap();
        let lang = lopdf::decode_text_string(catalog.get(b"Lang").unwrap()).unwrap();
        assert_eq!(lang, e.lang);
    }
    assert_eq!(dates.len(), 3, "each PDF dated by its own text: {dates:?}");
}

#[test]
fn the_pdfs_have_bookmarks_for_the_parts_and_stay_tagged() {
    let p = built();
    for e in &EXPECT {
        let pdf = pdf_path(p, "public", e);
        let print = html(&p.path(&format!("public/{}/print.html", e.lang)));
        let headings: Vec<String> = print
            .select(&sel("main h2"))
            .map(|h| fold(&h.text().collect::<String>()))
            .collect();
        assert!(headings.len() >= 4, "{}: {headings:?}", e.lang);
        let doc = lopdf::Document::load(&pdf).unwrap();
        let toc = doc.get_toc().expect("the PDF has an outline");
        let titles: Vec<String> = toc.toc.iter().map(|t| fold(&t.title)).collect();
        for heading in &headings {
            assert!(
                titles.contains(heading),
                "{}: no bookmark for {heading:?} in {titles:?}",
                e.lang
            );
        }
        assert_eq!(info(&pdf)["Tagged"], "yes", "{}", e.lang);
        let tree = tool("pdfinfo", &["-struct"], &pdf);
        assert!(tree.starts_with("Document"), "{}: {tree}", e.lang);
        for tag in ["H1", "P", "L", "LI"] {
            assert!(
                tree.lines().any(|l| l.trim_start().starts_with(tag)),
                "{}: no {tag} in the structure tree",
                e.lang
            );
        }
    }
}

#[test]
fn the_same_sources_give_the_same_pdfs_and_the_epoch_dates_them() {
    let p = built();
    p.run(&["build", "--out", "again"]).ok();
    for e in &EXPECT {
        let first = std::fs::read(pdf_path(p, "public", e)).unwrap();
        let again = std::fs::read(pdf_path(p, "again", e)).unwrap();
        assert!(first == again, "{}: the PDFs differ", e.lang);
    }
    p.run_env(
        &["build", "--out", "epoch"],
        &[("SOURCE_DATE_EPOCH", "1700000000")],
    )
    .ok();
    for e in &EXPECT {
        let pdf = pdf_path(p, "epoch", e);
        let info = info(&pdf);
        assert_eq!(info["CreationDate"], "2023-11-14T22:13:20Z", "{}", e.lang);
        assert_eq!(info["ModDate"], "2023-11-14T22:13:20Z", "{}", e.lang);
        let xmp = tool("pdfinfo", &["-meta"], &pdf);
        assert_eq!(
            xmp_values(&xmp, "xmp:CreateDate"),
            ["2023-11-14T22:13:20+00:00"]
        );
    }
    let bad = p.run_env(
        &["build", "--out", "bad"],
        &[("SOURCE_DATE_EPOCH", "yesterday")],
    );
    assert_eq!(bad.code, 3, "{}", bad.stderr);
    assert!(bad.stderr.contains("SOURCE_DATE_EPOCH"), "{}", bad.stderr);
    assert!(!p.path("bad").exists());
}

#[test]
fn pdf_true_without_chromium_stops_and_says_how_to_get_it() {
    let p = with_pdfs();
    let out = Command::new(env!("CARGO_BIN_EXE_rettleiar"))
        .arg("build")
        .current_dir(p.dir.path())
        .env("PATH", "")
        .env_remove("RETTLEIAR_CHROMIUM")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("`pdf: true` in site.yaml"), "{stderr}");
    assert!(stderr.contains("apt-get install chromium"), "{stderr}");
    assert!(!p.path("public").exists(), "nothing was written");
}

#[test]
fn a_plain_build_that_drops_the_pdfs_says_so_in_one_line() {
    let p = Project::copy();
    p.run(&["build", "--pdf"]).ok();
    let run = p.build().ok();
    let warnings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning:") && l.contains("PDF"))
        .collect();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    for e in &EXPECT {
        assert!(
            warnings[0].contains(&format!("{}/{}", e.lang, e.file)),
            "{}",
            warnings[0]
        );
        assert!(!pdf_path(&p, "public", e).exists());
        let page = html(&p.path(&format!("public/{}/index.html", e.lang)));
        assert!(page
            .select(&sel("a[type=\"application/pdf\"]"))
            .next()
            .is_none());
    }
    assert!(warnings[0].contains("pdf: true"), "{}", warnings[0]);
    // Once dropped, the next build has nothing to say.
    let run = p.build().ok();
    assert!(!run.stderr.contains("PDF"), "{}", run.stderr);
}
