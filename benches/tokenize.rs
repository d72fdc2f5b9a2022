//! Single-threaded throughput of the Rust tokenizer over real Arabic news text, without and
//! with clitic segmentation.
//!
//! Run with `cargo bench --bench tokenize`. The corpus and `BARQ_BENCH_MB` are as in the
//! normalize benchmark (see `benches/normalize.rs`); the segmenter decides with the shipped
//! lexicon, `python/barq/data/lexicon.bin.gz`. Without a corpus the benchmark prints why and
//! exits 0. Throughput is megabytes of UTF-8 input per second, the best of several rounds,
//! against the thread's on-CPU time and against the wall clock.

mod common;

use common::{best_of, corpus_documents, read_bytes, report, ROUNDS};
use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use _barq::tokenize::{Clitics, Segmenter};
use _barq::{Lexicon, Mode, Tokenizer};

const DEFAULT_MB: f64 = 20.0;

fn main() {
    let Some((path, docs)) = corpus_documents("tokenize", DEFAULT_MB) else {
        return;
    };
    let lexicon_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("python/barq/data/lexicon.bin.gz");
    let lexicon = read_bytes(&lexicon_path).and_then(|b| {
        Lexicon::from_bytes(&b).map_err(|e| format!("{}: {e}", lexicon_path.display()))
    });
    let lexicon = match lexicon {
        Ok(l) => Arc::new(l),
        Err(message) => {
            println!("tokenize bench skipped: {message}");
            return;
        }
    };
    let bytes: usize = docs.iter().map(String::len).sum();
    println!(
        "corpus: {} ({} documents, {:.1} MB UTF-8), one thread, best of {ROUNDS}",
        path.display(),
        docs.len(),
        bytes as f64 / 1e6,
    );
    for scheme in Clitics::ALL {
        let started = Instant::now();
        black_box(Segmenter::new(scheme, lexicon.clone()));
        println!(
            "building the {} segmenter: {:.0} ms",
            scheme.as_str(),
            started.elapsed().as_secs_f64() * 1e3
        );
    }
    println!();
    println!(
        "| {:<40} | MB/s, CPU | MB/s,wall |  wall ms |",
        "single thread"
    );
    println!("|{:-<42}|----------:|----------:|---------:|", "");
    let plain = Tokenizer::new(Mode::Default, None);
    let mut tokens = Vec::new();
    let time = best_of(|| {
        for doc in &docs {
            tokens.clear();
            plain.tokenize_into(black_box(doc), &mut tokens);
            black_box(&tokens);
        }
    });
    report("tokenize, clitics=None", bytes, time);
    for scheme in Clitics::ALL {
        let t = plain
            .clone()
            .with_segmenter(Some(Segmenter::new(scheme, lexicon.clone())));
        let time = best_of(|| {
            for doc in &docs {
                tokens.clear();
                t.tokenize_into(black_box(doc), &mut tokens);
                black_box(&tokens);
            }
        });
        report(
            &format!("tokenize, clitics={:?}", scheme.as_str()),
            bytes,
            time,
        );
    }
}
