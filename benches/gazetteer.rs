//! Single-threaded `Gazetteer::find` throughput over real Arabic news, without Python.
//!
//! Run with `cargo bench --bench gazetteer`. The corpus is found as for the normalize bench
//! (`BARQ_BENCH_DATA`, `BARQ_BENCH_MB`, default 3 MB); the terms are a TSV file of
//! `term<TAB>label<TAB>id` rows named by `BARQ_BENCH_TERMS` (`benchmarks/bench_gazetteer.py`
//! writes such files to its cache), of which the first `BARQ_BENCH_N` are used (comma-separated
//! sizes, default `1000,100000`). The variant gate uses the shipped lexicon
//! (`python/barq/data/lexicon.bin.gz`), as `barq.Gazetteer` does by default; `BARQ_BENCH_GATE=0`
//! turns it off. Without a corpus or a term file it prints why and exits 0.
//! Peers are measured side by side in `benchmarks/bench_gazetteer.py`; this bench is for
//! profiling the core (`perf record` on its binary).

mod common;

use _barq::gazetteer::{Config, Entry, Gazetteer};
use _barq::Lexicon;
use common::{best_of, corpus_path, documents, read_bytes, read_corpus, ROUNDS};
use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;

fn main() {
    let (Some(path), Some(terms)) = (corpus_path(), std::env::var_os("BARQ_BENCH_TERMS")) else {
        println!("gazetteer bench skipped: set BARQ_BENCH_TERMS (and have a corpus)");
        return;
    };
    let raw = match read_corpus(&path) {
        Ok(raw) => raw,
        Err(message) => {
            println!("gazetteer bench skipped: {message}");
            return;
        }
    };
    let terms = match std::fs::read_to_string(&terms) {
        Ok(t) => t,
        Err(e) => {
            println!("gazetteer bench skipped: {e}");
            return;
        }
    };
    let mb = std::env::var("BARQ_BENCH_MB")
        .ok()
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(3.0);
    let name = path.to_string_lossy();
    let docs = documents(&raw, name.contains(".jsonl"), mb);
    let bytes: usize = docs.iter().map(String::len).sum();
    let sizes: Vec<usize> = std::env::var("BARQ_BENCH_N")
        .unwrap_or_else(|_| "1000,100000".into())
        .split(',')
        .filter_map(|n| n.parse().ok())
        .collect();
    println!(
        "{} documents, {:.1} MB, one thread, best of {ROUNDS}",
        docs.len(),
        bytes as f64 / 1e6
    );
    let lexicon = if std::env::var("BARQ_BENCH_GATE").as_deref() == Ok("0") {
        None
    } else {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("python/barq/data/lexicon.bin.gz");
        match read_bytes(&path) {
            Ok(bytes) => Lexicon::from_bytes(&bytes).ok().map(Arc::new),
            Err(_) => None,
        }
    };
    println!(
        "variant gate: {}",
        if lexicon.is_some() { "on" } else { "off" }
    );
    for n in sizes {
        let mut g = Gazetteer::new(None, Config::default());
        g.set_lexicon(lexicon.clone());
        for line in terms.lines().take(n) {
            let mut cols = line.split('\t');
            let mut e = Entry::new(cols.next().unwrap_or_default());
            e.label = cols.next().map(str::to_string);
            if let Some(id) = cols.next() {
                e.id = id.to_string();
            }
            let _ = g.add(e);
        }
        let mut out = Vec::new();
        let mut found = 0;
        let (wall, cpu) = best_of(|| {
            found = 0;
            for doc in &docs {
                out.clear();
                g.find_into(black_box(doc), &mut out);
                found += out.len();
            }
        });
        let mbps = |t: std::time::Duration| bytes as f64 / 1e6 / t.as_secs_f64();
        println!(
            "{n:>8} terms: {:>6.1} MB/s (CPU {:>6.1}), {found} matches",
            mbps(wall),
            cpu.map_or(0.0, mbps)
        );
    }
}
