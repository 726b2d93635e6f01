//! The catalogue of bad inputs: every mistake an editor can make gives a
//! message with the file, the line and what to do, and exit code 1 (wrong
//! sources) or 3 (the tool could not work); nothing is written.

mod common;

use common::*;

#[test]
fn malformed_yaml() {
    let p = Project::copy();
    p.edit("source/site.yaml", "  - nb\n", "  - nb\n - en: [\n");
    p.refused(
        1,
        &["E04-yaml", "source/site.yaml:", "check the indentation"],
    );
}

#[test]
fn a_missing_metadata_field() {
    let p = Project::copy();
    p.edit("source/document.yaml", "case: PS 64/2013\n", "");
    p.refused(
        1,
        &[
            "E05-metadata",
            "missing field `case`",
            "source/document.yaml:",
        ],
    );
}

#[test]
fn an_unknown_field_with_did_you_mean() {
    let p = Project::copy();
    p.edit("source/document.yaml", "adopted_by:", "adopted_bye:");
    let line = p.line_of("source/document.yaml", "adopted_bye:");
    p.refused(
        1,
        &[
            "unknown field `adopted_bye`",
            "did you mean `adopted_by`?",
            &format!("source/document.yaml:{line}:1"),
        ],
    );
}

#[test]
fn an_unknown_front_matter_field() {
    let p = Project::copy();
    p.edit("source/nb/rettleiar.md", "short_title:", "shorttitle:");
    let line = p.line_of("source/nb/rettleiar.md", "shorttitle:");
    p.refused(
        1,
        &[
            "did you mean `short_title`?",
            &format!("source/nb/rettleiar.md:{line}:1"),
        ],
    );
}

#[test]
fn a_date_that_is_not_a_date() {
    for bad in ["2013-09-31", "23.09.2013", "2013-13-01"] {
        let p = Project::copy();
        p.edit(
            "source/document.yaml",
            "adopted: 2013-09-23",
            &format!("adopted: {bad}"),
        );
        let line = p.line_of("source/document.yaml", "adopted:");
        p.refused(
            1,
            &[
                &format!("`{bad}` is not a date"),
                "YYYY-MM-DD",
                &format!("source/document.yaml:{line}:"),
            ],
        );
    }
}

#[test]
fn an_id_with_illegal_characters() {
    let p = Project::copy();
    p.edit("source/nn/rettleiar.md", "{#a4}", "{#A 4}");
    let line = p.line_of("source/nn/rettleiar.md", "{#A 4}");
    p.refused(
        1,
        &[
            "E10-bad-id",
            "`A 4` is not a valid id",
            &format!("source/nn/rettleiar.md:{line}:"),
        ],
    );
}

#[test]
fn a_section_heading_without_an_id() {
    let p = Project::copy();
    p.edit("source/en/rettleiar.md", " {#remember}", "");
    let line = p.line_of("source/en/rettleiar.md", "## Remember");
    p.refused(
        1,
        &[
            "a section heading without an id",
            &format!("source/en/rettleiar.md:{line}:1"),
        ],
    );
}

#[test]
fn an_empty_language_folder() {
    let p = Project::copy();
    std::fs::remove_file(p.path("source/en/rettleiar.md")).unwrap();
    p.refused(
        1,
        &[
            "site.yaml lists `en`, but there is no text for it",
            "source/en",
        ],
    );
}

#[test]
fn a_missing_ftl_file() {
    // A language the tool has no messages of needs its own.
    let p = Project::copy();
    copy_dir(
        &repo().join("tests/fixtures/fourth-language/source"),
        &p.path("source"),
    );
    p.edit("source/site.yaml", "  - en\n", "  - en\n  - de\n");
    p.refused(1, &["E14-locale", "no Fluent files for `de`", "locales/de"]);
    // An own file takes the built-in one's place, whole.
    let p = Project::copy();
    p.write("locales/nb/main.ftl", "# Only a comment.\n");
    p.refused(
        1,
        &[
            "E14-locale",
            "the message `toc-heading` is missing for `nb`",
            "locales/nb/main.ftl",
        ],
    );
}

#[test]
fn a_missing_message() {
    let p = Project::copy();
    let text = p.read("locales/en/main.ftl");
    let line = text
        .lines()
        .find(|l| l.starts_with("toc-heading"))
        .unwrap()
        .to_string();
    p.write(
        "locales/en/main.ftl",
        &text.replace(&format!("{line}\n"), ""),
    );
    p.refused(
        1,
        &[
            "the message `toc-heading` is missing for `en`",
            "locales/en/main.ftl",
        ],
    );
}

#[test]
fn a_fluent_syntax_error() {
    let p = Project::copy();
    p.edit(
        "locales/nb/main.ftl",
        "toc-heading = Innhold",
        "toc-heading = { $x",
    );
    let line = p.line_of("locales/nb/main.ftl", "toc-heading");
    p.refused(
        1,
        &["Fluent syntax", &format!("locales/nb/main.ftl:{line}:")],
    );
}

#[test]
fn a_template_syntax_error_names_template_and_line() {
    let p = Project::copy();
    p.edit(
        "theme/templates/page.html",
        "{% endblock title %}",
        "{% endblock title %}\n{% if %}",
    );
    let line = p.line_of("theme/templates/page.html", "{% if %}");
    p.refused(
        1,
        &[
            "E15-template",
            "page.html",
            &format!("theme/templates/page.html:{line}:"),
        ],
    );
}

#[test]
fn a_template_asking_for_a_message_that_does_not_exist() {
    let p = Project::copy();
    p.edit(
        "theme/templates/page.html",
        "t(key=\"toc-heading\")",
        "t(key=\"toc-heding\")",
    );
    p.refused(
        1,
        &["the message `toc-heding` is missing for `nn`", "page.html"],
    );
}

#[test]
fn a_file_that_is_not_utf8() {
    let p = Project::copy();
    let mut bytes = p.read("source/nb/rettleiar.md").into_bytes();
    let at = bytes.len() - 10;
    bytes[at] = 0xff;
    std::fs::write(p.path("source/nb/rettleiar.md"), &bytes).unwrap();
    let lines = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
    p.refused(
        1,
        &[
            "E02-encoding",
            "not UTF-8",
            &format!("source/nb/rettleiar.md:{lines}:"),
            "save the file as UTF-8",
        ],
    );
}

#[test]
fn an_empty_file() {
    let p = Project::copy();
    p.write("source/en/rettleiar.md", "");
    p.refused(
        1,
        &["E03-empty", "this file is empty", "source/en/rettleiar.md"],
    );
    let p = Project::copy();
    p.write("source/document.yaml", "# nothing yet\n");
    p.refused(1, &["this YAML is empty", "source/document.yaml"]);
}

#[test]
fn a_source_folder_that_does_not_exist() {
    let p = Project::copy();
    let run = p.run(&["build", "--source", "sources"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("the source folder `sources` does not exist"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--source"), "{}", run.stderr);
}

#[test]
fn raw_html_and_script_links_never_reach_the_output() {
    let cases = [
        ("<script>alert(1)</script>", "raw HTML is not allowed"),
        (
            "<iframe src=\"https://example.com\"></iframe>",
            "raw HTML is not allowed",
        ),
        (
            "Text <span onclick=\"alert(1)\">x</span>.",
            "raw HTML is not allowed",
        ),
        (
            "[klikk](javascript:alert(1))",
            "the link `javascript:alert(1)` is not allowed",
        ),
        ("[klikk](JaVaScRiPt:alert(1))", "is not allowed"),
        (
            "![bilete](data:image/svg+xml;base64,PHN2Zz4=)",
            "is not allowed",
        ),
    ];
    for (markdown, message) in cases {
        let p = Project::copy();
        p.edit(
            "source/nn/rettleiar.md",
            "## Hugs: {#remember}\n",
            &format!("## Hugs: {{#remember}}\n\n{markdown}\n"),
        );
        let line = p.line_of("source/nn/rettleiar.md", markdown);
        p.refused(1, &[message, &format!("source/nn/rettleiar.md:{line}:")]);
    }
}

#[test]
fn a_tool_failure_has_its_own_exit_code() {
    let p = Project::copy();
    p.write("blocker", "a file where a folder should be");
    let run = p.run(&["build", "--out", "blocker/public"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("blocker"), "{}", run.stderr);
}

#[test]
fn a_translation_missing_a_rule_is_refused_with_file_and_line() {
    let p = Project::copy();
    let rel = "source/nb/rettleiar.md";
    let text = p.read(rel);
    let a5 = text.lines().find(|l| l.ends_with("{#a5}")).unwrap();
    p.write(rel, &text.replace(&format!("{a5}\n"), ""));
    let err = p.refused(1, &[]);
    let line = p.line_of(rel, "{#a4}");
    assert!(
        err.contains(&format!("source/nb/rettleiar.md:{line}:1")),
        "{err}"
    );
    assert!(err.contains("`a5` is missing in the `nb` text"), "{err}");
}

#[test]
fn a_translation_with_an_extra_rule_is_refused() {
    let p = Project::copy();
    let rel = "source/en/rettleiar.md";
    p.edit(rel, "{#b10}\n", "{#b10}\n11. An extra rule. {#b11}\n");
    let err = p.refused(1, &[]);
    let line = p.line_of(rel, "{#b11}");
    assert!(
        err.contains(&format!("source/en/rettleiar.md:{line}:1")),
        "{err}"
    );
    assert!(err.contains("`b11` is not in the original"), "{err}");
}

#[test]
fn a_translation_with_rules_in_another_order_is_refused() {
    let p = Project::copy();
    let rel = "source/nb/rettleiar.md";
    p.edit(rel, "{#a2}", "{#tmp}");
    p.edit(rel, "{#a3}", "{#a2}");
    p.edit(rel, "{#tmp}", "{#a3}");
    let err = p.refused(1, &[]);
    let line = p.line_of(rel, "{#a3}");
    assert!(
        err.contains(&format!("source/nb/rettleiar.md:{line}:1")),
        "{err}"
    );
    assert!(
        err.contains("`a3` is out of order: the original has `a2` here"),
        "{err}"
    );
}

#[test]
fn a_rule_without_an_id_is_refused() {
    let p = Project::copy();
    let rel = "source/nn/rettleiar.md";
    p.edit(rel, " {#a7}", "");
    let err = p.refused(1, &[]);
    let line = p.line_of(rel, "7. Presiser");
    assert!(
        err.contains(&format!("source/nn/rettleiar.md:{line}:1")),
        "{err}"
    );
    assert!(err.contains("a rule without an id"), "{err}");
    assert!(
        err.contains("{#a5}"),
        "the message says what to write: {err}"
    );
}

#[test]
fn a_duplicate_id_is_refused() {
    let p = Project::copy();
    let rel = "source/nn/rettleiar.md";
    p.edit(rel, "{#b3}", "{#b2}");
    let err = p.refused(1, &[]);
    let line = p.line_of(rel, "3. Svar på positive");
    assert!(
        err.contains(&format!("source/nn/rettleiar.md:{line}:1")),
        "{err}"
    );
    assert!(err.contains("the id `b2` is used twice"), "{err}");
}
