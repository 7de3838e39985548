//! crmflow — a diagram-as-code compiler for CRM process flowcharts.
pub mod diag;
pub mod source;
pub mod suggest;
pub mod syntax;
