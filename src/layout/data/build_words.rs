//! Build script: compiles the Chinese word list (`cjk-words.txt.gz`, one
//! `word frequency` per line) into an `fst` map from word to frequency,
//! written to `$OUT_DIR/cjk-words.fst` with its frequency total in
//! `$OUT_DIR/cjk_words.rs`. The map is used in place from the binary's
//! read-only data: no word list is inflated or parsed when crmflow starts.

use std::io::Read;
use std::path::PathBuf;

fn main() {
    let source = "src/layout/data/cjk-words.txt.gz";
    println!("cargo::rerun-if-changed={source}");
    println!("cargo::rerun-if-changed=src/layout/data/build_words.rs");

    let compressed = std::fs::read(source).expect("the word list is part of the source tree");
    let mut text = String::new();
    flate2::read::GzDecoder::new(&compressed[..])
        .read_to_string(&mut text)
        .expect("the word list is gzipped UTF-8");

    // A word listed twice keeps its last frequency, as jieba's loader does.
    let mut words = std::collections::BTreeMap::new();
    for (number, line) in text.lines().enumerate() {
        let mut fields = line.split_whitespace();
        let Some(word) = fields.next() else { continue };
        let frequency: u64 = match fields.next() {
            Some(field) => field
                .parse()
                .unwrap_or_else(|_| panic!("{source}:{}: `{field}` is not a count", number + 1)),
            None => 0,
        };
        words.insert(word.as_bytes().to_vec(), frequency);
    }
    let total: u64 = words.values().sum();
    let map = fst::Map::from_iter(words).expect("words are sorted and unique");

    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("cjk-words.fst"), map.as_fst().as_bytes())
        .expect("OUT_DIR is writable");
    std::fs::write(
        out.join("cjk_words.rs"),
        format!(
            "/// The sum of every word's frequency in the list.\n\
             const FREQUENCY_TOTAL: u64 = {total};\n\
             /// The word list as an fst map from word to frequency.\n\
             static WORDS_FST: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/cjk-words.fst\"));\n"
        ),
    )
    .expect("OUT_DIR is writable");
}
