//! A lexical scan of `.crmflow` text that needs no parse: which characters
//! are code, as opposed to inside a quoted string or a `#` comment. Used
//! where the text may not parse at all (error hints, recovery) or only a
//! slice of it is at hand (the formatter).

/// The characters of `text` outside strings and comments, with their byte
/// offsets. A string runs from `"` to the next unescaped `"` on the same
/// line; a comment from `#` outside a string to the end of the line (LF,
/// CR or CRLF). The quotes, the `#` and line breaks are not yielded.
pub(crate) fn code_chars(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut in_string = false;
    let mut escaped = false;
    let mut in_comment = false;
    text.char_indices().filter(move |&(_, c)| {
        match c {
            '\n' | '\r' => {
                (in_string, escaped, in_comment) = (false, false, false);
                return false;
            }
            _ if in_comment => return false,
            _ if in_string && escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => {
                in_string = !in_string;
                return false;
            }
            '#' if !in_string => {
                in_comment = true;
                return false;
            }
            _ => {}
        }
        !in_string
    })
}

/// Where `line`'s `#` comment starts, if it has one (a `#` in a label is
/// text).
pub(crate) fn comment_start(line: &str) -> Option<usize> {
    let mut in_string = false;
    let mut escaped = false;
    for (index, c) in line.char_indices() {
        match c {
            _ if in_string && escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '#' if !in_string => return Some(index),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_and_comments_are_not_code() {
        let text = "step a \"x { \\\" }\" { # a { comment\r} \"#\" }";
        let code: String = code_chars(text).map(|(_, c)| c).collect();
        assert_eq!(code, "step a  { }  }");
        let braces: Vec<usize> = code_chars(text)
            .filter(|&(_, c)| c == '{' || c == '}')
            .map(|(at, _)| at)
            .collect();
        assert_eq!(braces, [18, 34, 40]);
        assert_eq!(comment_start("a -> b \"#1\" # then"), Some(12));
        assert_eq!(comment_start("a -> b \"#1\""), None);
    }
}
