//! Running batch work on a rayon pool of a chosen size, in input order.
//!
//! The size comes from the call (`threads`), else from `BARQ_NUM_THREADS`, else from the number
//! of cores. One thread runs inline on the caller's thread. Pools are kept per size and made anew
//! in a forked child, whose copy of the parent's worker threads does not exist.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;

use crate::error::{Error, Result};

/// The environment variable that caps the number of threads of batch calls.
pub const THREADS_ENV: &str = "BARQ_NUM_THREADS";

/// How many threads a batch call with `threads` uses.
///
/// # Errors
/// `threads == Some(0)`, or a `BARQ_NUM_THREADS` that is not a positive integer.
pub fn resolve_threads(threads: Option<usize>) -> Result<usize> {
    match threads {
        Some(0) => Err(Error::value(
            "threads must be a positive integer or None, not 0",
        )),
        Some(n) => Ok(n),
        None => match std::env::var(THREADS_ENV) {
            Ok(value) if !value.trim().is_empty() => match value.trim().parse::<usize>() {
                Ok(n) if n > 0 => Ok(n),
                _ => Err(Error::value(format!(
                    "{THREADS_ENV} must be a positive integer, not {value:?}"
                ))),
            },
            _ => Ok(std::thread::available_parallelism().map_or(1, |n| n.get())),
        },
    }
}

fn pool(threads: usize) -> Result<Arc<rayon::ThreadPool>> {
    type Pools = HashMap<(u32, usize), Arc<rayon::ThreadPool>>;
    static POOLS: OnceLock<Mutex<Pools>> = OnceLock::new();
    let pools = POOLS.get_or_init(|| Mutex::new(HashMap::new()));
    let mut pools = pools
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let key = (std::process::id(), threads);
    if let Some(pool) = pools.get(&key) {
        return Ok(pool.clone());
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("barq-{i}"))
        .build()
        .map_err(|e| Error::value(format!("cannot start {threads} worker threads: {e}")))?;
    let pool = Arc::new(pool);
    pools.insert(key, pool.clone());
    Ok(pool)
}

/// Apply `f` to every item, on `threads` threads (see [`resolve_threads`]), keeping the order.
///
/// # Errors
/// A bad thread count, or a pool that cannot be started.
pub fn map<T, R, F>(items: &[T], threads: Option<usize>, f: F) -> Result<Vec<R>>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync + Send,
{
    run(items, threads, f, false)
}

/// Apply `f` to every item like [`map`], one item per task: for a few large items (pieces of
/// a batch), where [`map`]'s grouping of small items would leave threads idle.
///
/// # Errors
/// A bad thread count, or a pool that cannot be started.
pub fn map_each<T, R, F>(items: &[T], threads: Option<usize>, f: F) -> Result<Vec<R>>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync + Send,
{
    run(items, threads, f, true)
}

/// [`map`] (small items grouped into tasks) or [`map_each`] (one item per task).
fn run<T, R, F>(items: &[T], threads: Option<usize>, f: F, one_per_task: bool) -> Result<Vec<R>>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync + Send,
{
    let threads = resolve_threads(threads)?;
    if threads == 1 || items.len() < 2 {
        return Ok(items.iter().map(f).collect());
    }
    let pool = pool(threads)?;
    Ok(pool.install(|| {
        if one_per_task {
            items.par_iter().with_max_len(1).map(&f).collect()
        } else {
            items.par_iter().with_min_len(4).map(&f).collect()
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_keeps_order_on_any_thread_count() {
        let items: Vec<usize> = (0..1000).collect();
        for threads in [1, 2, 3] {
            let doubled = map(&items, Some(threads), |x| x * 2).unwrap();
            assert_eq!(doubled, items.iter().map(|x| x * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn zero_threads_is_an_error() {
        assert!(map(&[1], Some(0), |x| *x).is_err());
    }
}
