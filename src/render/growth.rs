//! Values that grow without bound while a template renders: a `set`
//! inside a loop whose value is made from a variable set in the same loop
//! (`{% set_global s = s ~ s %}` doubles a string each time round, and
//! so does an array with `concat`). Such a template would take all the
//! memory before any page limit could stop it, so it is refused before
//! anything is rendered. Counting (`set_global n = n + 1`) stays allowed:
//! a number does not grow.

use std::collections::HashSet;

use tera::ast::{Expr, ExprVal, Node};
use tera::Tera;

/// The first `(template, variable)` whose value grows in a loop.
pub fn find_growth(tera: &Tera) -> Option<(String, String)> {
    let mut names: Vec<&String> = tera.templates.keys().collect();
    names.sort();
    names.into_iter().find_map(|name| {
        let template = &tera.templates[name];
        let mut found = None;
        scan(&template.ast, &mut found);
        for def in template.macros.values() {
            scan(&def.body, &mut found);
        }
        found.map(|var| (name.clone(), var))
    })
}

/// Walks `nodes`, checking the `set`s of every loop body.
fn scan(nodes: &[Node], found: &mut Option<String>) {
    for node in nodes {
        if found.is_some() {
            return;
        }
        match node {
            Node::Forloop(_, f, _) => {
                let mut set = HashSet::new();
                assigned(&f.body, &mut set);
                for (key, value) in sets(&f.body) {
                    let mut used = HashSet::new();
                    idents(value, &mut used);
                    if !is_arithmetic(value) && used.iter().any(|u| set.contains(u)) {
                        *found = Some(key.to_string());
                        return;
                    }
                }
                scan(&f.body, found);
                scan(f.empty_body.as_deref().unwrap_or(&[]), found);
            }
            Node::Block(_, b, _) => scan(&b.body, found),
            Node::FilterSection(_, f, _) => scan(&f.body, found),
            Node::If(i, _) => {
                for (_, _, body) in &i.conditions {
                    scan(body, found);
                }
                if let Some((_, body)) = &i.otherwise {
                    scan(body, found);
                }
            }
            _ => {}
        }
    }
}

/// The names given a value anywhere in `nodes`.
fn assigned(nodes: &[Node], out: &mut HashSet<String>) {
    for (key, _) in sets(nodes) {
        out.insert(key.to_string());
    }
}

/// Every `set` in `nodes`, also inside nested ifs, blocks and loops.
fn sets(nodes: &[Node]) -> Vec<(&str, &Expr)> {
    let mut out = Vec::new();
    for node in nodes {
        match node {
            Node::Set(_, s) => out.push((s.key.as_str(), &s.value)),
            Node::Forloop(_, f, _) => out.extend(sets(&f.body)),
            Node::Block(_, b, _) => out.extend(sets(&b.body)),
            Node::FilterSection(_, f, _) => out.extend(sets(&f.body)),
            Node::If(i, _) => {
                for (_, _, body) in &i.conditions {
                    out.extend(sets(body));
                }
                if let Some((_, body)) = &i.otherwise {
                    out.extend(sets(body));
                }
            }
            _ => {}
        }
    }
    out
}

/// Plain arithmetic on numbers, without filters: it cannot grow.
fn is_arithmetic(e: &Expr) -> bool {
    e.filters.is_empty()
        && match &e.val {
            ExprVal::Math(m) => is_arithmetic(&m.lhs) && is_arithmetic(&m.rhs),
            ExprVal::Int(_) | ExprVal::Float(_) | ExprVal::Ident(_) => true,
            _ => false,
        }
}

/// The variables an expression reads (the first part of a dotted name).
fn idents(e: &Expr, out: &mut HashSet<String>) {
    for f in &e.filters {
        f.args.values().for_each(|a| idents(a, out));
    }
    val_idents(&e.val, out);
}

fn val_idents(v: &ExprVal, out: &mut HashSet<String>) {
    match v {
        ExprVal::Ident(name) => {
            let root = name.split(['.', '[']).next().unwrap_or(name);
            out.insert(root.to_string());
        }
        ExprVal::Math(m) => {
            idents(&m.lhs, out);
            idents(&m.rhs, out);
        }
        ExprVal::Logic(l) => {
            idents(&l.lhs, out);
            idents(&l.rhs, out);
        }
        ExprVal::In(i) => {
            idents(&i.lhs, out);
            idents(&i.rhs, out);
        }
        ExprVal::Test(t) => t.args.iter().for_each(|a| idents(a, out)),
        ExprVal::Array(items) => items.iter().for_each(|a| idents(a, out)),
        ExprVal::StringConcat(s) => s.values.iter().for_each(|v| val_idents(v, out)),
        ExprVal::FunctionCall(f) => f.args.values().for_each(|a| idents(a, out)),
        ExprVal::MacroCall(m) => m.args.values().for_each(|a| idents(a, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera(text: &str) -> Tera {
        let mut t = Tera::default();
        t.add_raw_template("p.html", text).unwrap();
        t
    }

    #[test]
    fn doubling_in_a_loop_is_found() {
        for bad in [
            "{% set s = 'x' %}{% for i in [1, 2] %}{% set_global s = s ~ s %}{% endfor %}",
            "{% for i in [1] %}{% if true %}{% set_global a = b | concat(with=b) %}{% endif %}{% set_global b = a %}{% endfor %}",
            "{% macro m() %}{% for i in [1] %}{% set_global s = s | replace(from='x', to='xx') %}{% endfor %}{% endmacro m %}",
        ] {
            assert!(find_growth(&tera(bad)).is_some(), "{bad}");
        }
    }

    #[test]
    fn counting_and_plain_sets_are_allowed() {
        for good in [
            "{% set n = 0 %}{% for i in [1, 2] %}{% set_global n = n + 1 %}{% endfor %}",
            "{% for i in [1, 2] %}{% set label = i ~ '.' %}{{ label }}{% endfor %}",
            "{% set s = 'x' %}{% set s = s ~ s %}{{ s }}",
        ] {
            assert_eq!(find_growth(&tera(good)), None, "{good}");
        }
    }
}
