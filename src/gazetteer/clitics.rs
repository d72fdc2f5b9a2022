//! The Arabic proclitics a match may start after.

/// The proclitics a match may start after, longest first: the conjunctions و ف, the
/// prepositions ب ل ك, and a conjunction followed by a preposition. The article ال belongs to
/// the term and is never stripped.
pub(crate) const PROCLITICS: [&str; 11] =
    ["وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك"];

/// Whether `c` can begin a proclitic.
#[inline]
pub(crate) fn starts_proclitic(c: char) -> bool {
    matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proclitics_longest_first() {
        let lens: Vec<usize> = PROCLITICS.iter().map(|p| p.chars().count()).collect();
        assert!(lens.windows(2).all(|w| w[0] >= w[1]));
        assert!(PROCLITICS.iter().all(|p| p.chars().all(starts_proclitic)));
    }
}
