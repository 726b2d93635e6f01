//! The decisions and changes of `anchors accept`: when, and by which
//! decision, a text took effect, what the command was told, and what it
//! changed, as the command prints them.

use crate::config::Date;
use crate::model::Entry;

/// When, and by which decision, a text took effect or was withdrawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub date: Date,
    pub case: Option<String>,
}

impl Decision {
    pub(super) fn of(entry: &Entry) -> Decision {
        Decision {
            date: entry.since,
            case: entry.case.clone(),
        }
    }
}

impl std::fmt::Display for Decision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.case {
            Some(case) => write!(f, "{} ({case})", self.date),
            None => write!(f, "{}", self.date),
        }
    }
}

/// What `anchors accept` was told: the date and case the accepted texts
/// took effect (`--since`, `--case`).
#[derive(Debug, Clone, Default)]
pub struct Accept {
    pub since: Option<Date>,
    pub case: Option<String>,
}

/// One change made by `accept`.
#[derive(Debug, PartialEq)]
pub enum Change {
    Registered {
        id: String,
        text: String,
        since: Decision,
    },
    TextChanged {
        id: String,
        was: String,
        now: String,
        since: Decision,
    },
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Change::Registered { id, text, since } => {
                write!(
                    f,
                    "{id}: registered, in force since {since}\n  text: {text}"
                )
            }
            Change::TextChanged {
                id,
                was,
                now,
                since,
            } => write!(
                f,
                "{id}: text changed, in force since {since}\n  was: {was}\n  now: {now}"
            ),
        }
    }
}
