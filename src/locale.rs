//! The words around the text: Fluent messages from `locales/<lang>/*.ftl`.
//! Every language must have every message the original language has; a
//! message asked for that does not exist is an error, never an empty string.

use std::collections::BTreeMap;
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use unic_langid::LanguageIdentifier;

use crate::address::Lang;
use crate::config::{Date, SiteConfig};
use crate::error::{Kind, Location, Problem, SourceFile};

/// The messages of every configured language.
pub struct Locales {
    bundles: BTreeMap<String, FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for Locales {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.bundles.keys()).finish()
    }
}

impl Locales {
    /// Parses the Fluent files of each configured language and checks that
    /// none lacks a message the original language has.
    pub fn load(
        site: &SiteConfig,
        files: &BTreeMap<String, Vec<Arc<SourceFile>>>,
        locales_dir: &std::path::Path,
    ) -> Result<Locales, Vec<Problem>> {
        let (locales, problems) = Locales::load_partial(site, files, locales_dir);
        if problems.is_empty() {
            Ok(locales)
        } else {
            Err(problems)
        }
    }

    /// [`Locales::load`] that keeps what could be read beside the
    /// problems: for the commands that may do without some messages.
    pub fn load_partial(
        site: &SiteConfig,
        files: &BTreeMap<String, Vec<Arc<SourceFile>>>,
        locales_dir: &std::path::Path,
    ) -> (Locales, Vec<Problem>) {
        let mut problems = Vec::new();
        let mut bundles = BTreeMap::new();
        let mut keys = Names::new();
        for lang in &site.languages {
            let Some(lang_files) = files.get(lang.as_str()).filter(|f| !f.is_empty()) else {
                problems.push(
                    Problem::new(Kind::Locale, format!("no Fluent files for `{lang}`"))
                        .in_path(locales_dir.join(lang.as_str()))
                        .help(format!("create `{}/{lang}/main.ftl` with the same messages as the other languages", locales_dir.display())),
                );
                continue;
            };
            let (bundle, names, syntax_errors) = bundle(lang, lang_files, &mut problems);
            // Messages lost to a syntax error are reported as that error.
            if !syntax_errors {
                keys.insert(lang.as_str(), (names, lang_files));
            }
            bundles.insert(lang.to_string(), bundle);
        }
        problems.extend(missing_messages(site, &keys));
        (Locales { bundles }, problems)
    }

    /// The message `key` in `lang`, with arguments.
    pub fn message(
        &self,
        lang: &str,
        key: &str,
        args: &[(&str, FluentValue)],
    ) -> Result<String, Problem> {
        let problem = |message: String| {
            Problem::new(Kind::Locale, message)
                .help("add the message to the language's .ftl files in locales/")
        };
        let bundle = self
            .bundles
            .get(lang)
            .ok_or_else(|| problem(format!("there are no messages for the language `{lang}`")))?;
        let pattern = bundle
            .get_message(key)
            .and_then(|m| m.value())
            .ok_or_else(|| {
                problem(format!(
                    "the message `{key}` is missing for `{lang}`: add it to locales/{lang}/"
                ))
            })?;
        let mut fargs = FluentArgs::new();
        for (name, value) in args {
            fargs.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fargs), &mut errors);
        if let Some(e) = errors.first() {
            return Err(problem(format!("the message `{key}` in `{lang}`: {e}")));
        }
        Ok(text.into_owned())
    }

    /// A date written out for readers, from the messages `month-1` … and
    /// `date-long` (with `$day`, `$month`, `$year`).
    pub fn date(&self, lang: &str, date: Date) -> Result<String, Problem> {
        let month = self.message(lang, &format!("month-{}", u8::from(date.month())), &[])?;
        self.message(
            lang,
            "date-long",
            &[
                ("day", FluentValue::from(date.day().to_string())),
                ("month", FluentValue::from(month)),
                ("year", FluentValue::from(date.year().to_string())),
            ],
        )
    }
}

/// The messages of each language whose files parsed (name → the file
/// it is in), and its files.
type Names<'a> = BTreeMap<&'a str, (BTreeMap<String, usize>, &'a [Arc<SourceFile>])>;

/// One language's messages from its files, the names of the messages, and
/// whether a file had syntax errors (each is a problem).
fn bundle(
    lang: &Lang,
    files: &[Arc<SourceFile>],
    problems: &mut Vec<Problem>,
) -> (FluentBundle<FluentResource>, BTreeMap<String, usize>, bool) {
    let langid: LanguageIdentifier = lang.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    bundle.set_use_isolating(false);
    let mut names = BTreeMap::new();
    let mut syntax_errors = false;
    for (n, file) in files.iter().enumerate() {
        let resource = match FluentResource::try_new(file.text.clone()) {
            Ok(r) => r,
            Err((r, errors)) => {
                syntax_errors = true;
                for e in errors {
                    // The entry the parser gave up on is where an editor
                    // should look; `pos` is often the next line.
                    let at = e.slice.as_ref().map_or(e.pos.start, |s| s.start);
                    problems.push(
                        Problem::new(Kind::Locale, format!("Fluent syntax: {}", e.kind))
                            .at(Location::new(file, at, 0))
                            .help("see https://projectfluent.org/fluent/guide/ for the syntax"),
                    );
                }
                r
            }
        };
        for entry in resource.entries() {
            if let ast::Entry::Message(m) = entry {
                names.insert(m.id.name.to_string(), n);
            }
        }
        if let Err(errors) = bundle.add_resource(resource) {
            for e in errors {
                problems.push(
                    Problem::new(Kind::Locale, format!("{e}"))
                        .at(Location::new(file, 0, 0))
                        .help("each message may be defined once per language"),
                );
            }
        }
    }
    (bundle, names, syntax_errors)
}

/// A problem for each message the original language has and another
/// lacks, pointing at the file of the same name as the original's file
/// that has it (or at the language's first file).
fn missing_messages(site: &SiteConfig, keys: &Names<'_>) -> Vec<Problem> {
    let mut problems = Vec::new();
    let Some((reference, reference_files)) = keys.get(site.original_language.as_str()) else {
        return problems;
    };
    for (lang, (names, files)) in keys {
        for (missing, &n) in reference.iter().filter(|(m, _)| !names.contains_key(*m)) {
            let wanted = file_name(&reference_files[n]);
            let file = files
                .iter()
                .find(|f| file_name(f) == wanted)
                .or(files.first());
            let mut p = Problem::new(
                Kind::Locale,
                format!("the message `{missing}` is missing for `{lang}`"),
            )
            .help(format!(
                "add `{missing} = …` to locales/{lang}/{wanted} (locales/{}/{wanted} has it)",
                site.original_language
            ));
            if let Some(f) = file {
                p = p.at(Location::new(f, 0, 0));
            }
            problems.push(p);
        }
    }
    problems
}

/// The name of a Fluent file without its folders: `main.ftl`.
fn file_name(file: &SourceFile) -> &str {
    let name = file
        .name
        .strip_suffix(crate::defaults::SUFFIX)
        .unwrap_or(&file.name);
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}
