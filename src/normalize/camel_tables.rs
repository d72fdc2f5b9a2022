// placeholder
pub(crate) static ARCLEAN: &[(u32, u32, Option<&str>)] = &[];
