//! Reports as the command line prints them: the library's [`crmflow::report`]
//! plus the one choice that depends on the terminal (color or not).

pub use crmflow::report::*;

use super::args::ColorChoice;
use std::io::IsTerminal;

/// Whether reports use color and unicode graphics.
pub fn fancy(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}
