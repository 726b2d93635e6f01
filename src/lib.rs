//! rettleiar publishes a municipal guideline in several languages, as a
//! website and as print-ready documents, with a permanent address for
//! every rule.
//!
//! The pipeline, one module a stage: [`project`] reads the files (the only
//! I/O on the way in), [`config`] and [`markdown`] turn them into the
//! [`model`], [`check`] and [`anchors`] validate it, [`locale`] and
//! [`render`] turn it into pages, and [`output`] writes them safely.
//! [`build`] runs the stages; with `--pdf` it has [`pdf`] print the print
//! pages with Chromium. [`serve`] runs them again on every change for a
//! live preview.

pub mod anchors;
pub mod build;
pub mod check;
pub mod cite;
pub mod config;
pub mod error;
pub mod locale;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pdf;
pub mod policy;
pub mod project;
pub mod render;
pub mod serve;
