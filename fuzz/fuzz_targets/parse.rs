//! Fuzzes the path from source text to the checked document model: the
//! real project with the Nynorsk text replaced by the fuzzer's input, read
//! into the model and held to the translations and the anchor register.
//! Any panic is a bug; problems in the input are expected. (Rendering is
//! covered by the property tests in `tests/properties.rs`.)

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use rettleiar::pipeline::{Checks, Pipeline};
use rettleiar::error::SourceFile;
use rettleiar::project::{Paths, Project};

fn base() -> &'static (Project, Paths) {
    static BASE: OnceLock<(Project, Paths)> = OnceLock::new();
    BASE.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
        let paths = Paths::in_project(&root);
        (Project::read(&paths).expect("the real project reads"), paths)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (project, paths) = base();
    let mut project = project.clone();
    let name = project.texts["nn"][0].name.clone();
    project.texts.insert("nn".into(), vec![SourceFile::new(name, text)]);
    let _ = Pipeline::assemble(project, paths, Checks::All);
});
