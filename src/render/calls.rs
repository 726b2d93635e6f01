//! The call graph of the theme's templates: which template includes
//! which, and which macro calls which. Rendering a loop in it, or a very
//! long chain, would overflow the stack, so both are found before anything
//! is rendered.

use std::collections::{BTreeMap, HashMap};

use tera::ast::{Expr, ExprVal, Node};
use tera::Tera;

/// A loop of includes or macro calls, as the chain that closes it
/// (`page.html → a.html → page.html`), if there is one.
pub fn find_cycle(tera: &Tera) -> Option<Vec<String>> {
    let mut edges: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, template) in &tera.templates {
        let imports: HashMap<&str, &str> = template
            .imported_macro_files
            .iter()
            .map(|(file, ns)| (ns.as_str(), file.as_str()))
            .collect();
        let resolve = |call: Call| match call {
            Call::Include(t) => t,
            Call::Macro(ns, m) => {
                let file = if ns == "self" {
                    name.as_str()
                } else {
                    imports.get(ns.as_str()).copied().unwrap_or(&ns)
                };
                format!("{file}::{m}()")
            }
        };
        let mut top = Vec::new();
        for node in &template.ast {
            match node {
                Node::MacroDefinition(_, def, _) => {
                    let mut calls = Vec::new();
                    walk_nodes(&def.body, &mut calls);
                    let key = format!("{name}::{}()", def.name);
                    edges
                        .entry(key)
                        .or_default()
                        .extend(calls.into_iter().map(&resolve));
                }
                other => walk_nodes(std::slice::from_ref(other), &mut top),
            }
        }
        let mut next: Vec<String> = top.into_iter().map(&resolve).collect();
        next.extend(template.parent.clone());
        edges.entry(name.clone()).or_default().extend(next);
    }
    let mut state: HashMap<&str, Visit> = HashMap::new();
    for start in edges.keys() {
        let mut path = Vec::new();
        if let Err(found) = dfs(start, &edges, &mut state, &mut path) {
            return Some(found);
        }
    }
    None
}

/// The longest chain of includes and macro calls accepted: each link
/// costs stack while a page is rendered.
pub const MAX_CHAIN: usize = 32;

#[derive(Clone, Copy)]
enum Visit {
    Open,
    /// Done, with the length of the longest chain from here.
    Done(usize),
}

/// The longest chain from `node` (its length), or a loop or a chain
/// longer than [`MAX_CHAIN`] (the chain itself).
fn dfs<'a>(
    node: &'a str,
    edges: &'a BTreeMap<String, Vec<String>>,
    state: &mut HashMap<&'a str, Visit>,
    path: &mut Vec<&'a str>,
) -> Result<usize, Vec<String>> {
    let chain = |path: &[&str], from: usize| {
        let mut c: Vec<String> = path[from..].iter().map(|s| s.to_string()).collect();
        c.push(node.to_string());
        c
    };
    match state.get(node) {
        Some(Visit::Done(height)) if path.len() + height <= MAX_CHAIN => return Ok(*height),
        Some(Visit::Open) => {
            let from = path.iter().position(|n| *n == node).unwrap_or(0);
            return Err(chain(path, from));
        }
        _ if path.len() >= MAX_CHAIN => return Err(chain(path, 0)),
        _ => {}
    }
    state.insert(node, Visit::Open);
    path.push(node);
    let mut height = 1;
    for next in edges.get(node).into_iter().flatten() {
        height = height.max(1 + dfs(next, edges, state, path)?);
    }
    path.pop();
    state.insert(node, Visit::Done(height));
    Ok(height)
}

enum Call {
    Include(String),
    Macro(String, String),
}

fn walk_nodes(nodes: &[Node], out: &mut Vec<Call>) {
    for node in nodes {
        match node {
            Node::Include(_, names, _) => out.extend(names.iter().cloned().map(Call::Include)),
            Node::VariableBlock(_, e) => walk_expr(e, out),
            Node::Set(_, set) => walk_expr(&set.value, out),
            Node::FilterSection(_, f, _) => {
                f.filter.args.values().for_each(|e| walk_expr(e, out));
                walk_nodes(&f.body, out);
            }
            Node::Block(_, b, _) => walk_nodes(&b.body, out),
            Node::Forloop(_, f, _) => {
                walk_expr(&f.container, out);
                walk_nodes(&f.body, out);
                walk_nodes(f.empty_body.as_deref().unwrap_or(&[]), out);
            }
            Node::If(i, _) => {
                for (_, cond, body) in &i.conditions {
                    walk_expr(cond, out);
                    walk_nodes(body, out);
                }
                walk_nodes(i.otherwise.as_ref().map_or(&[][..], |o| &o.1), out);
            }
            Node::MacroDefinition(_, def, _) => walk_nodes(&def.body, out),
            _ => {}
        }
    }
}

fn walk_expr(e: &Expr, out: &mut Vec<Call>) {
    for f in &e.filters {
        f.args.values().for_each(|a| walk_expr(a, out));
    }
    walk_val(&e.val, out);
}

fn walk_val(v: &ExprVal, out: &mut Vec<Call>) {
    match v {
        ExprVal::MacroCall(m) => {
            out.push(Call::Macro(m.namespace.clone(), m.name.clone()));
            m.args.values().for_each(|a| walk_expr(a, out));
        }
        ExprVal::FunctionCall(f) => f.args.values().for_each(|a| walk_expr(a, out)),
        ExprVal::Math(m) => {
            walk_expr(&m.lhs, out);
            walk_expr(&m.rhs, out);
        }
        ExprVal::Logic(l) => {
            walk_expr(&l.lhs, out);
            walk_expr(&l.rhs, out);
        }
        ExprVal::In(i) => {
            walk_expr(&i.lhs, out);
            walk_expr(&i.rhs, out);
        }
        ExprVal::Test(t) => t.args.iter().for_each(|a| walk_expr(a, out)),
        ExprVal::Array(items) => items.iter().for_each(|a| walk_expr(a, out)),
        ExprVal::StringConcat(s) => s.values.iter().for_each(|v| walk_val(v, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera(templates: &[(&str, &str)]) -> Tera {
        let mut t = Tera::default();
        t.add_raw_templates(templates.to_vec()).unwrap();
        t
    }

    #[test]
    fn include_and_macro_loops_are_found() {
        let t = tera(&[
            ("a.html", "{% include \"b.html\" %}"),
            ("b.html", "x{% include \"a.html\" %}"),
        ]);
        let cycle = find_cycle(&t).unwrap();
        assert_eq!(cycle.first(), cycle.last());
        let t = tera(&[
            (
                "m.html",
                "{% macro f(n) %}{{ self::f(n=n) }}{% endmacro f %}",
            ),
            ("p.html", "{% import \"m.html\" as m %}{{ m::f(n=1) }}"),
        ]);
        assert!(find_cycle(&t).is_some());
        let t = tera(&[
            (
                "m.html",
                "{% macro f() %}{{ self::g() }}{% endmacro f %}{% macro g() %}x{% endmacro g %}",
            ),
            (
                "p.html",
                "{% import \"m.html\" as m %}{% include \"q.html\" %}{{ m::f() }}",
            ),
            ("q.html", "q"),
        ]);
        assert_eq!(find_cycle(&t), None);
    }
}
