//! The pipeline value: reloading it parses the theme and the messages
//! again only when their files changed, and its producers make exactly
//! the files of a build.

mod common;

use std::sync::Arc;

use common::*;
use rettleiar::pipeline::Pipeline;
use rettleiar::project::Paths;

fn theme(p: &Pipeline) -> &Arc<rettleiar::render::Theme> {
    p.theme.as_ref().expect("the theme parses")
}

#[test]
fn reloading_reuses_the_theme_and_messages_until_their_files_change() {
    let project = Project::copy();
    let paths = Paths::in_project(project.dir.path());
    let first = Pipeline::load(&paths).unwrap();
    project.edit("source/nn/rettleiar.md", "Rettleiar", "Rettleiaren");
    let second = first.reload(&paths).unwrap();
    assert!(Arc::ptr_eq(theme(&first), theme(&second)));
    assert!(Arc::ptr_eq(&first.locales, &second.locales));
    assert_ne!(
        first.guideline.original().front.title,
        second.guideline.original().front.title,
        "the text was not read again"
    );
    project.edit("theme/templates/short.html", "</", "\n</");
    let third = second.reload(&paths).unwrap();
    assert!(!Arc::ptr_eq(theme(&second), theme(&third)));
    assert!(Arc::ptr_eq(&second.locales, &third.locales));
    let ftl = "locales/nb/main.ftl";
    project.write(ftl, &format!("{}\n# changed\n", project.read(ftl)));
    let fourth = third.reload(&paths).unwrap();
    assert!(!Arc::ptr_eq(&third.locales, &fourth.locales));
    assert!(Arc::ptr_eq(theme(&third), theme(&fourth)));
}

#[test]
fn the_producers_make_every_file_of_the_build_once() {
    let project = Project::copy();
    let paths = Paths::in_project(project.dir.path());
    let pipeline = Pipeline::load(&paths).unwrap();
    let mut made = Vec::new();
    for producer in pipeline.producers().unwrap() {
        for n in 0..producer.parts() {
            for file in producer.make(n) {
                made.push(file.expect("every file is made").0);
            }
        }
    }
    made.sort();
    let built: Vec<String> = pipeline.output().unwrap().files.into_keys().collect();
    assert_eq!(made, built);
    project.build().ok();
    let mut written: Vec<String> = tree(&project.path("public"))
        .into_keys()
        .map(|k| k.replace('\\', "/"))
        .filter(|k| !k.starts_with(".rettleiar"))
        .collect();
    written.sort();
    assert_eq!(made, written);
}
