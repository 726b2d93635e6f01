//! The Tera side of rendering: loading the theme's templates (with template
//! errors pointed at their file and line) and the `t` function that
//! templates use to fetch Fluent messages.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use fluent_bundle::FluentValue;
use tera::{Context, Tera, Value};

use crate::error::{Kind, Location, Problem, SourceFile};
use crate::locale::Locales;

use super::{calls, growth, guard};

/// The parsed templates.
pub struct Theme {
    tera: Tera,
    files: HashMap<String, Arc<SourceFile>>,
}

thread_local! {
    /// The messages and the language `t()` uses for the page being
    /// rendered on this thread: one parsed `Tera` serves every language
    /// (a copy per language would cost as much to make as a small page).
    static PAGE: RefCell<Option<(Arc<Locales>, String)>> = const { RefCell::new(None) };
}

impl Theme {
    /// Parses the templates (name below `theme/templates/`, file).
    pub fn load(templates: &[(String, Arc<SourceFile>)]) -> Result<Theme, Vec<Problem>> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(escape_html);
        tera.register_filter("css_string", css_string_filter);
        tera.register_function("t", Translate);
        tera.register_function("range", guard::capped_range);
        let files: HashMap<String, Arc<SourceFile>> = templates
            .iter()
            .map(|(name, f)| (name.clone(), Arc::clone(f)))
            .collect();
        let too_deep: Vec<Problem> = templates
            .iter()
            .filter_map(|(_, f)| {
                let line = guard::check_nesting(&f.text).err()?;
                Some(
                    Problem::new(
                        Kind::Template,
                        format!(
                            "template: nested more than {} levels deep",
                            guard::MAX_NESTING
                        ),
                    )
                    .at(Location::at_line(f, line, 1))
                    .help("write the template flatter"),
                )
            })
            .collect();
        if !too_deep.is_empty() {
            return Err(too_deep);
        }
        let raw = templates
            .iter()
            .map(|(name, f)| (name.as_str(), f.text.as_str()));
        if let Err(e) = tera.add_raw_templates(raw) {
            return Err(vec![template_problem(&e, &files)]);
        }
        if let Some(chain) = calls::find_cycle(&tera) {
            return Err(vec![cycle_problem(&chain, &files)]);
        }
        if let Some((name, var)) = growth::find_growth(&tera) {
            let mut problem = Problem::new(
                Kind::Template,
                format!("template: `{var}` is made from itself inside a loop in `{name}`, so it can grow without end"),
            )
            .help("build the value outside the loop, or write each piece out as the loop goes");
            if let Some(file) = files.get(&name) {
                problem = problem.at(Location::new(file, 0, 0));
            }
            return Err(vec![problem]);
        }
        Ok(Theme { tera, files })
    }

    /// Renders `name`; `t()` looks messages up in `lang` unless given `lang=`.
    pub fn render(
        &self,
        name: &str,
        ctx: &Context,
        locales: &Arc<Locales>,
        lang: &str,
    ) -> Result<String, Problem> {
        PAGE.with_borrow_mut(|page| *page = Some((Arc::clone(locales), lang.to_string())));
        let mut page = guard::Bounded::new(name);
        let done = self.tera.render_to(name, ctx, &mut page);
        PAGE.with_borrow_mut(|page| *page = None);
        done.map_err(|e| template_problem(&e, &self.files))?;
        String::from_utf8(std::mem::take(&mut page.bytes)).map_err(|_| {
            Problem::new(
                Kind::Template,
                format!("template: `{name}` made a page that is not UTF-8"),
            )
        })
    }
}

/// HTML escaping that leaves `/` alone (Tera's default writes `&#x2F;`,
/// which is correct but makes every link hard to read).
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 16);
    let mut done = 0;
    // The special characters are ASCII, so byte positions are char boundaries.
    for (i, b) in input.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&input[done..i]);
        out.push_str(entity);
        done = i + 1;
    }
    out.push_str(&input[done..]);
    out
}

/// `value | css_string`: the text as a CSS string literal, for a style
/// sheet in the page (print the result with `| safe`).
fn css_string_filter(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    let text = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    Ok(Value::String(css_string(&text)))
}

/// A CSS string literal holding `s`, safe inside a `<style>` element.
pub fn css_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            // `<` could close the <style> element; newlines end a CSS string.
            '<' | '\n' | '\r' | '\u{c}' => out.push_str(&format!("\\{:x} ", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `t(key="…", lang="…", name=value …)`: a Fluent message; other arguments
/// become the message's variables. The messages and the default language
/// are those of the page being rendered ([`Theme::render`]).
struct Translate;

impl tera::Function for Translate {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let key = args
            .get("key")
            .and_then(Value::as_str)
            .ok_or("t() needs key=\"message-name\"")?;
        let mut vars: Vec<(&str, FluentValue)> = args
            .iter()
            .filter(|(k, _)| *k != "key" && *k != "lang")
            .map(|(k, v)| {
                let text = match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                (k.as_str(), FluentValue::from(text))
            })
            .collect();
        vars.sort_by(|a, b| a.0.cmp(b.0));
        PAGE.with_borrow(|page| {
            let (locales, page_lang) = page
                .as_ref()
                .ok_or("t() is only known while rendering a page")?;
            let lang = args
                .get("lang")
                .and_then(Value::as_str)
                .unwrap_or(page_lang);
            locales
                .message(lang, key, &vars)
                .map(Value::String)
                .map_err(tera::Error::msg)
        })
    }

    fn is_safe(&self) -> bool {
        false
    }
}

/// A Tera error as a problem: the whole chain of causes in one message,
/// pointed at the template file and line when Tera names them.
fn template_problem(e: &tera::Error, files: &HashMap<String, Arc<SourceFile>>) -> Problem {
    let mut parts = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    let message = parts.join(": ");
    let mut problem = Problem::new(Kind::Template, format!("template: {message}"))
        .help("correct the template in theme/templates/ (Tera syntax: https://keats.github.io/tera/docs/)");
    let name = parts
        .iter()
        .find_map(|p| p.split('\'').nth(1).filter(|n| files.contains_key(*n)));
    if let Some(file) = name.and_then(|n| files.get(n)) {
        let (line, col) = line_col_in(&message).unwrap_or((1, 1));
        problem = problem.at(Location::at_line(file, line, col));
    }
    problem
}

/// An include or macro loop as a problem, at the first template in it.
fn cycle_problem(chain: &[String], files: &HashMap<String, Arc<SourceFile>>) -> Problem {
    let mut problem = Problem::new(
        Kind::Template,
        match chain.first() == chain.last() {
            true => format!("template: includes or macro calls go round in a loop: {}", chain.join(" → ")),
            false => format!(
                "template: includes or macro calls nest more than {} deep: {}",
                calls::MAX_CHAIN,
                chain.join(" → ")
            ),
        },
    )
    .help("a template may not include itself, and a macro may not call itself, directly or through others; keep chains short");
    let file = chain
        .iter()
        .find_map(|c| files.get(c.split("::").next().unwrap_or(c)));
    if let Some(file) = file {
        problem = problem.at(Location::new(file, 0, 0));
    }
    problem
}

/// Tera's parser writes positions as ` --> line:column`.
fn line_col_in(message: &str) -> Option<(usize, usize)> {
    let after = &message[message.find("--> ")? + 4..];
    let spot: String = after
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':')
        .collect();
    let (l, c) = spot.split_once(':')?;
    Some((l.parse().ok()?, c.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::css_string;

    #[test]
    fn html_is_escaped_but_slashes_are_kept() {
        use super::escape_html;
        assert_eq!(
            escape_html(r#"<a href="x/y">Tom & 'Jerry' ø</a>"#),
            "&lt;a href=&quot;x/y&quot;&gt;Tom &amp; &#39;Jerry&#39; ø&lt;/a&gt;"
        );
        assert_eq!(escape_html("æøå"), "æøå");
        assert_eq!(escape_html(""), "");
    }

    #[test]
    fn css_strings_are_quoted_and_cannot_leave_the_style_element() {
        assert_eq!(css_string("side "), "\"side \"");
        assert_eq!(css_string(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(css_string("</style>"), "\"\\3c /style>\"");
        assert_eq!(css_string("a\nb"), "\"a\\a b\"");
    }
}
