//! "Did you mean `sales`?": the closest candidate to a misspelled name.
//!
//! Uses normalised Damerau–Levenshtein similarity from `strsim`, so it works
//! on characters (Chinese ids included), and only suggests a name that is
//! plausibly the one meant.

use crate::i18n::{Arg, Message, t};

/// The candidate closest to `name`, if any is close enough to suggest.
///
/// Ties go to the candidate listed first (declaration order).
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lowered = name.to_lowercase();
    let mut best: Option<(&str, f64)> = None;
    for candidate in candidates {
        if candidate == name {
            continue;
        }
        let score = strsim::normalized_damerau_levenshtein(&lowered, &candidate.to_lowercase());
        let prefix_bonus = if candidate.starts_with(name) || name.starts_with(candidate) {
            0.15
        } else {
            0.0
        };
        let score = score + prefix_bonus;
        if best.is_none_or(|(_, best_score)| score > best_score) {
            best = Some((candidate, score));
        }
    }
    // One edit in a short word (e.g. `sals` → `sales`) scores ≥ 0.6.
    best.filter(|&(_, score)| score >= 0.5)
        .map(|(candidate, _)| candidate)
}

/// "did you mean `x`?" for the closest candidate, if any.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<Message> {
    closest(name, candidates).map(|found| t("did-you-mean").arg("found", found))
}

/// `a, b and c` (`a、b 和 c`): a list of words in a sentence.
pub fn joined_with_and(words: &[String]) -> Arg {
    Arg::And(crate::i18n::texts(words))
}

/// `` `a`, `b` or `c` ``: the words a value may be, for a help text.
pub fn one_of(words: &[&str]) -> Arg {
    Arg::Or(crate::i18n::texts(
        words.iter().map(|word| format!("`{word}`")),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names() {
        assert_eq!(closest("sals", ["cs", "sales", "tech"]), Some("sales"));
        assert_eq!(closest("Sales", ["cs", "sales"]), Some("sales"));
        assert_eq!(closest("客户信", ["客户信息", "销售"]), Some("客户信息"));
        assert_eq!(closest("bleu", ["blue", "green", "yellow"]), Some("blue"));
    }

    #[test]
    fn stays_quiet_when_nothing_is_close() {
        assert_eq!(closest("warehouse", ["cs", "sales"]), None);
        assert_eq!(closest("x", Vec::<&str>::new()), None);
    }
}
