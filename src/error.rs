//! Errors as types. A [`Problem`] is something wrong in the sources that an
//! editor can fix (it knows its file, line and column); [`Error`] is what a
//! whole command ends with; [`describe`] turns one into text for people,
//! for the command line and the preview alike.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

/// A source file held in memory, so problems can point into it.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as the user should read it (relative to the project root).
    pub name: String,
    pub text: String,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Arc<Self> {
        Arc::new(SourceFile {
            name: name.into(),
            text: text.into(),
        })
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..floor_char_boundary(&self.text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }

    /// Byte offset of the start of a 1-based line.
    pub fn line_offset(&self, line: usize) -> usize {
        if line <= 1 {
            return 0;
        }
        self.text
            .match_indices('\n')
            .nth(line - 2)
            .map_or(self.text.len(), |(i, _)| i + 1)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Where a problem is: a file, and optionally a byte range in it.
#[derive(Debug, Clone)]
pub struct Location {
    pub file: Arc<SourceFile>,
    pub offset: usize,
    pub len: usize,
}

impl Location {
    pub fn new(file: &Arc<SourceFile>, offset: usize, len: usize) -> Self {
        Location {
            file: Arc::clone(file),
            offset,
            len,
        }
    }

    pub fn at_line(file: &Arc<SourceFile>, line: usize, column: usize) -> Self {
        let start = file.line_offset(line);
        let rest = &file.text[start..];
        let col_bytes: usize = rest
            .chars()
            .take(column.saturating_sub(1))
            .map(char::len_utf8)
            .sum();
        Location::new(file, start + col_bytes, 0)
    }

    pub fn line_col(&self) -> (usize, usize) {
        self.file.line_col(self.offset)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (line, col) = self.line_col();
        write!(f, "{}:{}:{}", self.file.name, line, col)
    }
}

/// Which kind of mistake a problem is; its code is shown to the user and
/// listed in the README's troubleshooting section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Io,
    Encoding,
    EmptyFile,
    Yaml,
    Metadata,
    Markdown,
    RawHtml,
    UnsafeLink,
    RuleWithoutId,
    BadId,
    DuplicateId,
    IdMismatch,
    Language,
    Locale,
    Template,
    Anchor,
    Output,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Io => "E01-read",
            Kind::Encoding => "E02-encoding",
            Kind::EmptyFile => "E03-empty",
            Kind::Yaml => "E04-yaml",
            Kind::Metadata => "E05-metadata",
            Kind::Markdown => "E06-markdown",
            Kind::RawHtml => "E07-raw-html",
            Kind::UnsafeLink => "E08-unsafe-link",
            Kind::RuleWithoutId => "E09-rule-without-id",
            Kind::BadId => "E10-bad-id",
            Kind::DuplicateId => "E11-duplicate-id",
            Kind::IdMismatch => "E12-translation-ids",
            Kind::Language => "E13-language",
            Kind::Locale => "E14-locale",
            Kind::Template => "E15-template",
            Kind::Anchor => "E16-anchor",
            Kind::Output => "E17-output-folder",
        }
    }
}

/// One thing wrong in the sources, with what to do about it.
#[derive(Debug, Clone)]
pub struct Problem {
    pub kind: Kind,
    pub message: String,
    pub help: Option<String>,
    /// The file (and place in it) the problem is in.
    pub location: Option<Location>,
    /// A path to show when there is no file text to point into.
    pub path: Option<PathBuf>,
}

impl Problem {
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Problem {
            kind,
            message: message.into(),
            help: None,
            location: None,
            path: None,
        }
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn in_path(mut self, path: impl Into<PathBuf>) -> Self {
        self.path = Some(path.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Problem {
    /// The message, led by the path when there is no snippet to show it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.location, &self.path) {
            (None, Some(path)) => write!(f, "{}: {}", path.display(), self.message),
            _ => write!(f, "{}", self.message),
        }
    }
}

/// Lets diagnostics show the file's name above the snippet.
impl miette::SourceCode for SourceFile {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            inner.column(),
            inner.line_count(),
        )))
    }
}

impl std::error::Error for Problem {}

impl miette::Diagnostic for Problem {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.kind.code()))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.location
            .as_ref()
            .map(|loc| loc.file.as_ref() as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let loc = self.location.as_ref()?;
        let span = miette::LabeledSpan::new(Some("here".into()), loc.offset, loc.len);
        Some(Box::new(std::iter::once(span)))
    }
}

/// How a command ends when it does not succeed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The sources are wrong; the editor can fix them.
    #[error("the sources have {} problem(s)", .0.len())]
    Sources(Vec<Problem>),
    /// The command asked for something that is not there (an unknown rule
    /// or language); the sources are fine.
    #[error("{message}")]
    Usage { message: String, help: String },
    /// The tool could not do its work (disk, permissions, a missing program).
    #[error("{message}")]
    Tool {
        message: String,
        help: Option<String>,
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
}

impl Error {
    pub fn tool(message: impl Into<String>) -> Self {
        Error::Tool {
            message: message.into(),
            help: None,
            source: None,
        }
    }

    pub fn usage(message: impl Into<String>, help: impl Into<String>) -> Self {
        Error::Usage {
            message: message.into(),
            help: help.into(),
        }
    }

    pub fn io(context: impl Into<String>, err: std::io::Error) -> Self {
        Error::Tool {
            message: context.into(),
            help: None,
            source: Some(Box::new(err)),
        }
    }

    pub fn with_help(self, text: impl Into<String>) -> Self {
        match self {
            Error::Tool {
                message, source, ..
            } => Error::Tool {
                message,
                help: Some(text.into()),
                source,
            },
            other => other,
        }
    }

    /// The process exit code: 1 for wrong sources, 2 for wrong usage (as
    /// for arguments the command line refuses), 3 for a tool failure.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Sources(_) => 1,
            Error::Usage { .. } => 2,
            Error::Tool { .. } => 3,
        }
    }
}

impl From<Problem> for Error {
    fn from(p: Problem) -> Self {
        Error::Sources(vec![p])
    }
}

impl From<Vec<Problem>> for Error {
    fn from(p: Vec<Problem>) -> Self {
        Error::Sources(p)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error as people read it: each source problem with its file, line,
/// snippet and help, then `summary` after the count of problems (no
/// colours: it is shown in terminals and in pages).
pub fn describe(e: &Error, summary: &str) -> String {
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
    match e {
        Error::Sources(problems) => {
            let mut text = String::new();
            for p in problems {
                let _ = handler.render_report(&mut text, p);
                text.push('\n');
            }
            // The output folder's problems (E17) are not the sources'.
            let place = match problems.iter().all(|p| p.kind == Kind::Output) {
                true => "with the output folder",
                false => "in the sources",
            };
            text.push_str(&format!("{} problem(s) {place}{summary}", problems.len()));
            text
        }
        Error::Usage { message, help } => format!("error: {message}\nhelp: {help}"),
        Error::Tool {
            message,
            help,
            source,
        } => {
            let mut text = format!("error: {message}");
            if let Some(s) = source {
                text.push_str(&format!(": {s}"));
            }
            if let Some(h) = help {
                text.push_str(&format!("\nhelp: {h}"));
            }
            text
        }
    }
}
