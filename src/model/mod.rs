//! Stage 2 — model: [`Ast`](crate::syntax::Ast) → [`Flow`].
//!
//! Resolves every name (lanes, modules, nodes) regardless of declaration
//! order, validates header fields (ISO dates, direction) and module colors,
//! and returns either the resolved [`Flow`] or every error found at once.

mod flow;
mod resolve;

pub use flow::*;
pub use resolve::resolve;
