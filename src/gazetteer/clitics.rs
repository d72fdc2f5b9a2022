//! Arabic proclitics and the words from which they must never be stripped.

/// The proclitics a match may start after, longest first: the conjunctions و ف, the
/// prepositions ب ل ك, and a conjunction followed by a preposition. The article ال belongs to
/// the term and is never stripped.
pub(crate) const PROCLITICS: [&str; 11] = [
    "وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك",
];

/// Whether `c` can begin a proclitic.
#[inline]
pub(crate) fn starts_proclitic(c: char) -> bool {
    matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك')
}

/// Common Arabic words, written without diacritics but with their hamza, alef and yeh forms.
///
/// A text word in this list matches a term word only when it is written exactly like the
/// term (so the preposition على never matches the name علي, whatever the folding), and no
/// proclitic is stripped from it (بين is not ب + ين, ولي is not و + لي).
pub(crate) const STOPWORDS: &[&str] = &[
    "في", "فى", "من", "إلى", "الى", "الي", "إلي", "على", "عن", "مع", "حتى", "حتي",
    "منذ", "عند", "لدى", "لدي", "بين", "حول", "خلال", "ضد", "نحو", "دون", "قبل", "بعد", "فوق",
    "تحت", "أمام", "امام", "وراء", "عبر", "ضمن", "لكن", "لكنه", "لكنها", "بل", "أو", "او", "أم",
    "ثم", "إن", "ان", "أن", "إذا", "اذا", "إذ", "اذ", "لو", "كي", "لم", "لن", "لا", "ما", "ماذا",
    "هل", "قد", "لقد", "كل", "بعض", "غير", "سوى", "هذا", "هذه", "هذي", "ذلك", "تلك", "هؤلاء",
    "هنا", "هناك", "الذي", "التي", "الذين", "اللذين", "اللتين", "اللاتي", "هو", "هي", "هم",
    "هما", "هن", "نحن", "أنا", "انا", "أنت", "انت", "كان", "كانت", "يكون", "تكون", "ليس",
    "ليست", "كما", "كذلك", "أيضا", "ايضا", "فقط", "حيث", "حين", "عندما", "بينما", "بسبب",
    "وفق", "وفقا", "إلا", "الا", "يا", "أي", "اي", "أمس", "امس", "اليوم", "غدا", "الآن", "الان",
    "وقد", "وقال", "قال", "قالت", "وقالت", "فيه", "فيها", "منه", "منها", "عليه", "عليها",
    "إليه", "اليه", "له", "لها", "لهم", "به", "بها", "بهم", "كلا", "كلها", "كله", "وهو", "وهي",
    "ولا", "ولم", "ولن", "فلا", "فلم", "بل", "لي", "ولي", "بي", "كي", "لكي", "لأن", "لان",
    "بأن", "بان", "كأن", "كان", "وكان", "وكانت", "فإن", "فان", "وإن", "وان", "وأن", "ومن",
    "وفي", "وعلى", "وإلى", "والى", "وعن", "ومع", "فيما", "مما", "ممن", "عما", "بما", "لما",
    "كلما", "بينها", "بينهم", "وبين", "عام", "عاما", "أول", "اول", "آخر", "اخر", "أخرى",
    "اخرى", "جديد", "جديدة", "كبير", "كبيرة", "أكثر", "اكثر", "أقل", "اقل", "مثل", "نفس",
    "ذات", "ذو", "ذي", "أجل", "اجل", "وقت", "يوم", "بلد", "ولد", "بنت", "أمر", "امر",
];

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
