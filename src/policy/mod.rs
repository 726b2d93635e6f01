//! The rules every piece of data from the project's files passes before it
//! is used: [`ids`] (what an id is, and the `{#id}` markers that carry
//! them), [`urls`] (which addresses may become links), [`paths`] (an output
//! path made from data stays inside the output folder), [`limits`] (how
//! large and deep a file may be before it is parsed) and [`atomic`] (how a
//! file in `source/` is replaced).

pub mod atomic;
pub mod console;
pub mod ids;
pub mod limits;
pub mod paths;
pub mod urls;
