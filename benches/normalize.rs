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

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use _barq::Normalizer;

const DEFAULT_MB: f64 = 20.0;
const ROUNDS: usize = 15;

fn corpus_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("BARQ_BENCH_DATA") {
        return Some(PathBuf::from(path));
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = manifest.join("../shared/data/news/news_ant_v2_multisource.jsonl.gz");
    path.exists().then_some(path)
}

fn read_corpus(path: &Path) -> Result<String, String> {
    let is_gzip = path.extension().is_some_and(|e| e == "gz");
    if !is_gzip {
        return std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()));
    }
    let output = Command::new("gzip")
        .arg("-dc")
        .arg(path)
        .output()
        .map_err(|e| format!("cannot run gzip -dc {}: {e}", path.display()))?;
    if !output.status.success() {
        return Err(format!(
            "gzip -dc {} failed: {}",
            path.display(),
            output.status
        ));
    }
    String::from_utf8(output.stdout).map_err(|e| format!("{}: not UTF-8: {e}", path.display()))
}

/// The documents of the corpus, in order, until they hold at least `mb` megabytes.
fn documents(raw: &str, jsonl: bool, mb: f64) -> Vec<String> {
    let limit = (mb * 1e6) as usize;
    let mut docs = Vec::new();
    let mut total = 0;
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        let doc = if jsonl {
            match serde_json::from_str::<serde_json::Value>(line) {
                Ok(v) => v["text"].as_str().unwrap_or_default().to_string(),
                Err(_) => continue,
            }
        } else {
            line.to_string()
        };
        total += doc.len();
        docs.push(doc);
        if total >= limit {
            break;
        }
    }
    docs
}

/// The time this thread has run on a CPU (`CLOCK_THREAD_CPUTIME_ID`), on Linux.
#[cfg(target_os = "linux")]
fn thread_cpu_time() -> Option<Duration> {
    #[repr(C)]
    struct Timespec {
        tv_sec: i64,
        tv_nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, time: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut time = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `clock_gettime` from the C library std links on Linux, with a valid clock id and
    // a pointer to a live `struct timespec` (two 64-bit fields on 64-bit Linux), which it only
    // writes.
    let status = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut time) };
    (status == 0 && cfg!(target_pointer_width = "64"))
        .then(|| Duration::new(time.tv_sec as u64, time.tv_nsec as u32))
}

#[cfg(not(target_os = "linux"))]
fn thread_cpu_time() -> Option<Duration> {
    None
}

/// The best wall-clock time and the best on-CPU time of `ROUNDS` rounds of `round`.
///
/// On a shared machine the wall clock also counts the time other processes held the CPU; the
/// on-CPU time does not, so it is the steadier measure of the code itself.
fn best_of(mut round: impl FnMut()) -> (Duration, Option<Duration>) {
    round(); // warm up: tables compiled, caches and allocator primed
    let mut best_wall = Duration::MAX;
    let mut best_cpu: Option<Duration> = None;
    for _ in 0..ROUNDS {
        let cpu_start = thread_cpu_time();
        let start = Instant::now();
        round();
        best_wall = best_wall.min(start.elapsed());
        if let (Some(before), Some(after)) = (cpu_start, thread_cpu_time()) {
            let cpu = after.saturating_sub(before);
            best_cpu = Some(best_cpu.map_or(cpu, |best| best.min(cpu)));
        }
    }
    (best_wall, best_cpu)
}

fn report(name: &str, bytes: usize, (wall, cpu): (Duration, Option<Duration>)) {
    let mbps = |t: Duration| bytes as f64 / 1e6 / t.as_secs_f64();
    let cpu = cpu.map_or("        -".to_string(), |t| format!("{:>9.1}", mbps(t)));
    println!(
        "| {name:<40} | {cpu} | {:>9.1} | {:>8.1} |",
        mbps(wall),
        wall.as_secs_f64() * 1e3
    );
}

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
    let Some(path) = corpus_path() else {
        println!(
            "normalize bench skipped: no corpus at ../shared/data/news/ and BARQ_BENCH_DATA unset"
        );
        return;
    };
    let raw = match read_corpus(&path) {
        Ok(raw) => raw,
        Err(message) => {
            println!("normalize bench skipped: {message}");
            return;
        }
    };
    let mb = std::env::var("BARQ_BENCH_MB")
        .ok()
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(DEFAULT_MB);
    let name = path.to_string_lossy();
    let jsonl = name.ends_with(".jsonl") || name.ends_with(".jsonl.gz");
    let docs = documents(&raw, jsonl, mb);
    drop(raw);
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
