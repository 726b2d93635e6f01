//! No import circles between the modules of `src/`: reads every `crate::…`
//! and `super::…` path of each file (in `use` lines and in the code),
//! resolves it to the module it names, and looks for a cycle among the
//! links that are not between a module and its parent or child. Checked
//! twice: between files (`render::context`, `render::jsonld`) and between
//! the top-level rooms (`render`, `pipeline`, `serve`), where a re-export
//! could otherwise hide a circle.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

type Module = Vec<String>;
type Graph = BTreeMap<Module, BTreeSet<Module>>;

/// Each file of `src/` as its module path (`src/render/mod.rs` →
/// `["render"]`, `src/lib.rs` → `[]`) and its text. `main.rs` and `cli/`
/// are the program, another crate; they import `rettleiar::…`, not
/// `crate::…`, and are left out.
fn modules() -> BTreeMap<Module, String> {
    let src = common::repo().join("src");
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).unwrap().with_extension("");
        let mut parts: Module = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
            parts.pop();
        }
        if parts.first().is_some_and(|p| p == "main" || p == "cli") {
            continue;
        }
        out.insert(parts, fs::read_to_string(path).unwrap());
    }
    out
}

/// The code without comments, so a path in a doc comment is no import,
/// and without the unit tests (where `super` is the file itself).
fn code_only(text: &str) -> String {
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path the text names from `crate::` or `super::`, as segments
/// from the crate root; `{a, b::c}` groups are expanded.
fn paths_named(me: &Module, text: &str) -> Vec<Module> {
    let mut found = Vec::new();
    for (start, prefix) in ["crate::", "super::"]
        .iter()
        .flat_map(|p| text.match_indices(p).map(|(i, _)| (i, *p)))
    {
        let before = text[..start].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let base: Module = match prefix {
            "crate::" => Vec::new(),
            // The parent module (`render` for `render::context`).
            _ => me[..me.len().saturating_sub(1)].to_vec(),
        };
        expand(&text[start + prefix.len()..], &base, &mut found);
    }
    found
}

/// Reads one path (possibly a `{…}` group) from the start of `rest`.
fn expand(rest: &str, base: &Module, found: &mut Vec<Module>) {
    let mut path = base.clone();
    let mut rest = rest;
    loop {
        let rest_trim = rest.trim_start();
        if let Some(group) = rest_trim.strip_prefix('{') {
            for item in split_group(group) {
                expand(item.trim(), &path, found);
            }
            return;
        }
        let end = rest_trim
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest_trim.len());
        let ident = &rest_trim[..end];
        if ident.is_empty() {
            break;
        }
        match ident {
            "super" => {
                path.pop();
            }
            "self" => {}
            _ => path.push(ident.to_string()),
        }
        match rest_trim[end..].strip_prefix("::") {
            Some(next) => rest = next,
            None => break,
        }
    }
    found.push(path);
}

/// The items of a `{…}` group (the text after `{`), split at the commas
/// that are not inside an inner group.
fn split_group(text: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(&text[start..i]);
                return items;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items
}

/// The longest prefix of `path` that is a module.
fn module_of(path: &Module, known: &BTreeSet<Module>) -> Module {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|p| known.contains(p))
        .unwrap_or_default()
}

fn related(a: &Module, b: &Module) -> bool {
    a.starts_with(b) || b.starts_with(a)
}

/// Links between files, leaving out those between a module and one of its
/// ancestors or descendants.
fn file_graph() -> Graph {
    let modules = modules();
    let known: BTreeSet<Module> = modules.keys().cloned().collect();
    let mut graph = Graph::new();
    for (me, text) in &modules {
        let targets = graph.entry(me.clone()).or_default();
        for path in paths_named(me, &code_only(text)) {
            let to = module_of(&path, &known);
            if !related(me, &to) {
                targets.insert(to);
            }
        }
    }
    graph
}

/// The same links between the top-level modules.
fn room_graph(files: &Graph) -> Graph {
    let room = |m: &Module| m.iter().take(1).cloned().collect::<Module>();
    let mut graph = Graph::new();
    for (from, tos) in files {
        for to in tos {
            let (a, b) = (room(from), room(to));
            if !related(&a, &b) {
                graph.entry(a).or_default().insert(b);
            }
        }
    }
    graph
}

/// The circles of `graph`: each group of modules that reach each other
/// (a strongly connected component of more than one module), sorted.
fn circles(graph: &Graph) -> Vec<Vec<Module>> {
    let reach = |from: &Module| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.clone()];
        while let Some(m) = todo.pop() {
            for next in graph.get(&m).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        seen
    };
    let reached: BTreeMap<&Module, BTreeSet<Module>> =
        graph.keys().map(|m| (m, reach(m))).collect();
    let mut groups: BTreeSet<Vec<Module>> = BTreeSet::new();
    for (m, from_m) in &reached {
        let group: Vec<Module> = from_m
            .iter()
            .filter(|o| reached.get(o).is_some_and(|r| r.contains(*m)))
            .cloned()
            .collect();
        if group.len() > 1 {
            groups.insert(group);
        }
    }
    groups.into_iter().collect()
}

fn shown(groups: &[Vec<Module>]) -> String {
    let group = |g: &Vec<Module>| {
        let names: Vec<String> = g.iter().map(|m| m.join("::")).collect();
        names.join(" ↔ ")
    };
    groups.iter().map(group).collect::<Vec<_>>().join("; ")
}

#[test]
fn no_two_files_import_each_other_round_a_circle() {
    let graph = file_graph();
    assert!(graph.len() > 20, "too few modules read: {:?}", graph.keys());
    let found = circles(&graph);
    assert!(
        found.is_empty(),
        "import circles between files: {}",
        shown(&found)
    );
}

#[test]
fn no_two_rooms_import_each_other_round_a_circle() {
    let graph = room_graph(&file_graph());
    let found = circles(&graph);
    assert!(
        found.is_empty(),
        "import circles between modules: {}",
        shown(&found)
    );
}

#[test]
fn the_reader_finds_paths_in_groups_and_through_super() {
    let me: Module = vec!["render".into(), "context".into()];
    let text = "use crate::{anchors, error::{Kind, Problem}};\nuse super::jsonld::x;\nlet y = crate::policy::ids::HELP;";
    let found = paths_named(&me, text);
    let want: Vec<Module> = [
        vec!["anchors"],
        vec!["error", "Kind"],
        vec!["error", "Problem"],
        vec!["policy", "ids", "HELP"],
        vec!["render", "jsonld", "x"],
    ]
    .iter()
    .map(|v| v.iter().map(|s| s.to_string()).collect())
    .collect();
    let mut found = found;
    found.sort();
    assert_eq!(found, want);
}

#[test]
fn a_circle_is_found() {
    let m = |s: &str| vec![s.to_string()];
    let mut graph = Graph::new();
    graph.entry(m("a")).or_default().insert(m("b"));
    graph.entry(m("b")).or_default().insert(m("c"));
    graph.entry(m("c")).or_default().insert(m("a"));
    graph.entry(m("c")).or_default().insert(m("d"));
    assert_eq!(shown(&circles(&graph)), "a ↔ b ↔ c");
    graph.get_mut(&m("c")).unwrap().remove(&m("a"));
    assert!(circles(&graph).is_empty());
}
