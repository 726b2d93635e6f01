//! What no source file may do, whoever edits it: put script or attributes
//! on a page, make a page load something from another host, write outside
//! the output folder, make the tool crash or hang, or leave a file in
//! `source/` half written. Each test feeds one class of hostile input
//! through the real binary (the inputs are made here, for the tests).

mod common;

use std::fs;

use common::*;

const MD: &str = "source/nn/rettleiar.md";

/// Builds, expecting a refusal with `code` and `needles`, and that nothing
/// outside the output folder changed.
fn refused_untouched(p: &Project, needles: &[&str]) -> String {
    let theme = tree(&p.path("theme"));
    let stderr = p.refused(1, needles);
    assert_eq!(theme, tree(&p.path("theme")), "the theme was changed");
    stderr
}

#[test]
fn id_markers_carry_nothing_but_an_id_at_any_level() {
    let cases = [
        // A heading of any level, a section, a rule, a paragraph.
        ("\n## {#intro}\n", "\n## {#intro}\n\n### Kontakt {#kontakt tabindex=0 autofocus onfocus=alert(document.domain)}\n", "### Kontakt"),
        ("{#part-a}", "{#part-a onfocus=alert(1)}", "## A)"),
        ("{#part-a}", "{#part-a .x}", "## A)"),
        ("{#a5}", "{#a5 onclick=\"alert(1)\"}", "5. Tilsette"),
        ("\n## {#intro}\n", "\n## {#intro}\n\n#### Djupt {#djupt style=\"x\"}\n", "#### Djupt"),
        ("\n## {#intro}\n", "\n## {#intro}\n\n###### Djupast {#djupast class=\"x\"}\n", "###### Djupast"),
    ];
    for (from, to, line_needle) in cases {
        let p = Project::copy();
        p.edit(MD, from, to);
        let line = p.line_of(MD, line_needle);
        let stderr = refused_untouched(&p, &["E10-bad-id", &format!("{MD}:{line}:")]);
        assert!(stderr.contains("not allowed in an id marker"), "{stderr}");
    }
}

#[test]
fn ids_below_the_section_headings_are_checked_like_every_other_id() {
    // A second `#a5`, on a third-level heading.
    let p = Project::copy();
    p.edit(
        MD,
        "\n## {#intro}\n",
        "\n## {#intro}\n\n### Kontakt {#a5}\n",
    );
    let line = p.line_of(MD, "### Kontakt");
    refused_untouched(
        &p,
        &["E11-duplicate-id", "`a5` is used twice", &format!("{MD}:")],
    );
    let _ = line;

    // An id the theme gives an element of every page.
    let p = Project::copy();
    for t in ["theme/templates/base.html", "theme/templates/print.html"] {
        let text = p.read(t).replace("main_content", "main-content");
        p.write(t, &text);
    }
    p.edit(
        MD,
        "\n## {#intro}\n",
        "\n## {#intro}\n\n### Hovud {#main-content}\n",
    );
    let line = p.line_of(MD, "### Hovud");
    refused_untouched(
        &p,
        &[
            "E11-duplicate-id",
            "used by the theme",
            &format!("{MD}:{line}:"),
        ],
    );

    // A heading id is published as an anchor, as the README promises.
    let p = Project::copy();
    for lang in ["nn", "nb", "en"] {
        p.edit(
            &format!("source/{lang}/rettleiar.md"),
            "\n## {#intro}\n",
            "\n## {#intro}\n\n### Kontakt {#kontakt}\n",
        );
    }
    p.build().ok();
    let page = html(&p.path("public/nn/index.html"));
    let found: Vec<_> = page.select(&sel("#kontakt h3")).collect();
    assert_eq!(found.len(), 1);
    assert_eq!(
        page.select(&sel("h3[id], h3[tabindex], h3[onfocus]"))
            .count(),
        0
    );
}

const RETIRED: &str = "  retired:\n    date: 2014-01-01\n    reason: PS 1/2014\n";

/// An extra register entry, retired, with the given fields.
fn entry(id: &str, part: &str, replaced_by: &str) -> String {
    format!(
        "- id: {id}\n  part: {part}\n  fingerprint: 00\n  since: 2013-09-23\n  text: x\n{RETIRED}    replaced_by: {replaced_by}\n"
    )
}

#[test]
fn no_id_or_name_from_any_file_leads_out_of_the_output_folder() {
    let escapes = [
        "../../theme/templates",
        "../../../../../../tmp/x",
        "/tmp/x",
        "a/../../x",
        "..",
        "a\\..\\x",
    ];
    for bad in escapes {
        let quoted = format!("'{bad}'");
        for register in [
            entry(&quoted, "part-a", "a1"),
            entry("a99", &quoted, "a1"),
            entry("a99", "part-a", &quoted),
        ] {
            let p = Project::copy();
            let text = p.read("source/anchors.yaml") + &register;
            p.write("source/anchors.yaml", &text);
            let line = p.line_of("source/anchors.yaml", bad);
            refused_untouched(&p, &["E10-bad-id", &format!("source/anchors.yaml:{line}:")]);
        }
        let p = Project::copy();
        p.edit(MD, "{#a5}", &format!("{{#{bad}}}"));
        refused_untouched(&p, &["E10-bad-id", &format!("{MD}:")]);

        let p = Project::copy();
        p.edit(
            "source/site.yaml",
            "  - en\n",
            &format!("  - en\n  - {quoted}\n"),
        );
        refused_untouched(&p, &["E13-language", "source/site.yaml"]);

        let p = Project::copy();
        p.edit(
            "source/nb/rettleiar.md",
            "  of: nn",
            &format!("  of: {quoted}"),
        );
        refused_untouched(&p, &["E05-metadata", "source/nb/rettleiar.md"]);
    }
    // The command line goes through the same rule.
    let p = Project::copy();
    let before = p.read("source/anchors.yaml");
    let run = p.run(&[
        "anchors",
        "retire",
        "../../x",
        "--date",
        "2027-01-14",
        "--case",
        "PS 1/2027",
        "--reason",
        "r",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(before, p.read("source/anchors.yaml"));
}

/// Replaces the line of `file` that starts with `key:` by `key: value`.
fn set_field(p: &Project, file: &str, key: &str, value: &str) {
    let text = p.read(file);
    let start = text
        .find(&format!("\n{key}:"))
        .unwrap_or_else(|| panic!("{file} has no {key}"))
        + 1;
    let end = start + text[start..].find('\n').unwrap();
    p.write(
        file,
        &format!("{}{key}: {value}{}", &text[..start], &text[end..]),
    );
}

#[test]
fn addresses_from_the_yaml_files_follow_the_link_policy() {
    let cases = [
        (
            "source/site.yaml",
            "accessibility_statement",
            "\"javascript:alert(1)\"",
        ),
        (
            "source/site.yaml",
            "accessibility_statement",
            "\" JaVaScRiPt:alert(1)\"",
        ),
        (
            "source/site.yaml",
            "accessibility_statement",
            "\"//other.example/x\"",
        ),
        (
            "source/site.yaml",
            "accessibility_statement",
            "\"data:text/html,<script>alert(1)</script>\"",
        ),
        ("source/site.yaml", "base_url", "www.example.no/x"),
        ("source/site.yaml", "base_url", "\"javascript:alert(1)//\""),
        ("source/site.yaml", "base_url", "'https://a.no/\"><script>'"),
        (
            "source/document.yaml",
            "contact_email",
            "\"x@y.no?body=<b>\"",
        ),
        (
            "source/document.yaml",
            "contact_email",
            "\"javascript:alert(1)\"",
        ),
    ];
    for (file, key, value) in cases {
        let p = Project::copy();
        set_field(&p, file, key, value);
        let line = p.line_of(file, &format!("{key}:"));
        refused_untouched(&p, &["E08-unsafe-link", &format!("{file}:{line}:")]);
    }
    // A good base_url goes through.
    let p = Project::copy();
    set_field(
        &p,
        "source/site.yaml",
        "base_url",
        "https://www.example.no/rettleiar/",
    );
    p.build().ok();
}

#[test]
fn no_image_is_published() {
    for image in [
        "![x](https://other.example/t.png)",
        "![x](//other.example/t.png)",
        "![x](bilete.png)",
        "![x][r]",
    ] {
        let p = Project::copy();
        p.edit(MD, "{#a5}", &format!("{image} {{#a5}}"));
        let text = p.read(MD) + "\n[r]: https://other.example/t.png\n";
        p.write(MD, &text);
        let line = p.line_of(MD, "{#a5}");
        refused_untouched(&p, &["E08-unsafe-link", "image", &format!("{MD}:{line}:")]);
    }
}

#[test]
fn the_register_is_replaced_in_one_step_and_written_before_it_is_reported() {
    let p = Project::copy();
    // Unregister a1 so that `accept` has something to write.
    let register = p.read("source/anchors.yaml");
    let start = register.find("- id: a1\n").unwrap();
    let end = register.find("- id: a2\n").unwrap();
    p.write(
        "source/anchors.yaml",
        &format!("{}{}", &register[..start], &register[end..]),
    );
    let before = p.read("source/anchors.yaml");
    // A second name for the same file: written in place, it would change too.
    fs::hard_link(p.path("source/anchors.yaml"), p.path("source/anchors.keep")).unwrap();
    let run = p.run(&["anchors", "accept"]).ok();
    assert!(run.stdout.contains("1 change(s) written"), "{}", run.stdout);
    assert_eq!(
        p.read("source/anchors.keep"),
        before,
        "the register was written in place"
    );
    assert!(p.read("source/anchors.yaml").contains("- id: a1\n"));
    let names: Vec<String> = fs::read_dir(p.path("source"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(names.is_empty(), "left behind: {names:?}");
}

#[test]
fn retiring_a_retired_id_is_refused_and_keeps_its_record() {
    let p = Project::copy();
    let text = p.read("source/anchors.yaml") + &entry("a99", "part-a", "a1");
    p.write("source/anchors.yaml", &text);
    p.build().ok();
    let run = p.run(&[
        "anchors",
        "retire",
        "a99",
        "--date",
        "2027-01-14",
        "--case",
        "PS 1/2027",
        "--reason",
        "again",
    ]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("already retired"), "{}", run.stderr);
    assert!(!run.stdout.contains("withdrawn"), "{}", run.stdout);
    assert_eq!(p.read("source/anchors.yaml"), text);
}

/// Runs `check` and `build`, expecting a refusal with every needle.
fn refused_by_check_and_build(p: &Project, needles: &[&str]) {
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1, "check:\n{}", run.stderr);
    for needle in needles {
        assert!(
            run.stderr.contains(needle),
            "check: expected {needle:?} in:\n{}",
            run.stderr
        );
    }
    refused_untouched(p, needles);
}

#[test]
fn bad_templates_are_problems_not_aborts() {
    let page = "theme/templates/page.html";
    let cases: [(&str, &str, &str); 5] = [
        (page, "{% block main %}", "{% block main %}{% include \"page.html\" %}"),
        ("theme/templates/short.html", "{% block main %}", "{% block main %}{% include \"loop.html\" %}"),
        ("theme/templates/macros.html", "{% macro block(b, meta, lang) %}", "{% macro block(b, meta, lang) %}{{ self::block(b=b, meta=meta, lang=lang) }}"),
        (page, "{% block main %}", "{% block main %}{% for i in range(end=1000000000) %}x{% endfor %}"),
        (page, "{% block main %}", "{% block main %}{{ ((((((((((((((((((((((((((((((((((((((((1)))))))))))))))))))))))))))))))))))))))) }}"),
    ];
    for (file, from, to) in cases {
        let p = Project::copy();
        p.write("theme/templates/loop.html", "{% include \"short.html\" %}");
        p.edit(file, from, to);
        refused_by_check_and_build(&p, &["E15-template"]);
    }
    // A value that doubles in a loop is refused before rendering; loops
    // in loops that write nothing end at the page's time limit.
    let p = Project::copy();
    p.edit(
        "theme/templates/page.html",
        "{% block main %}",
        "{% block main %}{% set s = 'x' %}{% for i in range(end=100) %}{% set_global s = s ~ s %}{% endfor %}",
    );
    refused_by_check_and_build(&p, &["E15-template", "grow without end"]);
    let p = Project::copy();
    p.edit(
        "theme/templates/index.html",
        "{% block main %}",
        "{% block main %}{% for i in range(end=10000) %}{% for j in range(end=10000) %}{% for k in range(end=10000) %}{% endfor %}{% endfor %}{% endfor %}",
    );
    refused_by_check_and_build(&p, &["E15-template"]);
    // A chain of includes too long for the stack, without a loop.
    let p = Project::copy();
    for n in 0..40 {
        p.write(
            &format!("theme/templates/c{n}.html"),
            &format!("{{% include \"c{}.html\" %}}", n + 1),
        );
    }
    p.write("theme/templates/c40.html", "end");
    p.edit(
        "theme/templates/page.html",
        "{% block main %}",
        "{% block main %}{% include \"c0.html\" %}",
    );
    refused_by_check_and_build(&p, &["E15-template", "nest more than 32 deep"]);

    // The chain of a loop is named.
    let p = Project::copy();
    p.write("theme/templates/loop.html", "{% include \"short.html\" %}");
    p.edit(
        "theme/templates/short.html",
        "{% block main %}",
        "{% block main %}{% include \"loop.html\" %}",
    );
    let run = p.run(&["check"]);
    assert!(
        run.stderr.contains("loop.html → short.html")
            || run.stderr.contains("short.html → loop.html"),
        "{}",
        run.stderr
    );
}

#[test]
fn deep_or_huge_input_is_refused_at_once() {
    let deep = format!("x: {}\n", "[".repeat(200_000));
    for file in [
        "source/site.yaml",
        "source/document.yaml",
        "source/anchors.yaml",
    ] {
        let p = Project::copy();
        let text = p.read(file) + &deep;
        p.write(file, &text);
        let line = p.line_of(file, "x: [[[");
        refused_untouched(&p, &["E04-yaml", &format!("{file}:{line}:")]);
    }
    // Front matter, and nesting spread over lines.
    let p = Project::copy();
    p.edit(
        MD,
        "---\n\n",
        &format!("x: {}\n---\n\n", "{\n".repeat(5_000)),
    );
    refused_untouched(&p, &["E04-yaml", "nests more than", MD]);
    // Fluent placeables and markdown quotes.
    let p = Project::copy();
    let text = p.read("locales/nn/main.ftl") + &format!("x = {}\n", "{ ".repeat(100_000));
    p.write("locales/nn/main.ftl", &text);
    refused_untouched(&p, &["E14-locale", "locales/nn/main.ftl"]);
    let p = Project::copy();
    let text = p.read(MD) + &format!("\n{}\n", ">".repeat(200_000));
    p.write(MD, &text);
    refused_untouched(&p, &["E06-markdown", MD]);
    // A file too large to be a source file.
    let p = Project::copy();
    let text = p.read(MD) + &"x".repeat(33 * 1024 * 1024);
    p.write(MD, &text);
    refused_untouched(&p, &["E01-read", "larger than"]);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let p = Project::copy();
    for file in [
        MD,
        "locales/nb/main.ftl",
        "source/site.yaml",
        "source/document.yaml",
        "source/anchors.yaml",
    ] {
        let text = format!("\u{feff}{}", p.read(file));
        p.write(file, &text);
    }
    p.build().ok();
    let page = html(&p.path("public/nn/index.html"));
    assert_eq!(page.select(&sel("#a5")).count(), 1);
}

#[test]
fn a_closed_standard_output_ends_quietly() {
    use std::os::unix::io::FromRawFd;
    use std::os::unix::process::ExitStatusExt;
    let p = Project::copy();
    for _ in 0..3 {
        let mut fds = [0; 2];
        // SAFETY: `pipe` fills the two descriptors; the reading end is
        // closed at once, so every write to the other fails.
        let (read, write) = unsafe {
            assert_eq!(libc::pipe(fds.as_mut_ptr()), 0);
            (fs::File::from_raw_fd(fds[0]), fs::File::from_raw_fd(fds[1]))
        };
        drop(read);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_rettleiar"))
            .args(["cite", "A5", "--format", "text"])
            .current_dir(p.dir.path())
            .stdout(write)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        let quiet = out.status.code() == Some(0) || out.status.signal() == Some(libc::SIGPIPE);
        assert!(quiet, "{:?} {stderr}", out.status);
    }
}

#[test]
fn an_unknown_field_is_reported_at_its_own_line() {
    let p = Project::copy();
    p.edit(
        "source/document.yaml",
        "case:",
        "# tittel: the title is in the front matter, not here\ntittel: x\ncase:",
    );
    let line = p.line_of("source/document.yaml", "tittel: x");
    refused_untouched(
        &p,
        &[
            "unknown field `tittel`",
            &format!("source/document.yaml:{line}:1"),
        ],
    );
}
