//! Stage 2 — model: [`Ast`](crate::syntax::Ast) → [`Flow`].
//!
//! Resolves every name (lanes, modules, nodes) regardless of declaration
//! order, validates header fields (ISO dates, direction) and module colors,
//! and returns either the resolved [`Flow`] or every error found at once.
//! [`role_view`] derives the flow one role sees, for `render --lane`.

pub mod calls;
mod flow;
mod resolve;
mod view;

pub use flow::*;
pub use resolve::resolve;
pub use view::{PageConnector, PageView, page_view, role_view};
