//! Limits on the theme's templates, so that a bad template is a problem
//! (E15) and never an abort or a hang: nesting is capped before Tera
//! parses a template; include chains and macro calls must not loop (checked
//! before anything is rendered); `range` is capped; and a page is rendered
//! into a writer that stops it when it grows too large or takes too long.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, Once, OnceLock};
use std::time::{Duration, Instant};

use tera::ast::{Expr, ExprVal, Node};
use tera::{Tera, Value};

/// The deepest nesting of blocks (`{% if %}`, `{% for %}` …) and of
/// brackets in a tag accepted in a template.
pub const MAX_NESTING: usize = 32;
/// The most numbers `range` gives.
pub const MAX_RANGE: usize = 10_000;
/// The largest page a template may make.
pub const MAX_PAGE_BYTES: usize = 64 * 1024 * 1024;
/// How long one page may take to render.
pub const MAX_PAGE_TIME: Duration = Duration::from_secs(10);

/// Checks the nesting of one template's text before it is parsed: the
/// 1-based line where it gets too deep.
pub fn check_nesting(text: &str) -> Result<(), usize> {
    let mut blocks = 0usize;
    let mut rest = text;
    let line_of = |rest: &str| text[..text.len() - rest.len()].matches('\n').count() + 1;
    while let Some(open) = [rest.find("{%"), rest.find("{{")]
        .into_iter()
        .flatten()
        .min()
    {
        let tag = &rest[open..];
        let end = tag.find(['}']).map_or(tag.len(), |e| e + 1);
        let body = &tag[..end];
        let word = body
            .trim_start_matches(['{', '%', '-', ' ', '\n', '\t'])
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .next()
            .unwrap_or("");
        match word {
            "if" | "for" | "block" | "macro" | "filter" | "raw" => blocks += 1,
            w if w.starts_with("end") => blocks = blocks.saturating_sub(1),
            _ => {}
        }
        let mut brackets = 0usize;
        for c in body.chars() {
            match c {
                '(' | '[' => brackets += 1,
                ')' | ']' => brackets = brackets.saturating_sub(1),
                _ => {}
            }
            if brackets > MAX_NESTING {
                return Err(line_of(&rest[open..]));
            }
        }
        if blocks > MAX_NESTING {
            return Err(line_of(&rest[open..]));
        }
        rest = &rest[open + end.max(2)..];
    }
    Ok(())
}

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

/// Tera's `range`, giving at most [`MAX_RANGE`] numbers.
pub fn capped_range(args: &HashMap<String, Value>) -> tera::Result<Value> {
    let number = |key: &str, default: usize| -> tera::Result<usize> {
        match args.get(key) {
            None => Ok(default),
            Some(v) => v.as_u64().map(|n| n as usize).ok_or_else(|| {
                tera::Error::msg(format!("range: `{key}` must be a whole number, not {v}"))
            }),
        }
    };
    let (start, end, step) = (
        number("start", 0)?,
        number("end", 0)?,
        number("step_by", 1)?,
    );
    if step == 0 {
        return Err(tera::Error::msg("range: `step_by` may not be 0"));
    }
    let count = end.saturating_sub(start).div_ceil(step);
    if count > MAX_RANGE {
        return Err(tera::Error::msg(format!(
            "range: {count} numbers asked for; a template may ask for at most {MAX_RANGE}"
        )));
    }
    Ok(Value::Array(
        (start..end).step_by(step).map(Value::from).collect(),
    ))
}

/// The stack of each rendering thread.
pub const STACK_BYTES: usize = 256 * 1024 * 1024;

/// The threads pages are rendered on, with [`STACK_BYTES`] of stack each
/// (only what is used takes memory).
pub fn pool() -> &'static rayon::ThreadPool {
    static POOL: OnceLock<rayon::ThreadPool> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .stack_size(STACK_BYTES)
            .thread_name(|n| format!("render-{n}"))
            .build()
            .expect("the rendering threads can be started")
    })
}

/// How long a page may render before the command is ended: a loop that
/// writes nothing cannot be stopped from outside Tera.
pub const HARD_PAGE_TIME: Duration = Duration::from_secs(30);

/// A page being rendered: stops Tera (with an error) when the page grows
/// past [`MAX_PAGE_BYTES`] or takes longer than [`MAX_PAGE_TIME`] while
/// writing; a watchdog ends the command with E15 when it renders past
/// [`HARD_PAGE_TIME`] without writing.
pub struct Bounded {
    pub bytes: Vec<u8>,
    started: Instant,
    ticket: u64,
}

/// Pages being rendered: ticket → (template, start).
static RUNNING: Mutex<BTreeMap<u64, (String, Instant)>> = Mutex::new(BTreeMap::new());
static NEXT: AtomicU64 = AtomicU64::new(0);
static WATCHDOG: Once = Once::new();

impl Bounded {
    pub fn new(template: &str) -> Self {
        WATCHDOG.call_once(|| {
            let _ = std::thread::Builder::new()
                .name("template-watchdog".into())
                .spawn(watchdog);
        });
        let started = Instant::now();
        let ticket = NEXT.fetch_add(1, Ordering::Relaxed);
        running().insert(ticket, (template.to_string(), started));
        Bounded {
            bytes: Vec::new(),
            started,
            ticket,
        }
    }
}

impl Drop for Bounded {
    fn drop(&mut self) {
        running().remove(&self.ticket);
    }
}

fn running() -> std::sync::MutexGuard<'static, BTreeMap<u64, (String, Instant)>> {
    RUNNING.lock().unwrap_or_else(|e| e.into_inner())
}

/// Ends the process with an E15 message when a page renders too long.
fn watchdog() {
    loop {
        std::thread::sleep(Duration::from_millis(500));
        let stuck = running()
            .values()
            .find(|(_, started)| started.elapsed() > HARD_PAGE_TIME)
            .map(|(name, _)| name.clone());
        if let Some(name) = stuck {
            eprintln!(
                "E15-template\n\n  × template: `{name}` rendered for more than {} s without end (a loop that never ends?)\n  help: correct the template in theme/templates/\n\n1 problem(s) in the sources; nothing was written.",
                HARD_PAGE_TIME.as_secs()
            );
            std::process::exit(1);
        }
    }
}

/// The message a stopped page gets.
pub const TOO_LARGE: &str =
    "the page grew too large or took too long to render (a loop that never ends?)";

impl Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_PAGE_BYTES || self.started.elapsed() > MAX_PAGE_TIME {
            return Err(std::io::Error::other(TOO_LARGE));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
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

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        assert!(check_nesting("{% if a %}{{ (1 + (2)) }}{% endif %}").is_ok());
        assert_eq!(
            check_nesting(&format!("x\n{{{{ {} }}}}", "(".repeat(100))),
            Err(2)
        );
        assert!(check_nesting(&"{% if true %}".repeat(100)).is_err());
    }

    #[test]
    fn range_is_capped() {
        let args = |end: u64| HashMap::from([("end".to_string(), Value::from(end))]);
        assert_eq!(capped_range(&args(3)).unwrap(), Value::from(vec![0, 1, 2]));
        assert!(capped_range(&args(1_000_000_000)).is_err());
    }
}
