//! The Bømlo site built from `source/` must be byte for byte the one in
//! `tests/fixtures/golden/site/`. With `RETTLEIAR_BLESS=1` the test writes
//! the fresh build there instead, so an intended change of the output is
//! one command and a diff to review.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use rettleiar::pipeline::Pipeline;
use rettleiar::project::Paths;

/// The built site without `assets/`: the style sheets are the theme's
/// files copied as they are, compared with the theme instead of kept twice.
fn built() -> BTreeMap<String, Vec<u8>> {
    let paths = Paths::in_project(&common::repo());
    let pipeline = Pipeline::load(&paths).expect("the project loads");
    let mut files = pipeline.output().expect("the project renders").files;
    let assets: Vec<String> = files
        .keys()
        .filter(|k| k.starts_with("assets/"))
        .cloned()
        .collect();
    assert!(!assets.is_empty(), "the site has no assets");
    for rel in assets {
        let bytes = files.remove(&rel).unwrap();
        let theme = common::repo().join("theme").join(&rel["assets/".len()..]);
        assert_eq!(
            fs::read(&theme).ok().as_ref(),
            Some(&bytes),
            "{rel} is not {} as it is",
            theme.display()
        );
    }
    files
}

fn golden_dir() -> std::path::PathBuf {
    common::repo().join("tests/fixtures/golden/site")
}

fn bless(files: &BTreeMap<String, Vec<u8>>, dir: &Path) {
    if dir.exists() {
        fs::remove_dir_all(dir).unwrap();
    }
    for (rel, bytes) in files {
        let path = dir.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
}

#[test]
fn the_site_is_byte_for_byte_the_golden_one() {
    let files = built();
    let dir = golden_dir();
    if std::env::var_os("RETTLEIAR_BLESS").is_some_and(|v| v == "1") {
        bless(&files, &dir);
        return;
    }
    let golden: BTreeMap<String, Vec<u8>> = common::tree(&dir)
        .into_iter()
        .map(|(rel, bytes)| (rel.replace('\\', "/"), bytes))
        .collect();
    let missing: Vec<&String> = golden.keys().filter(|k| !files.contains_key(*k)).collect();
    let extra: Vec<&String> = files.keys().filter(|k| !golden.contains_key(*k)).collect();
    let differ: Vec<&String> = files
        .iter()
        .filter(|(k, v)| golden.get(*k).is_some_and(|g| g != *v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty() && differ.is_empty(),
        "the build differs from tests/fixtures/golden/site/ \
         (RETTLEIAR_BLESS=1 cargo test --test golden rewrites it):\n\
         missing: {missing:?}\nextra: {extra:?}\ndiffering: {differ:?}"
    );
    assert!(files.len() > 60, "only {} files were built", files.len());
}
