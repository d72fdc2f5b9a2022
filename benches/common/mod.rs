//! What the benchmarks share: the news corpus and the timing of rounds.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Rounds of each measurement; the best one counts.
pub const ROUNDS: usize = 15;

pub fn corpus_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("BARQ_BENCH_DATA") {
        return Some(PathBuf::from(path));
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = manifest.join("../shared/data/news/news_ant_v2_multisource.jsonl.gz");
    path.exists().then_some(path)
}

pub fn read_corpus(path: &Path) -> Result<String, String> {
    String::from_utf8(read_bytes(path)?).map_err(|e| format!("{}: not UTF-8: {e}", path.display()))
}

/// The bytes of a file, decompressed with `gzip -dc` when its name ends in `.gz`.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    let is_gzip = path.extension().is_some_and(|e| e == "gz");
    if !is_gzip {
        return std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()));
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
    Ok(output.stdout)
}

/// The documents of the corpus, in order, until they hold at least `mb` megabytes.
pub fn documents(raw: &str, jsonl: bool, mb: f64) -> Vec<String> {
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
pub fn thread_cpu_time() -> Option<Duration> {
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
pub fn thread_cpu_time() -> Option<Duration> {
    None
}

/// The best wall-clock time and the best on-CPU time of `ROUNDS` rounds of `round`.
///
/// On a shared machine the wall clock also counts the time other processes held the CPU; the
/// on-CPU time does not, so it is the steadier measure of the code itself.
pub fn best_of(mut round: impl FnMut()) -> (Duration, Option<Duration>) {
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

/// The corpus (see [`corpus_path`]) as documents of `BARQ_BENCH_MB` megabytes (default
/// `default_mb`), with its path; `None` after printing why when there is none.
#[allow(dead_code)] // not every benchmark reads the corpus this way
pub fn corpus_documents(bench: &str, default_mb: f64) -> Option<(PathBuf, Vec<String>)> {
    let Some(path) = corpus_path() else {
        println!(
            "{bench} bench skipped: no corpus at ../shared/data/news/ and BARQ_BENCH_DATA unset"
        );
        return None;
    };
    let raw = match read_corpus(&path) {
        Ok(raw) => raw,
        Err(message) => {
            println!("{bench} bench skipped: {message}");
            return None;
        }
    };
    let mb = std::env::var("BARQ_BENCH_MB")
        .ok()
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(default_mb);
    let name = path.to_string_lossy();
    let jsonl = name.ends_with(".jsonl") || name.ends_with(".jsonl.gz");
    let docs = documents(&raw, jsonl, mb);
    Some((path, docs))
}

/// One row of a throughput table: MB/s against on-CPU time and the wall clock, and wall ms.
#[allow(dead_code)] // not every benchmark prints this table
pub fn report(name: &str, bytes: usize, (wall, cpu): (Duration, Option<Duration>)) {
    let mbps = |t: Duration| bytes as f64 / 1e6 / t.as_secs_f64();
    let cpu = cpu.map_or("        -".to_string(), |t| format!("{:>9.1}", mbps(t)));
    println!(
        "| {name:<40} | {cpu} | {:>9.1} | {:>8.1} |",
        mbps(wall),
        wall.as_secs_f64() * 1e3
    );
}
