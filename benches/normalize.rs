//! Single-threaded throughput of the Rust normalizer over real Arabic news text.
//!
//! Run with `cargo bench --bench normalize`. The corpus is `../shared/data/news/
//! news_ant_v2_multisource.jsonl.gz` next to the repository (decompressed with `gzip -dc`), or any
//! file named by `BARQ_BENCH_DATA`: a `.jsonl` / `.jsonl.gz` file of objects with a `"text"`
//! field, or plain UTF-8 text (one document per line). `BARQ_BENCH_MB` sets how many megabytes
//! of documents to use (default 20). Without a corpus the benchmark prints why and exits 0.
//!
//! Throughput is megabytes (10^6 bytes) of UTF-8 input per second, the best of several rounds;
//! every round normalizes every document once on one thread. It is shown against the thread's
//! on-CPU time (Linux's `CLOCK_THREAD_CPUTIME_ID`) and against the wall clock: on a busy shared
//! machine the first is the steadier measure of the code, the second of what a user sees.

mod common;

use common::{best_of, corpus_documents, report};
use std::hint::black_box;

use _barq::Normalizer;

const DEFAULT_MB: f64 = 20.0;
use common::ROUNDS;

fn bench_preset(preset: &str, docs: &[String], bytes: usize) {
    let normalizer = Normalizer::preset(preset).expect("a known preset");
    let time = best_of(|| {
        for doc in docs {
            black_box(normalizer.normalize(black_box(doc)));
        }
    });
    report(
        &format!("{preset:?} normalize (new String per doc)"),
        bytes,
        time,
    );

    let mut out = String::new();
    let time = best_of(|| {
        for doc in docs {
            out.clear();
            normalizer.normalize_into(black_box(doc), &mut out);
            black_box(&out);
        }
    });
    report(
        &format!("{preset:?} normalize_into (reused String)"),
        bytes,
        time,
    );
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument is accepted and ignored.
    let Some((path, docs)) = corpus_documents("normalize", DEFAULT_MB) else {
        return;
    };
    let bytes: usize = docs.iter().map(String::len).sum();
    let chars: usize = docs.iter().map(|d| d.chars().count()).sum();
    println!(
        "corpus: {} ({} documents, {:.1} MB UTF-8, {:.2} bytes/char), one thread, best of {ROUNDS}",
        path.display(),
        docs.len(),
        bytes as f64 / 1e6,
        bytes as f64 / chars as f64
    );
    println!();
    println!(
        "| {:<40} | MB/s, CPU | MB/s,wall |  wall ms |",
        "single thread"
    );
    println!("|{:-<42}|----------:|----------:|---------:|", "");

    let time = best_of(|| {
        for doc in &docs {
            black_box(black_box(doc.as_str()).to_string());
        }
    });
    report("memcpy baseline (String::from per doc)", bytes, time);

    for preset in ["search", "light", "default"] {
        bench_preset(preset, &docs, bytes);
    }

    let search = Normalizer::preset("search").expect("a known preset");
    let time = best_of(|| {
        for doc in &docs {
            black_box(search.align(black_box(doc)));
        }
    });
    report("\"search\" align (text + alignment)", bytes, time);
}
