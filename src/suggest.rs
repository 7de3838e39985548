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
    let length = lowered.chars().count();
    let mut best: Option<(&str, f64)> = None;
    for candidate in candidates {
        if candidate == name {
            continue;
        }
        let prefix_bonus = if candidate.starts_with(name) || name.starts_with(candidate) {
            0.15
        } else {
            0.0
        };
        // The distance is at least the difference in length: a candidate
        // that cannot beat the best so far (or the bar) is not scored —
        // a config naming thousands of unknown rules stays fast.
        let other = candidate.to_lowercase();
        let other_length = other.chars().count();
        let longer = length.max(other_length).max(1) as f64;
        let fewest_edits = length
            .abs_diff(other_length)
            .max(letters_apart(&lowered, &other));
        let at_most = 1.0 - fewest_edits as f64 / longer + prefix_bonus;
        if at_most < 0.5 || best.is_some_and(|(_, best_score)| at_most <= best_score) {
            continue;
        }
        let score = strsim::normalized_damerau_levenshtein(&lowered, &other) + prefix_bonus;
        if best.is_none_or(|(_, best_score)| score > best_score) {
            best = Some((candidate, score));
        }
    }
    // One edit in a short word (e.g. `sals` → `sales`) scores ≥ 0.6.
    best.filter(|&(_, score)| score >= 0.5)
        .map(|(candidate, _)| candidate)
}

/// A lower bound on the edits between two texts: every edit (insert,
/// delete, substitute, swap) removes at most one letter of one text that
/// the other lacks, so it is at least the larger count of such letters.
/// Counted for ASCII only (0 otherwise: no bound).
fn letters_apart(a: &str, b: &str) -> usize {
    if !a.is_ascii() || !b.is_ascii() {
        return 0;
    }
    let mut count = [0i32; 128];
    for byte in a.bytes() {
        count[usize::from(byte)] += 1;
    }
    for byte in b.bytes() {
        count[usize::from(byte)] -= 1;
    }
    let only_a: i32 = count.iter().filter(|&&n| n > 0).sum();
    let only_b: i32 = -count.iter().filter(|&&n| n < 0).sum::<i32>();
    only_a.max(only_b) as usize
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
    fn the_letters_apart_never_exceed_the_edits() {
        for (a, b) in [
            ("sals", "sales"),
            ("bleu", "blue"),
            ("rule123", "dead-end"),
            ("abc", "cab"),
            ("", "x"),
            ("missing-role", "missing-roles"),
        ] {
            let edits = strsim::damerau_levenshtein(a, b);
            assert!(letters_apart(a, b) <= edits, "{a} {b}");
        }
        assert_eq!(letters_apart("rule123", "dead-end"), 7);
        assert_eq!(letters_apart("客户", "销售"), 0);
    }

    #[test]
    fn stays_quiet_when_nothing_is_close() {
        assert_eq!(closest("warehouse", ["cs", "sales"]), None);
        assert_eq!(closest("x", Vec::<&str>::new()), None);
    }
}
