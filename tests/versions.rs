//! A revision of the guideline, from the decision to the published
//! pages: a copy of the project is built, revised with `rettleiar revise`
//! to the texts of `tests/fixtures/revision/` (A4 reworded, B4 taken out,
//! B11 added, the Bokmål translation updated, the English one left
//! behind), registered, and built again. These tests read the pages,
//! parsed with scraper; `versions_commands.rs` the commands and
//! `anchors.json`.

mod common;
mod versions_support;

use versions_support::{follow, hrefs, page, revised, sel, text, tree, without_later};

#[test]
fn a_published_version_changes_only_until_when_it_applied_and_its_links_onwards() {
    let r = revised();
    let dated: Vec<&String> = r
        .before
        .keys()
        .filter(|k| k.contains("/2013-09-23/"))
        .collect();
    assert_eq!(dated.len(), 6, "{dated:?}");
    let after = tree(&r.p.path("public"));
    for rel in dated {
        let (was, now) = (&r.before[rel], &after[rel]);
        assert_ne!(was, now, "{rel} should now say until when it applied");
        let (was, now) = (without_later(was), without_later(now));
        let at = was
            .bytes()
            .zip(now.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        let around = |s: &str| {
            s.get(at.saturating_sub(80)..(at + 80).min(s.len()))
                .unwrap_or(s)
                .to_string()
        };
        assert!(
            was == now,
            "{rel} changed beyond its `version-later` parts:\n{}\n---\n{}",
            around(&was),
            around(&now)
        );
    }
}

#[test]
fn the_current_version_is_at_the_language_and_at_its_date_the_earlier_at_its_own() {
    let r = revised();
    for rel in ["nn/index.html", "nn/2027-03-01/index.html"] {
        let a4 = text(&page(&r, rel), "li#a4 .rule-text");
        assert!(
            !a4.contains("MSN") && a4.contains("sosiale medier."),
            "{rel}: {a4}"
        );
        assert!(text(&page(&r, rel), "li#b11 .rule-text").contains("arbeidsdagar"));
    }
    let old = page(&r, "nn/2013-09-23/index.html");
    assert!(text(&old, "li#a4 .rule-text").contains("Facebook eller MSN"));
    assert!(text(&old, "li#b4 .rule-text").contains("nøytrale"));
    assert!(old.select(&sel("#b11")).next().is_none());
    assert!(
        !r.p.path("public/en/2027-03-01").exists(),
        "no English text of 2027"
    );
    assert!(r.p.path("public/nb/2027-03-01/index.html").exists());
}

#[test]
fn a_changed_rule_says_when_and_by_which_case_and_links_its_earlier_wording() {
    let r = revised();
    let nn = page(&r, "nn/index.html");
    let note = text(&nn, "li#a4 .rule-note");
    assert!(
        note.contains("Endra 1. mars 2027 i sak PS 12/2027."),
        "{note}"
    );
    let earlier = hrefs(&nn, "li#a4 .rule-note a");
    assert_eq!(earlier, ["../nn/2013-09-23/#a4"]);
    follow(&r, "nn/index.html", &earlier[0]);
    assert_eq!(
        text(&nn, "li#b11 .rule-note"),
        "Lagt til 1. mars 2027 i sak PS 12/2027."
    );
    assert_eq!(
        text(&nn, "li#a5 .rule-note"),
        "",
        "an unchanged rule has no note"
    );
    let nb = page(&r, "nb/index.html");
    assert!(text(&nb, "li#a4 .rule-note").starts_with("Endret 1. mars 2027 i sak PS 12/2027."));
    let en = page(&r, "en/index.html");
    assert_eq!(
        text(&en, ".rule-note"),
        "",
        "the English text is the 2013 one"
    );
}

#[test]
fn every_version_page_says_who_adopted_it_and_when_it_applied() {
    let r = revised();
    let old = page(&r, "nn/2013-09-23/index.html");
    let banner = text(&old, "aside.notice--version");
    assert!(
        banner.contains("Denne versjonen gjeld ikkje lenger"),
        "{banner}"
    );
    assert!(banner.contains("til og med 28. februar 2027"), "{banner}");
    let current = hrefs(&old, "aside.notice--version a");
    assert_eq!(
        follow(&r, "nn/2013-09-23/index.html", &current[0]),
        "nn/index.html"
    );
    let facts = text(&old, "section.version");
    assert!(
        facts.contains("vedteken i kommunestyret 23. september 2013 i sak PS 64/2013"),
        "{facts}"
    );
    let new = page(&r, "nn/2027-03-01/index.html");
    assert!(new.select(&sel("aside.notice--version")).next().is_none());
    let facts = text(&new, "section.version");
    assert!(
        facts.contains("1. mars 2027 i sak PS 12/2027")
            && facts.contains("Han gjeld frå 1. mars 2027."),
        "{facts}"
    );
    let en = page(&r, "en/2013-09-23/index.html");
    assert!(text(&en, "section.version")
        .contains("It applied from 23 September 2013 to 28 February 2027."));
}

#[test]
fn what_changed_shows_removed_and_added_words_to_eyes_and_screen_readers() {
    let r = revised();
    let rel = "nn/2027-03-01/changes.html";
    let changes = page(&r, rel);
    let removed = text(&changes, "#change_a4 ~ .change__words del");
    assert!(removed.contains("MSN"), "{removed}");
    for del in changes.select(&sel("del")) {
        let said = del.select(&sel(".visually-hidden")).next().unwrap();
        assert!(said.text().collect::<String>().starts_with("[fjerna:"));
    }
    for ins in changes.select(&sel("ins")) {
        let said = ins.select(&sel(".visually-hidden")).next().unwrap();
        assert!(said.text().collect::<String>().starts_with("[lagt til:"));
    }
    assert!(text(&changes, "#added_heading + ul").contains("B11"));
    assert!(text(&changes, "#retired_changes_heading + ul").contains("B4"));
    for href in hrefs(&changes, "main a") {
        follow(&r, rel, &href);
    }
    let new = page(&r, "nn/2027-03-01/index.html");
    let from_new = hrefs(&new, "section.version a");
    assert!(
        from_new.contains(&"../../nn/2027-03-01/changes.html".to_string()),
        "{from_new:?}"
    );
    let old = page(&r, "nn/2013-09-23/index.html");
    assert!(
        hrefs(&old, ".version-later a").contains(&"../../nn/2027-03-01/changes.html".to_string())
    );
    assert!(r.p.path("public/nb/2027-03-01/changes.html").exists());
    assert!(!r.p.path("public/en/2027-03-01/changes.html").exists());
}

#[test]
fn a_translation_left_behind_says_so_and_the_build_lists_what_it_must_update() {
    let r = revised();
    let en = page(&r, "en/index.html");
    let notice = text(&en, "aside.notice--version");
    assert!(
        notice.contains("follows the version adopted on 23 September 2013"),
        "{notice}"
    );
    assert!(notice.contains("1 March 2027, case PS 12/2027"), "{notice}");
    assert_eq!(hrefs(&en, "aside.notice--version a"), ["../nn/"]);
    assert!(text(&en, "li#a4 .rule-text").contains("MSN"));
    assert!(
        en.select(&sel("li#b4")).next().is_some(),
        "the 2013 text still has B4"
    );
    let nb = page(&r, "nb/index.html");
    assert!(nb.select(&sel("aside.notice--version")).next().is_none());
    let line = r
        .warnings
        .lines()
        .find(|l| l.contains("`en` text follows"))
        .unwrap_or_default();
    assert!(line.starts_with("warning: "), "{}", r.warnings);
    assert!(
        line.contains("A4 (changed), B11 (new), B4 (taken out)"),
        "{line}"
    );
    assert!(!r.warnings.contains("`nb` text follows"));
}

#[test]
fn short_addresses_list_earlier_wordings_and_a_retired_rule_leads_to_its_last_version() {
    let r = revised();
    let a4 = page(&r, "nn/a4/index.html");
    assert_eq!(
        hrefs(&a4, "#history_heading + ul a"),
        ["../../nn/2013-09-23/#a4"]
    );
    assert!(text(&a4, ".short-rule").contains("sosiale medier."));
    let b4 = r.p.read("public/nn/b4/index.html");
    assert!(b4.contains("url=../2013-09-23/#b4"), "{b4}");
    follow(&r, "nn/b4/index.html", "../2013-09-23/#b4");
    let b11 = page(&r, "nn/b11/index.html");
    assert!(b11.select(&sel("#history_heading")).next().is_none());
}

#[test]
fn each_version_has_a_print_page_that_says_which_version_and_whether_in_force() {
    let r = revised();
    let old = page(&r, "nn/2013-09-23/print.html");
    assert!(text(&old, ".title-block__version")
        .contains("gjaldt til og med 28. februar 2027, ikkje lenger i kraft"));
    assert!(text(&old, "li#a4").contains("MSN"));
    let new = page(&r, "nn/2027-03-01/print.html");
    assert_eq!(
        text(&new, ".title-block__version"),
        "Versjonen frå 1. mars 2027 (PS 12/2027), i kraft"
    );
    let nb = page(&r, "nb/print.html");
    assert!(text(&nb, ".title-block__version").contains("i kraft"));
}
