//! Stage 1 — syntax: [`SourceFile`] → [`Ast`].
//!
//! The pest grammar (`grammar/crmflow.pest`) recognises the text; `lower`
//! turns pest's pairs into the spanned [`Ast`] and reports the mistakes the
//! grammar recovers from (unterminated strings, bad escapes, unquoted labels,
//! unknown attributes) all at once; `error` turns a hard pest failure into a
//! [`Diag`] that names grammar rules in human words.

pub mod ast;
mod error;
mod lower;

pub use ast::*;

use crate::diag::Diags;
use crate::source::SourceFile;
use pest::Parser as _;

/// The pest parser generated from the grammar file.
mod grammar {
    #![allow(missing_docs)] // generated code
    #[derive(pest_derive::Parser)]
    #[grammar = "grammar/crmflow.pest"]
    pub struct CrmflowParser;
}
pub(crate) use grammar::{CrmflowParser, Rule};

/// Parses a file into its syntax tree.
///
/// Returns every syntax diagnostic found: a hard grammar failure gives one;
/// recoverable mistakes give one each. Never panics, whatever the input.
pub fn parse(source: &SourceFile) -> Result<Ast, Diags> {
    match CrmflowParser::parse(Rule::file, source.text()) {
        Ok(mut pairs) => {
            let file = pairs.next().expect("the file rule always yields one pair");
            lower::lower_file(source, file)
        }
        Err(err) => Err(vec![error::syntax_error(source, &err)]),
    }
}

#[cfg(test)]
mod tests;
