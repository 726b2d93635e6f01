//! The anchor register, `source/anchors.yaml`: every rule id that has been
//! published, with a fingerprint of its text in the original language
//! and the decision that gave it that text. A published link must
//! keep pointing at the same rule: the check here stops a build when an id
//! disappears, when a rule's text changes under its id, or when a new id
//! has not been registered, until someone decides (`anchors accept`,
//! `anchors retire`).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::config::parse_yaml;
use crate::error::{Error, Kind, Location, Problem, SourceFile};
pub use crate::model::{Entry, Register, Retired};
use crate::model::{Guideline, LanguageDoc, Rule, Section};
use crate::policy::ids::{self, Id};
use crate::project::Paths;
pub use decision::{Accept, Change, Decision};

mod decision;

/// The register's file name in `source/`.
pub const FILE: &str = "anchors.yaml";

const HEADER: &str = "\
# The anchor register: every rule id that has been published, with a
# fingerprint of the rule's text in the original language, the date and
# case of the decision that gave it that text (`since`, `case`), and for
# a withdrawn rule the date, case and reason of its withdrawal. Other
# documents link to these ids, so an id must never disappear or change
# meaning. Written by `rettleiar anchors accept` and `rettleiar anchors
# retire`; the build refuses sources that disagree with it.
";

/// The fingerprint of a rule's text.
pub fn fingerprint(text: &str) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    hex::encode(Sha256::digest(folded.as_bytes()))
}

impl Register {
    /// Reads the register; a project without one has an empty register.
    pub fn parse(file: Option<&Arc<SourceFile>>) -> Result<Register, Problem> {
        let Some(file) = file else {
            return Ok(Register::default());
        };
        let mut register: Register = parse_yaml(file, &file.text, 0)?;
        register.file = Some(Arc::clone(file));
        Ok(register)
    }

    /// The YAML text of the register, with its explaining header.
    pub fn to_yaml(&self) -> String {
        let body = serde_yaml::to_string(self).expect("the register always serializes");
        format!("{HEADER}\n{body}")
    }

    /// Where entry `id` is in the file.
    fn location(&self, id: &str) -> Option<Location> {
        let file = self.file.as_ref()?;
        let needle = format!("id: {id}\n");
        let at = file.text.find(&needle)?;
        Some(Location::new(file, at, needle.len() - 1))
    }

    /// Every disagreement between the register and the original text.
    pub fn check(&self, original: &LanguageDoc) -> Vec<Problem> {
        let mut problems = Vec::new();
        let rules: HashMap<&str, &Rule> =
            original.rules().map(|(_, r)| (r.id.as_str(), r)).collect();
        let mut seen = HashSet::new();
        for entry in &self.anchors {
            let at = |p: Problem| match self.location(&entry.id) {
                Some(loc) => p.at(loc),
                None => p,
            };
            if !seen.insert(entry.id.as_str()) {
                problems.push(at(Problem::new(
                    Kind::Anchor,
                    format!("`{}` is in the anchor register twice", entry.id),
                )
                .help("keep one entry per id")));
                continue;
            }
            problems.extend(state_problem(
                entry,
                rules.get(entry.id.as_str()).copied(),
                at,
            ));
            if let Some(next) = entry
                .retired
                .as_ref()
                .and_then(|r| r.replaced_by.as_deref())
            {
                if !rules.contains_key(next) {
                    problems.push(at(Problem::new(
                        Kind::Anchor,
                        format!(
                            "`{}` is replaced by `{next}`, which is not a rule in the sources",
                            entry.id
                        ),
                    )
                    .help("name an existing rule id in `replaced_by`, or remove it")));
                }
            }
        }
        problems.extend(unregistered(original, &seen));
        problems
    }

    /// Registers new rules and takes changed texts as they are now, for the
    /// ids given (all when none are). A new rule takes effect at `given`'s
    /// date and case, else at the document's `adoption`; a changed text
    /// only at a date given, or nothing is changed and the changed ids
    /// are returned as the error. Returns what changed.
    pub fn accept(
        &mut self,
        original: &LanguageDoc,
        ids: &[String],
        given: &Accept,
        adoption: &Decision,
    ) -> Result<Vec<Change>, Vec<String>> {
        let wanted = |id: &str| ids.is_empty() || ids.iter().any(|i| i.eq_ignore_ascii_case(id));
        let mut changes = Vec::new();
        let mut undated = Vec::new();
        // Where each id is (its first entry), so each rule is found at once.
        let mut index: HashMap<String, usize> = HashMap::new();
        for (n, e) in self.anchors.iter().enumerate() {
            index.entry(e.id.clone()).or_insert(n);
        }
        for (section, rule) in original.rules() {
            if !wanted(&rule.id) {
                continue;
            }
            let print = fingerprint(&rule.text);
            match index.get(&rule.id).map(|&n| &mut self.anchors[n]) {
                Some(entry) if entry.retired.is_none() && entry.fingerprint != print => {
                    let Some(since) = given.since else {
                        undated.push(rule.id.clone());
                        continue;
                    };
                    entry.fingerprint = print;
                    entry.since = since;
                    entry.case.clone_from(&given.case);
                    entry.part = section.id.clone();
                    changes.push(Change::TextChanged {
                        id: rule.id.clone(),
                        was: std::mem::replace(&mut entry.text, rule.text.clone()),
                        now: rule.text.clone(),
                        since: Decision::of(entry),
                    });
                }
                Some(_) => {}
                None => {
                    let entry = new_entry(section, rule, print, given, adoption);
                    changes.push(Change::Registered {
                        id: rule.id.clone(),
                        text: rule.text.clone(),
                        since: Decision::of(&entry),
                    });
                    index.insert(rule.id.clone(), self.anchors.len());
                    self.anchors.push(entry);
                }
            }
        }
        match undated.is_empty() {
            true => Ok(changes),
            false => Err(undated),
        }
    }

    /// Withdraws `id`, which must be registered and gone from the sources.
    pub fn retire(
        &mut self,
        original: &LanguageDoc,
        id: &str,
        retired: Retired,
    ) -> Result<(), Problem> {
        let problem = |m: String| Problem::new(Kind::Anchor, m);
        Id::parse(id).map_err(|e| problem(format!("{e}: {}", ids::HELP)))?;
        if let Some(next) = &retired.replaced_by {
            Id::parse(next).map_err(|e| problem(format!("{e}: {}", ids::HELP)))?;
        }
        if original.rules().any(|(_, r)| r.id == id) {
            return Err(problem(format!(
                "rule `{id}` is still in the sources: remove it from every language first"
            )));
        }
        if let Some(next) = &retired.replaced_by {
            if !original.rules().any(|(_, r)| r.id == *next) {
                return Err(problem(format!("`{next}` is not a rule in the sources")));
            }
        }
        let entry = self
            .anchors
            .iter_mut()
            .find(|e| e.id == id)
            .ok_or_else(|| problem(format!("`{id}` is not in the anchor register")))?;
        if let Some(was) = &entry.retired {
            return Err(problem(format!(
                "`{id}` was already retired on {}: {}; its record is kept as it is",
                Decision {
                    date: was.date,
                    case: was.case.clone()
                },
                was.reason
            )));
        }
        entry.retired = Some(retired);
        Ok(())
    }
}

/// What is wrong between a register entry and the rule of its id in the
/// original (`None` when the rule is gone); `at` places a problem at the
/// entry.
fn state_problem(
    entry: &Entry,
    rule: Option<&Rule>,
    at: impl Fn(Problem) -> Problem,
) -> Option<Problem> {
    match (rule, &entry.retired) {
        (None, None) => Some(at(Problem::new(
            Kind::Anchor,
            format!("rule `{}` is published but missing from the sources", entry.id),
        )
        .help(format!(
            "links to #{id} would break. Put the rule back, or withdraw it for good: `rettleiar anchors retire {id} --date YYYY-MM-DD --case \"…\" --reason \"…\" [--replaced-by ID]`",
            id = entry.id
        )))),
        (Some(rule), Some(_)) => Some(
            Problem::new(Kind::Anchor, format!("`{}` was retired and may not be used again", rule.id))
                .at(rule.location.clone())
                .help("old links to this id point to the withdrawal notice; give the rule a new id"),
        ),
        (Some(rule), None) if fingerprint(&rule.text) != entry.fingerprint => Some(
            Problem::new(
                Kind::Anchor,
                format!("the text of rule `{}` changed since it was registered ({})", rule.id, entry.since),
            )
            .at(rule.location.clone())
            .help(format!(
                "links to #{id} now point at the new text. If the council adopted the change, accept it with the decision's date and case: `rettleiar anchors accept {id} --since YYYY-MM-DD --case \"…\"`; if the meaning changed, give the new rule a new id and retire this one",
                id = rule.id
            )),
        ),
        _ => None,
    }
}

/// The register entry of a rule not yet registered: in force since the
/// date and case given, else since the document's adoption.
fn new_entry(
    section: &Section,
    rule: &Rule,
    fingerprint: String,
    given: &Accept,
    adoption: &Decision,
) -> Entry {
    let (since, case) = match given.since {
        Some(date) => (date, given.case.clone()),
        None => (adoption.date, given.case.clone().or(adoption.case.clone())),
    };
    Entry {
        id: rule.id.clone(),
        part: section.id.clone(),
        label: (rule.label != crate::model::label_for(&rule.id)).then(|| rule.label.clone()),
        fingerprint,
        since,
        case,
        text: rule.text.clone(),
        retired: None,
    }
}

/// The rules of the original that are not in the register (`seen` holds
/// every registered id), as one problem.
fn unregistered(original: &LanguageDoc, seen: &HashSet<&str>) -> Option<Problem> {
    let new: Vec<&Rule> = original
        .rules()
        .map(|(_, r)| r)
        .filter(|r| !seen.contains(r.id.as_str()))
        .collect();
    let first = new.first()?;
    let ids: Vec<&str> = new.iter().map(|r| r.id.as_str()).collect();
    let (what, which) = match ids.as_slice() {
        [one] => (
            format!("rule `{one}` is not in the anchor register"),
            one.to_string(),
        ),
        many => (
            format!(
                "{} rules are not in the anchor register: {}",
                many.len(),
                many.join(", ")
            ),
            many.join(" "),
        ),
    };
    Some(
        Problem::new(Kind::Anchor, what)
            .at(first.location.clone())
            .help(format!(
                "once published, an id must never change meaning; register with `rettleiar anchors accept {which}`"
            )),
    )
}

/// `rettleiar anchors accept` on a guideline loaded without holding it to
/// the register: accepts the rules `ids` (all when empty) and writes the
/// register to `paths.source` when anything changed. Returns what changed.
pub fn accept_in(
    g: &Guideline,
    paths: &Paths,
    ids: &[String],
    given: &Accept,
) -> Result<Vec<Change>, Error> {
    let mut register = g.anchors.clone();
    let adoption = Decision {
        date: g.meta.adopted,
        case: Some(g.meta.case.clone()),
    };
    // After a revision, a changed text takes effect with it.
    let revised;
    let given = match (given.since, g.versions.is_empty()) {
        (None, false) => {
            revised = Accept {
                since: Some(g.meta.adopted),
                case: given.case.clone().or_else(|| Some(g.meta.case.clone())),
            };
            &revised
        }
        _ => given,
    };
    let changes = register
        .accept(g.original(), ids, given, &adoption)
        .map_err(|undated| {
            Error::usage(
                format!(
                    "the text of {} changed: say when the change was adopted",
                    undated.join(", ")
                ),
                format!(
                    "add the date and case of the decision, e.g. `rettleiar anchors accept {} --since 2027-01-14 --case \"PS 1/2027\"`; nothing was changed",
                    undated.join(" ")
                ),
            )
        })?;
    if !changes.is_empty() {
        write(paths, &register)?;
    }
    Ok(changes)
}

/// `rettleiar anchors retire` on a guideline loaded without holding it
/// to the register: withdraws rule `id` (any case) and writes the register.
pub fn retire_in(g: &Guideline, paths: &Paths, id: &str, retired: Retired) -> Result<(), Error> {
    let mut register = g.anchors.clone();
    register.retire(g.original(), &id.to_ascii_lowercase(), retired)?;
    write(paths, &register)
}

/// The date and case of a withdrawal: as given, else, after a revision,
/// the revision's (`document.yaml`'s); without a revision both are needed.
pub fn retirement(
    g: &Guideline,
    date: Option<crate::config::Date>,
    case: Option<String>,
) -> Result<(crate::config::Date, String), Error> {
    let revised = !g.versions.is_empty();
    match (date, case) {
        (Some(date), Some(case)) => Ok((date, case)),
        (date, case) if revised => Ok((
            date.unwrap_or(g.meta.adopted),
            case.unwrap_or_else(|| g.meta.case.clone()),
        )),
        (date, _) => Err(Error::usage(
            format!(
                "say which decision withdrew the rule: {} missing",
                if date.is_none() { "--date is" } else { "--case is" }
            ),
            "give --date YYYY-MM-DD and --case \"…\" of the decision (after `rettleiar revise` they default to the revision's)",
        )),
    }
}

fn write(paths: &Paths, register: &Register) -> Result<(), Error> {
    let path = paths.source.join(FILE);
    crate::policy::atomic::write(&path, register.to_yaml().as_bytes()).map_err(|e| {
        Error::io(format!("cannot write `{}`", path.display()), e)
            .with_help("the register was left as it was; free some space or fix the permissions and run the command again")
    })
}
