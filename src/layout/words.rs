//! Chinese word boundaries for label wrapping: takes a run of wide
//! characters, gives the words it is made of (邮件, 满意度 stay whole).
//!
//! The algorithm is jieba's (as jieba-rs implements it): every dictionary
//! word starting at each character forms a graph, the most probable path
//! through it (word frequencies as log-probabilities) is the segmentation,
//! and a stretch of single characters that is not a word is handed to
//! jieba-rs's hidden Markov model, which finds words the list lacks.
//!
//! What differs is where the dictionary lives. jieba-rs builds a trie from
//! a text word list at run time — 80,000 inserts, about half the CPU time
//! of rendering a small flow. Here the build script compiles the list into
//! an [`fst`] map (`src/layout/data/build_words.rs`), and the map is read
//! in place from the binary: nothing is built when a process starts, and
//! a flow without Chinese touches none of it. The boundaries are the same
//! as jieba-rs's with the same list (a test compares them on the corpus).

use fst::raw::{Fst, Output};

include!(concat!(env!("OUT_DIR"), "/cjk_words.rs"));

/// The compiled word list. `Fst::new` only reads its header.
fn dictionary() -> &'static Fst<&'static [u8]> {
    static DICTIONARY: std::sync::OnceLock<Fst<&'static [u8]>> = std::sync::OnceLock::new();
    DICTIONARY.get_or_init(|| Fst::new(WORDS_FST).expect("the build script wrote a valid map"))
}

/// The hidden Markov model's segmenter: jieba-rs with an empty dictionary
/// cuts a stretch of unknown characters with the model alone.
fn unknown_words_model() -> &'static jieba_rs::Jieba {
    static MODEL: std::sync::OnceLock<jieba_rs::Jieba> = std::sync::OnceLock::new();
    MODEL.get_or_init(jieba_rs::Jieba::empty)
}

/// Characters jieba treats as Chinese text (its `RE_HAN_DEFAULT` less the
/// ASCII it also admits, which a wide run never holds); anything else in
/// a run is a word of its own.
fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2A6DF
        | 0x2A700..=0x2EBEF | 0x2F800..=0x2FA1F)
}

/// The words of `text`, in order; their concatenation is `text`.
pub fn cut(text: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut block_start = None;
    for (at, c) in text.char_indices() {
        match (is_han(c), block_start) {
            (true, None) => block_start = Some(at),
            (false, from) => {
                if let Some(from) = from {
                    cut_block(&text[from..at], &mut words);
                    block_start = None;
                }
                words.push(&text[at..at + c.len_utf8()]);
            }
            (true, Some(_)) => {}
        }
    }
    if let Some(from) = block_start {
        cut_block(&text[from..], &mut words);
    }
    words
}

/// The frequency of `word` if the list has it.
fn frequency(word: &str) -> Option<u64> {
    dictionary().get(word).map(|output| output.value())
}

/// Every listed word starting at byte `start` of `block`, shortest
/// first: where it ends and its frequency.
fn words_at(block: &str, start: usize, found: &mut Vec<(usize, u64)>) {
    found.clear();
    let fst = dictionary();
    let mut node = fst.root();
    let mut output = Output::zero();
    for (offset, byte) in block.as_bytes()[start..].iter().enumerate() {
        let Some(index) = node.find_input(*byte) else {
            return;
        };
        let transition = node.transition(index);
        output = output.cat(transition.out);
        node = fst.node(transition.addr);
        if node.is_final() {
            found.push((start + offset + 1, output.cat(node.final_output()).value()));
        }
    }
}

/// Cuts a block of Chinese characters: the most probable path through the
/// graph of listed words, then the model for unknown stretches.
fn cut_block<'a>(block: &'a str, words: &mut Vec<&'a str>) {
    let log_total = (FREQUENCY_TOTAL as f64).ln();
    // best[i]: the log-probability of the best path from byte i to the end,
    // and where its first word ends.
    let mut best = vec![(0.0_f64, 0_usize); block.len() + 1];
    let mut found = Vec::new();
    let mut next_start = block.len();
    for (start, _) in block.char_indices().rev() {
        words_at(block, start, &mut found);
        let mut choice: Option<(f64, usize)> = None;
        for &(end, freq) in &found {
            let score = (freq as f64).ln() - log_total + best[end].0;
            // Ties go to the longer word, as jieba's `max_by` keeps the last.
            if choice.is_none_or(|(kept, _)| score >= kept) {
                choice = Some((score, end));
            }
        }
        best[start] = choice.unwrap_or((-log_total + best[next_start].0, next_start));
        next_start = start;
    }

    let mut at = 0;
    let mut singles: Option<usize> = None;
    while at < block.len() {
        let end = best[at].1;
        if block[at..end].chars().count() == 1 {
            singles.get_or_insert(at);
        } else {
            if let Some(from) = singles.take() {
                cut_singles(&block[from..at], words);
            }
            words.push(&block[at..end]);
        }
        at = end;
    }
    if let Some(from) = singles {
        cut_singles(&block[from..], words);
    }
}

/// A stretch of characters the path took one at a time: one character is
/// a word; a listed word is cut into its characters (the path preferred
/// them); anything else goes to the model.
fn cut_singles<'a>(stretch: &'a str, words: &mut Vec<&'a str>) {
    if stretch.chars().nth(1).is_none() {
        words.push(stretch);
    } else if frequency(stretch).is_none() {
        words.extend(unknown_words_model().cut(stretch, true));
    } else {
        words.extend(
            stretch
                .char_indices()
                .map(|(at, c)| &stretch[at..at + c.len_utf8()]),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_stay_whole() {
        assert_eq!(cut("发送欢迎邮件"), ["发送", "欢迎", "邮件"]);
        assert_eq!(cut("客户满意度调查"), ["客户", "满意度", "调查"]);
        assert_eq!(
            cut("确认购买意向？是否继续"),
            ["确认", "购买", "意向", "？", "是否", "继续"]
        );
        assert_eq!(cut(""), Vec::<&str>::new());
    }

    /// jieba-rs built from the same list at run time (the old way).
    fn runtime_jieba() -> jieba_rs::Jieba {
        use std::io::Read;
        let compressed: &[u8] = include_bytes!("data/cjk-words.txt.gz");
        let mut words = Vec::new();
        flate2::read::GzDecoder::new(compressed)
            .read_to_end(&mut words)
            .unwrap();
        jieba_rs::Jieba::with_dict(&mut std::io::BufReader::new(&words[..])).unwrap()
    }

    /// Every wide run of every label in the examples, templates and test
    /// flows, cut both ways.
    #[test]
    fn same_words_as_jieba_on_the_corpus() {
        let jieba = runtime_jieba();
        let mut runs = std::collections::BTreeSet::new();
        for folder in [
            "examples",
            "templates",
            "tests/golden",
            "tests/fixtures",
            "benches/flows",
        ] {
            let Ok(entries) = std::fs::read_dir(folder) else {
                continue;
            };
            for entry in entries.flatten() {
                let Ok(text) = std::fs::read_to_string(entry.path()) else {
                    continue;
                };
                let mut run = String::new();
                for c in text.chars().chain(['\n']) {
                    if crate::layout::measure::is_wide(c) {
                        run.push(c);
                    } else if !run.is_empty() {
                        runs.insert(std::mem::take(&mut run));
                    }
                }
            }
        }
        // Stretches the list lacks, punctuation, rare characters, repeats.
        for extra in [
            "客户经理审批后录入系统并通知财务部门开票",
            "售后工单闭环率与回访满意度",
            "龘靐齉爩",
            "，。？！：；、（）「」《》",
            "哈哈哈哈哈哈",
            "签约周期≤四十五天",
            "\u{3000}客户\u{3000}",
        ] {
            runs.insert(extra.to_owned());
        }
        assert!(runs.len() > 200, "the corpus has {} runs", runs.len());
        for run in &runs {
            assert_eq!(cut(run), jieba.cut(run, true), "{run}");
        }
    }
}
