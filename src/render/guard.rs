//! Limits on the theme's templates, so that a bad template is a problem
//! (E15) and never an abort or a hang: nesting is capped before Tera
//! parses a template (loops of includes and macro calls are `calls`'
//! job); `range` is capped; pages render on threads with a large stack,
//! into a writer that stops a page that grows too large or takes too long,
//! and a watchdog ends a page that never ends.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, Once, OnceLock};
use std::time::{Duration, Instant};

use tera::Value;

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
    // Loops inside loops call `range` again and again: past the page's
    // time the next call ends the page, even if it writes nothing.
    if PAGE_STARTED.with(|p| p.get().is_some_and(|t| t.elapsed() > MAX_PAGE_TIME)) {
        return Err(tera::Error::msg(TOO_LARGE));
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

thread_local! {
    /// When the page this thread renders began, for [`capped_range`].
    static PAGE_STARTED: std::cell::Cell<Option<Instant>> = const { std::cell::Cell::new(None) };
}

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
        PAGE_STARTED.with(|p| p.set(Some(started)));
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
        PAGE_STARTED.with(|p| p.set(None));
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
