//! What every output has in common: the [`Producer`] trait, the sink the
//! files go to, and [`run`], which makes the parts of all producers on
//! every core.

use std::sync::Arc;

use rayon::prelude::*;

use super::templates::Theme;
use crate::error::Problem;
use crate::locale::Locales;
use crate::model::Guideline;

/// Where the files go: each file's path (relative, with `/`) and bytes.
/// Called from several threads at once; an error stops rendering.
pub type Sink<'a, E> = dyn Fn(String, Vec<u8>) -> Result<(), E> + Sync + 'a;

/// One file of the site: its path (relative, with `/`) and its bytes.
pub type File = (String, Vec<u8>);

/// What the producers read: the checked model, the messages, the theme.
#[derive(Clone, Copy)]
pub struct Inputs<'a> {
    pub guideline: &'a Guideline,
    pub locales: &'a Arc<Locales>,
    pub theme: &'a Theme,
    /// The theme's files copied as they are (CSS …), by path.
    pub assets: &'a [(String, Vec<u8>)],
    /// The PDFs printed for this build, which the pages link.
    pub pdfs: &'a crate::pdf::Downloads,
}

/// One output of the site, made in parts (a page, or a few pages that
/// share their preparation); the parts are made independently, on any
/// core, in any order.
pub trait Producer: Sync {
    /// How many parts there are.
    fn parts(&self) -> usize;

    /// Makes part `n`: its files, each made or failed.
    fn make(&self, n: usize) -> Vec<Result<File, Problem>>;

    /// Whether the parts are quick to make: they are made after the
    /// others, so a long page does not end up last on one core.
    fn quick(&self) -> bool {
        false
    }
}

/// What [`run`] handed to its sink.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub files: usize,
    pub bytes: usize,
}

/// Why [`run`] stopped.
#[derive(Debug)]
pub enum Halt<E> {
    /// Files that could not be made, in the producers' order.
    Problems(Vec<Problem>),
    /// The sink failed; rendering stopped.
    Sink(E),
}

/// Makes every part of every producer on every core (rayon), handing each
/// file to `sink` as soon as it is made, so no more than a few pages are
/// held at a time; the order the sink sees them in is not fixed.
/// Rendering goes on past a file that cannot be made (all such problems
/// are returned, in the producers' order) but stops at the first error of
/// the sink.
pub fn run<E: Send>(
    producers: &[Box<dyn Producer + '_>],
    sink: &Sink<'_, E>,
) -> Result<Written, Halt<E>> {
    let mut parts: Vec<(usize, usize)> = producers
        .iter()
        .enumerate()
        .flat_map(|(p, producer)| (0..producer.parts()).map(move |n| (p, n)))
        .collect();
    parts.sort_by_key(|&(p, _)| producers[p].quick());
    // Each part's place and, per file, the bytes written or the problem.
    type Outcome = ((usize, usize), Vec<Result<usize, Problem>>);
    // On the render pool: a large stack for deep templates.
    let outcomes: Result<Vec<Outcome>, E> = super::guard::pool().install(|| {
        parts
            .par_iter()
            .map(|&(p, n)| {
                let mut made = Vec::new();
                for file in producers[p].make(n) {
                    made.push(match file.and_then(inside_output) {
                        Ok((path, bytes)) => {
                            let len = bytes.len();
                            sink(path, bytes)?;
                            Ok(len)
                        }
                        Err(problem) => Err(problem),
                    });
                }
                Ok(((p, n), made))
            })
            .collect::<Result<_, E>>()
    });
    let outcomes = outcomes.map_err(Halt::Sink)?;
    let mut written = Written::default();
    let mut problems = Vec::new();
    for (place, made) in outcomes {
        for file in made {
            match file {
                Ok(bytes) => {
                    written.files += 1;
                    written.bytes += bytes;
                }
                Err(problem) => problems.push((place, problem)),
            }
        }
    }
    if problems.is_empty() {
        Ok(written)
    } else {
        // Stable: the problems of one part stay in its order.
        problems.sort_by_key(|(place, _)| *place);
        Err(Halt::Problems(merge_same(
            problems.into_iter().map(|(_, p)| p),
        )))
    }
}

/// The problems with each repeated one left out: one mistake in a
/// template many pages use is one problem (same kind, message and place),
/// not one per page. The first of each stays, in order.
fn merge_same(problems: impl Iterator<Item = Problem>) -> Vec<Problem> {
    let mut seen = std::collections::HashSet::new();
    problems
        .filter(|p| {
            let place = p.location.as_ref().map(|l| (&l.file.name, l.offset, l.len));
            seen.insert(format!(
                "{:?}\0{}\0{place:?}\0{:?}",
                p.kind, p.message, p.path
            ))
        })
        .collect()
}

/// A file only when its path stays inside the output folder, whatever
/// data it was made from.
fn inside_output(file: (String, Vec<u8>)) -> Result<(String, Vec<u8>), Problem> {
    crate::policy::paths::check_output_path(&file.0)
        .map_err(|m| Problem::new(crate::error::Kind::Output, m))?;
    Ok(file)
}
