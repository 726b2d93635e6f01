//! rettleiar publishes a municipal guideline in several languages, as a
//! website and as print-ready documents, with a permanent address for
//! every rule.
//!
//! The stages, one module each: [`project`] reads the files (the only I/O
//! on the way in), [`config`], [`front_matter`] and [`markdown`] turn them into the
//! [`model`], [`check`] and [`anchors`] validate it, [`locale`] and
//! [`render`] turn it into files (one [`render::Producer`] per output),
//! [`address`] names every page and link, and [`output`] writes them
//! safely. [`pipeline`] holds the stages' results as one value that
//! loads, checks, renders and writes; with `--pdf` it has [`pdf`] print
//! the print pages with Chromium. [`serve`] keeps a pipeline and reloads
//! it on every change for a live preview. [`revise`] freezes the current
//! version when the council adopts a new one. [`error`] holds the
//! diagnostics.

pub mod address;
pub mod anchors;
pub mod check;
pub mod cite;
pub mod config;
pub mod defaults;
pub mod error;
pub mod front_matter;
pub mod locale;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pdf;
pub mod pipeline;
pub mod policy;
pub mod project;
pub mod render;
pub mod revise;
pub mod serve;
pub mod statement;
pub mod xml;
