//! Every diagnostic the tool can give, triggered through the command line
//! and compared whole (code, message, file, line, snippet, help) with a
//! snapshot in `tests/snapshots/`. A change of wording, place or help shows
//! up as a snapshot diff; update them with `INSTA_UPDATE=always cargo test
//! --locked --test diagnostics` (or `cargo insta review`) and commit the
//! `.snap` files.

mod common;

use common::Project;

const NN: &str = "source/nn/rettleiar.md";
const NB: &str = "source/nb/rettleiar.md";
const SITE: &str = "source/site.yaml";
const DOC: &str = "source/document.yaml";
const REGISTER: &str = "source/anchors.yaml";
const MAIN_FTL: &str = "locales/nb/main.ftl";

/// Runs `args` with colours off and a fixed width, expects `exit` and
/// `code` in the error, and nothing written; returns stderr with the
/// temporary folder's path replaced by `[project]`.
fn diagnose(p: &Project, args: &[&str], exit: i32, code: &str) -> String {
    let run = p.run_env(args, &[("NO_COLOR", "1"), ("COLUMNS", "80")]);
    assert_eq!(
        run.code, exit,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    assert!(
        run.stderr.contains(code),
        "expected {code} in:\n{}",
        run.stderr
    );
    assert!(!p.path("public").exists(), "a failed command wrote output");
    let root = p.dir.path().to_string_lossy().into_owned();
    run.stderr.replace(&root, "[project]")
}

/// Builds, expects the sources to be refused with `code`, and compares the
/// whole message with the snapshot `name`.
fn snapshot(name: &str, p: &Project, code: &str) {
    snapshot_of(name, p, &["build"], code);
}

fn snapshot_of(name: &str, p: &Project, args: &[&str], code: &str) {
    snapshot_exit(name, p, args, 1, code);
}

/// [`snapshot_of`] for a command that ends with exit code `exit`.
fn snapshot_exit(name: &str, p: &Project, args: &[&str], exit: i32, code: &str) {
    let stderr = diagnose(p, args, exit, code);
    insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!(name, stderr);
    });
}

/// Removes the line of rule `id` from every language.
fn remove_rule(p: &Project, id: &str) {
    for lang in common::LANGS {
        let rel = format!("source/{lang}/rettleiar.md");
        let text = p.read(&rel);
        let line = text
            .lines()
            .find(|l| l.ends_with(&format!("{{#{id}}}")))
            .unwrap();
        p.write(&rel, &text.replace(&format!("{line}\n"), ""));
    }
}

/// Removes rule a9 and withdraws it in the register, in favour of a10.
fn retire_a9(p: &Project) {
    remove_rule(p, "a9");
    p.run_env(
        &[
            "anchors",
            "retire",
            "a9",
            "--date",
            "2027-01-14",
            "--case",
            "PS 1/2027",
            "--reason",
            "Replaced by A10",
            "--replaced-by",
            "a10",
        ],
        &[],
    )
    .ok();
}

// E01-read

#[test]
fn e01_missing_source_folder() {
    let p = Project::copy();
    snapshot_of(
        "e01_missing_source_folder",
        &p,
        &["build", "--source", "nowhere"],
        "E01-read",
    );
}

#[test]
fn e01_file_too_large() {
    let p = Project::copy();
    let big = format!("{}\n", "x".repeat(33 << 20));
    p.write("source/nn/zz.md", &big);
    snapshot("e01_file_too_large", &p, "E01-read");
}

#[cfg(unix)]
#[test]
fn e01_symbolic_link() {
    let p = Project::copy();
    std::os::unix::fs::symlink(p.path(NN), p.path("source/nn/zz.md")).unwrap();
    snapshot("e01_symbolic_link", &p, "E01-read");
}

// E02-encoding, E03-empty, E04-yaml

#[test]
fn e02_not_utf8() {
    let p = Project::copy();
    std::fs::write(p.path("source/nb/zz.md"), b"## Hei {#x}\n\n\xff\xfe\n").unwrap();
    snapshot("e02_not_utf8", &p, "E02-encoding");
}

#[test]
fn e03_empty_text() {
    let p = Project::copy();
    p.write("source/nb/zz.md", "\n  \n");
    snapshot("e03_empty_text", &p, "E03-empty");
}

#[test]
fn e03_empty_yaml() {
    let p = Project::copy();
    p.write(DOC, "# nothing yet\n");
    snapshot("e03_empty_yaml", &p, "E03-empty");
}

#[test]
fn e04_yaml_syntax() {
    let p = Project::copy();
    p.edit(SITE, "original_language: nn", "original_language: nn: nb");
    snapshot("e04_yaml_syntax", &p, "E04-yaml");
}

#[test]
fn e04_yaml_too_deep() {
    let p = Project::copy();
    p.edit(
        DOC,
        "case: PS 64/2013",
        &format!("case: {}", "[".repeat(40)),
    );
    snapshot("e04_yaml_too_deep", &p, "E04-yaml");
}

#[test]
fn e04_yaml_line_too_long() {
    let p = Project::copy();
    let long = "x".repeat(70_000);
    p.edit(DOC, "case: PS 64/2013", &format!("case: {long}"));
    let stderr = diagnose(&p, &["build"], 1, "E04-yaml");
    // The snippet would hold the whole line: compare the message only.
    assert!(stderr.contains("this line is longer than"), "{stderr}");
    assert!(stderr.contains("source/document.yaml"), "{stderr}");
}

// E05-metadata

#[test]
fn e05_missing_field() {
    let p = Project::copy();
    p.edit(DOC, "case: PS 64/2013\n", "");
    snapshot("e05_missing_field", &p, "E05-metadata");
}

#[test]
fn e05_unknown_field() {
    let p = Project::copy();
    p.edit(NB, "short_title:", "shortt_title:");
    snapshot("e05_unknown_field", &p, "E05-metadata");
}

#[test]
fn e05_not_a_date() {
    let p = Project::copy();
    p.edit(DOC, "adopted: 2013-09-23", "adopted: 2013-02-30");
    snapshot("e05_not_a_date", &p, "E05-metadata");
}

#[test]
fn e05_no_front_matter() {
    let p = Project::copy();
    let text = p.read(NB);
    let body = &text[text.find("\n---\n").unwrap() + 5..];
    p.write(NB, body);
    snapshot("e05_no_front_matter", &p, "E05-metadata");
}

#[test]
fn e05_front_matter_in_a_later_file() {
    let p = Project::copy();
    p.write(
        "source/nb/zz.md",
        "---\ntitle: To\n---\n\n## Meir {#more}\n",
    );
    let stderr = diagnose(&p, &["build"], 1, "E05-metadata");
    assert!(stderr.contains("only the first file of a language may have front matter"));
    snapshot("e05_front_matter_in_a_later_file", &p, "E05-metadata");
}

#[test]
fn e05_original_with_translation_field() {
    let p = Project::copy();
    p.edit(
        NN,
        "inspired_by:",
        "translation:\n  of: nn\n  status: unofficial\n  date: 2026-11-25\ninspired_by:",
    );
    snapshot("e05_original_with_translation_field", &p, "E05-metadata");
}

#[test]
fn e05_translation_without_translation_field() {
    let p = Project::copy();
    p.edit(
        NB,
        "translation:\n  of: nn\n  status: unofficial\n  date: 2026-11-25\n",
        "",
    );
    snapshot(
        "e05_translation_without_translation_field",
        &p,
        "E05-metadata",
    );
}

#[test]
fn e05_translation_of_another_language() {
    let p = Project::copy();
    p.edit(NB, "  of: nn", "  of: en");
    snapshot("e05_translation_of_another_language", &p, "E05-metadata");
}

/// The project revised to a version adopted on 1 March 2027 (the texts
/// unchanged), so that `source/versions/2013-09-23/` holds the 2013 one.
fn revised() -> Project {
    let p = Project::copy();
    let run = p.run(&["revise", "--case", "PS 12/2027", "--adopted", "2027-03-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    p
}

#[test]
fn e05_version_folder_not_a_date() {
    let p = revised();
    p.write("source/versions/latest/nn/rettleiar.md", "x");
    snapshot("e05_version_folder_not_a_date", &p, "E05");
}

#[test]
fn e05_version_folder_and_date_disagree() {
    let p = revised();
    p.edit(
        "source/versions/2013-09-23/document.yaml",
        "adopted: 2013-09-23",
        "adopted: 2013-09-24",
    );
    snapshot("e05_version_folder_and_date_disagree", &p, "E05");
}

#[test]
fn e05_current_version_not_after_the_last() {
    let p = revised();
    p.edit(DOC, "adopted: 2027-03-01", "adopted: 2013-09-23");
    snapshot("e05_current_version_not_after_the_last", &p, "E05");
}

#[test]
fn e05_translation_of_a_version_that_is_not_there() {
    let p = revised();
    p.edit(
        "source/en/rettleiar.md",
        "  status: unofficial\n",
        "  status: unofficial\n  version: 2012-01-01\n",
    );
    snapshot("e05_translation_of_a_version_that_is_not_there", &p, "E05");
}

#[test]
fn e12_new_rule_missing_in_a_translation_after_a_revision() {
    let p = revised();
    p.edit(NN, "{#b10}\n", "{#b10}\n11. Svar innan to dagar. {#b11}\n");
    snapshot_of(
        "e12_new_rule_missing_after_a_revision",
        &p,
        &["anchors", "accept"],
        "E12",
    );
}

#[test]
fn revise_to_a_date_not_after_the_current_one() {
    let p = Project::copy();
    snapshot_exit(
        "revise_not_after_the_current_version",
        &p,
        &["revise", "--case", "PS 1/2000", "--adopted", "2013-09-23"],
        2,
        "after the current one",
    );
}

#[test]
fn retire_without_a_decision_before_any_revision() {
    let p = Project::copy();
    remove_rule(&p, "a9");
    snapshot_exit(
        "retire_without_a_decision",
        &p,
        &["anchors", "retire", "a9", "--reason", "r"],
        2,
        "--date is missing",
    );
}

#[test]
fn cite_as_of_a_day_before_the_first_version() {
    let p = Project::copy();
    snapshot_exit(
        "cite_as_of_before_the_first_version",
        &p,
        &["cite", "a4", "--as-of", "2000-01-01"],
        2,
        "no version was in force",
    );
}

// E06-markdown

#[test]
fn e06_title_heading_in_the_text() {
    let p = Project::copy();
    p.edit(NB, "## {#intro}", "# Tittel\n\n## {#intro}");
    snapshot("e06_title_heading_in_the_text", &p, "E06-markdown");
}

#[test]
fn e06_text_before_the_first_section() {
    let p = Project::copy();
    p.edit(
        NB,
        "## {#intro}",
        "Innleiing uten overskrift.\n\n## {#intro}",
    );
    snapshot("e06_text_before_the_first_section", &p, "E06-markdown");
}

#[test]
fn e06_no_sections() {
    let p = Project::copy();
    let text = p.read(NB);
    let end = text.find("\n---\n").unwrap() + 5;
    p.write(NB, &text[..end]);
    snapshot("e06_no_sections", &p, "E06-markdown");
}

#[test]
fn e06_nested_too_deep() {
    let p = Project::copy();
    p.edit(NB, "{#a3}", &format!("{{#a3}}\n\n{}x", "> ".repeat(70)));
    snapshot("e06_nested_too_deep", &p, "E06-markdown");
}

// E07-raw-html, E08-unsafe-link

#[test]
fn e07_raw_html() {
    let p = Project::copy();
    p.edit(NB, "{#a3}", "<b>ja</b> {#a3}");
    snapshot("e07_raw_html", &p, "E07-raw-html");
}

#[test]
fn e08_script_link() {
    let p = Project::copy();
    p.edit(NB, "{#a3}", "[her](javascript:alert(1)) {#a3}");
    snapshot("e08_script_link", &p, "E08-unsafe-link");
}

#[test]
fn e08_image() {
    let p = Project::copy();
    p.edit(NB, "{#a3}", "![logo](logo.png) {#a3}");
    snapshot("e08_image", &p, "E08-unsafe-link");
}

#[test]
fn e08_base_url() {
    let p = Project::copy();
    p.edit(SITE, "base_url: \"\"", "base_url: ftp://example.no/");
    snapshot("e08_base_url", &p, "E08-unsafe-link");
}

#[test]
fn e08_not_an_email_address() {
    let p = Project::copy();
    p.edit(
        DOC,
        "contact_email: siso@bomlo.kommune.no",
        "contact_email: siso",
    );
    snapshot("e08_not_an_email_address", &p, "E08-unsafe-link");
}

// E09-rule-without-id, E10-bad-id

#[test]
fn e09_rule_without_id() {
    let p = Project::copy();
    p.edit(NB, " {#a3}", "");
    snapshot("e09_rule_without_id", &p, "E09-rule-without-id");
}

#[test]
fn e10_bad_id_marker() {
    let p = Project::copy();
    p.edit(NB, "{#a3}", "{#A 3}");
    snapshot("e10_bad_id_marker", &p, "E10-bad-id");
}

#[test]
fn e10_section_heading_without_id() {
    let p = Project::copy();
    p.edit(NB, " {#part-a}", "");
    snapshot("e10_section_heading_without_id", &p, "E10-bad-id");
}

#[test]
fn e10_marker_where_none_can_be() {
    let p = Project::copy();
    p.edit(NB, "{#a3}", "{#x} midt i teksten {#a3}");
    snapshot("e10_marker_where_none_can_be", &p, "E10-bad-id");
}

// E11-duplicate-id, E12-translation-ids

#[test]
fn e11_id_used_twice() {
    let p = Project::copy();
    p.edit(NB, "{#a4}", "{#a3}");
    snapshot("e11_id_used_twice", &p, "E11-duplicate-id");
}

#[test]
fn e11_id_used_by_the_theme() {
    let p = Project::copy();
    // The theme's own ids have `_`, which ids of the text cannot have.
    p.edit(
        "theme/templates/base.html",
        "id=\"main_content\"",
        "id=\"main-content\"",
    );
    for lang in common::LANGS {
        p.edit(
            &format!("source/{lang}/rettleiar.md"),
            "{#intro}",
            "{#main-content}",
        );
    }
    snapshot("e11_id_used_by_the_theme", &p, "E11-duplicate-id");
}

#[test]
fn e12_id_missing_in_a_translation() {
    let p = Project::copy();
    let text = p.read(NB);
    let line = text.lines().find(|l| l.ends_with("{#a4}")).unwrap();
    p.write(NB, &text.replace(&format!("{line}\n"), ""));
    snapshot("e12_id_missing_in_a_translation", &p, "E12-translation-ids");
}

#[test]
fn e12_id_not_in_the_original() {
    let p = Project::copy();
    p.edit(NB, "{#a4}", "{#a4}\n5. Ekstra. {#a44}");
    snapshot("e12_id_not_in_the_original", &p, "E12-translation-ids");
}

#[test]
fn e12_id_out_of_order() {
    let p = Project::copy();
    p.edit(NB, "{#a3}", "{#tmp}");
    p.edit(NB, "{#a4}", "{#a3}");
    p.edit(NB, "{#tmp}", "{#a4}");
    snapshot("e12_id_out_of_order", &p, "E12-translation-ids");
}

// E13-language

#[test]
fn e13_language_without_text() {
    let p = Project::copy();
    p.edit(SITE, "  - en\n", "  - en\n  - se\n");
    snapshot("e13_language_without_text", &p, "E13-language");
}

#[test]
fn e13_not_a_language_code() {
    let p = Project::copy();
    p.edit(SITE, "  - en\n", "  - en\n  - no_NO\n");
    snapshot("e13_not_a_language_code", &p, "E13-language");
}

#[test]
fn e13_language_listed_twice() {
    let p = Project::copy();
    p.edit(SITE, "  - en\n", "  - en\n  - nb\n");
    snapshot("e13_language_listed_twice", &p, "E13-language");
}

#[test]
fn e13_no_languages() {
    let p = Project::copy();
    p.edit(
        SITE,
        "languages:\n  - nn\n  - nb\n  - en\n",
        "languages: []\n",
    );
    snapshot("e13_no_languages", &p, "E13-language");
}

#[test]
fn e13_original_not_listed() {
    let p = Project::copy();
    p.edit(SITE, "original_language: nn", "original_language: se");
    snapshot("e13_original_not_listed", &p, "E13-language");
}

#[test]
fn e13_cite_in_a_language_without_text() {
    let p = Project::copy();
    snapshot_exit(
        "e13_cite_in_a_language_without_text",
        &p,
        &["cite", "a5", "--lang", "se"],
        2,
        "there is no `se` text",
    );
}

// E14-locale

#[test]
fn e14_no_fluent_files() {
    let p = Project::copy();
    // nn, nb and en have built-in words; a fourth language needs its own.
    common::copy_dir(&p.path("source/nb"), &p.path("source/se"));
    p.edit(SITE, "  - en\n", "  - en\n  - se\n");
    snapshot("e14_no_fluent_files", &p, "E14-locale");
}

#[test]
fn e14_message_missing() {
    let p = Project::copy();
    let text = p.read(MAIN_FTL);
    let line = text.lines().find(|l| l.starts_with("toc-heading")).unwrap();
    p.write(MAIN_FTL, &text.replace(&format!("{line}\n"), ""));
    snapshot("e14_message_missing", &p, "E14-locale");
}

#[test]
fn e14_fluent_syntax() {
    let p = Project::copy();
    p.edit(MAIN_FTL, "toc-heading =", "toc-heading = {");
    snapshot("e14_fluent_syntax", &p, "E14-locale");
}

#[test]
fn e14_fluent_too_deep() {
    let p = Project::copy();
    p.edit(
        MAIN_FTL,
        "toc-heading =",
        &format!("toc-heading = {}", "{".repeat(40)),
    );
    snapshot("e14_fluent_too_deep", &p, "E14-locale");
}

// E15-template

#[test]
fn e15_template_syntax() {
    let p = Project::copy();
    p.edit(
        "theme/templates/short.html",
        "{% block main %}",
        "{% block main %}{{ oops(",
    );
    snapshot("e15_template_syntax", &p, "E15-template");
}

#[test]
fn e15_include_loop() {
    let p = Project::copy();
    p.write("theme/templates/loop.html", "{% include \"loop.html\" %}");
    p.edit(
        "theme/templates/short.html",
        "{% block main %}",
        "{% block main %}{% include \"loop.html\" %}",
    );
    snapshot("e15_include_loop", &p, "E15-template");
}

#[test]
fn e15_range_too_large() {
    let p = Project::copy();
    p.edit(
        "theme/templates/short.html",
        "{% block main %}",
        "{% block main %}{% for i in range(end=1000000000) %}x{% endfor %}",
    );
    snapshot("e15_range_too_large", &p, "E15-template");
}

#[test]
fn e14_message_defined_twice() {
    let p = Project::copy();
    p.edit(
        MAIN_FTL,
        "toc-heading =",
        "toc-heading = Innhold\ntoc-heading =",
    );
    snapshot("e14_message_defined_twice", &p, "E14-locale");
}

/// A message asked for by a template is the template's mistake (E15).
#[test]
fn e15_message_no_language_has() {
    let p = Project::copy();
    p.edit(
        "theme/templates/index.html",
        "<h1>",
        "<p>{{ t(key=\"no-such-message\") }}</p><h1>",
    );
    snapshot("e15_message_no_language_has", &p, "E15-template");
}

#[test]
fn e15_template_nested_too_deep() {
    let p = Project::copy();
    let deep = format!("{{{{ {}1{} }}}}", "(".repeat(40), ")".repeat(40));
    p.edit("theme/templates/index.html", "<h1>", &format!("{deep}<h1>"));
    snapshot("e15_template_nested_too_deep", &p, "E15-template");
}

#[test]
fn e15_page_too_large() {
    let p = Project::copy();
    let many = "{% for i in range(end=10000) %}{% for j in range(end=10000) %}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{% endfor %}{% endfor %}";
    p.edit("theme/templates/index.html", "<h1>", &format!("{many}<h1>"));
    snapshot("e15_page_too_large", &p, "E15-template");
}

// E16-anchor

#[test]
fn e16_published_rule_missing() {
    let p = Project::copy();
    remove_rule(&p, "b10");
    snapshot("e16_published_rule_missing", &p, "E16-anchor");
}

#[test]
fn e16_rule_text_changed() {
    let p = Project::copy();
    p.edit(
        NN,
        "Ver open om kor du jobbar.",
        "Ver alltid open om kor du jobbar.",
    );
    snapshot("e16_rule_text_changed", &p, "E16-anchor");
}

#[test]
fn e16_rule_not_registered() {
    let p = Project::copy();
    for lang in common::LANGS {
        p.edit(
            &format!("source/{lang}/rettleiar.md"),
            "{#b10}",
            "{#b10}\n11. Ny. {#b11}",
        );
    }
    snapshot("e16_rule_not_registered", &p, "E16-anchor");
}

#[test]
fn e16_rules_not_registered() {
    let p = Project::copy();
    for lang in common::LANGS {
        p.edit(
            &format!("source/{lang}/rettleiar.md"),
            "{#b10}",
            "{#b10}\n11. Ny. {#b11}\n12. Ny. {#b12}",
        );
    }
    snapshot("e16_rules_not_registered", &p, "E16-anchor");
}

#[test]
fn e16_register_entry_twice() {
    let p = Project::copy();
    let text = p.read(REGISTER);
    let start = text.find("- id: a9\n").unwrap();
    let end = text.find("- id: a10\n").unwrap();
    let entry = &text[start..end];
    p.write(
        REGISTER,
        &format!("{}{entry}{}", &text[..end], &text[end..]),
    );
    snapshot("e16_register_entry_twice", &p, "E16-anchor");
}

#[test]
fn e16_retired_id_used_again() {
    let p = Project::copy();
    retire_a9(&p);
    for lang in common::LANGS {
        p.edit(
            &format!("source/{lang}/rettleiar.md"),
            "{#a10}",
            "{#a10}\n11. Att. {#a9}",
        );
    }
    snapshot("e16_retired_id_used_again", &p, "E16-anchor");
}

#[test]
fn e16_replaced_by_unknown_rule() {
    let p = Project::copy();
    retire_a9(&p);
    p.edit(REGISTER, "replaced_by: a10", "replaced_by: a99");
    snapshot("e16_replaced_by_unknown_rule", &p, "E16-anchor");
}

#[test]
fn e16_cite_unknown_rule() {
    let p = Project::copy();
    snapshot_exit("e16_cite_unknown_rule", &p, &["cite", "a11"], 2, "a11");
}

#[test]
fn e16_cite_withdrawn_rule() {
    let p = Project::copy();
    retire_a9(&p);
    snapshot_exit("e16_cite_withdrawn_rule", &p, &["cite", "a9"], 2, "a9");
}

#[test]
fn e16_retire_rule_still_in_the_sources() {
    let p = Project::copy();
    let args = [
        "anchors",
        "retire",
        "a9",
        "--date",
        "2027-01-14",
        "--case",
        "PS 1/2027",
        "--reason",
        "x",
    ];
    snapshot_of(
        "e16_retire_rule_still_in_the_sources",
        &p,
        &args,
        "E16-anchor",
    );
}

#[test]
fn e16_retire_replaced_by_unknown_rule() {
    let p = Project::copy();
    remove_rule(&p, "a9");
    let args = [
        "anchors",
        "retire",
        "a9",
        "--date",
        "2027-01-14",
        "--case",
        "PS 1/2027",
        "--reason",
        "x",
        "--replaced-by",
        "a99",
    ];
    snapshot_of(
        "e16_retire_replaced_by_unknown_rule",
        &p,
        &args,
        "E16-anchor",
    );
}

#[test]
fn e16_retire_unregistered_rule() {
    let p = Project::copy();
    let args = [
        "anchors",
        "retire",
        "c1",
        "--date",
        "2027-01-14",
        "--case",
        "PS 1/2027",
        "--reason",
        "x",
    ];
    snapshot_of("e16_retire_unregistered_rule", &p, &args, "E16-anchor");
}

#[test]
fn e16_retire_twice() {
    let p = Project::copy();
    retire_a9(&p);
    let args = [
        "anchors",
        "retire",
        "a9",
        "--date",
        "2027-01-14",
        "--case",
        "PS 1/2027",
        "--reason",
        "x",
    ];
    snapshot_of("e16_retire_twice", &p, &args, "E16-anchor");
}

#[test]
fn e16_retire_bad_id() {
    let p = Project::copy();
    let args = [
        "anchors",
        "retire",
        "a 9",
        "--date",
        "2027-01-14",
        "--case",
        "PS 1/2027",
        "--reason",
        "x",
    ];
    snapshot_of("e16_retire_bad_id", &p, &args, "E16-anchor");
}

// E17-output-folder

#[test]
fn e17_output_folder_not_ours() {
    let p = Project::copy();
    p.write("public/notes.txt", "mine");
    let stderr = diagnose_kept(&p, &["build"], "E17-output-folder");
    insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!("e17_output_folder_not_ours", stderr);
    });
    assert_eq!(p.read("public/notes.txt"), "mine");
}

#[test]
fn e17_output_folder_is_the_sources() {
    let p = Project::copy();
    let args = ["build", "--out", "source"];
    snapshot_of(
        "e17_output_folder_is_the_sources",
        &p,
        &args,
        "E17-output-folder",
    );
}

/// Like [`diagnose`], for a case where the output folder exists beforehand.
fn diagnose_kept(p: &Project, args: &[&str], code: &str) -> String {
    let run = p.run_env(args, &[("NO_COLOR", "1"), ("COLUMNS", "80")]);
    assert_eq!(run.code, 1, "stderr:\n{}", run.stderr);
    assert!(run.stderr.contains(code), "{}", run.stderr);
    let root = p.dir.path().to_string_lossy().into_owned();
    run.stderr.replace(&root, "[project]")
}

/// Every snapshot file belongs to a test: a renamed or removed test leaves
/// no stale snapshot behind.
#[test]
fn every_snapshot_is_used() {
    let repo = common::repo();
    let tests: String = std::fs::read_dir(repo.join("tests"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    for entry in std::fs::read_dir(repo.join("tests/snapshots")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(".snap") {
            assert!(
                tests.contains(&format!("\"{stem}\"")),
                "tests/snapshots/{name} belongs to no test"
            );
        }
    }
}
