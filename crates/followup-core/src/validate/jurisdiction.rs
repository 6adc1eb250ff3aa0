//! Jurisdictions: where a person is, as an ISO 3166-2 code (`US-FL`), so that a
//! channel's stricter hours there apply.
//!
//! A code the rules do not recognise would silently never match a manifest's
//! `by_jurisdiction` entry (`FL` for Florida: the 20:00 texting limit never applied),
//! so an unknown code is an error with the closest known one. The US subdivisions
//! are listed (they are what the bundled manifests use); for other countries any
//! well-formed code (`GB-LND`, `DE-BY`) is accepted, since the rules hold no
//! figures for them yet.

/// The US states, the District of Columbia and the territories, as ISO 3166-2 codes.
pub const US: [&str; 57] = [
    "US-AL", "US-AK", "US-AZ", "US-AR", "US-CA", "US-CO", "US-CT", "US-DE", "US-FL", "US-GA",
    "US-HI", "US-ID", "US-IL", "US-IN", "US-IA", "US-KS", "US-KY", "US-LA", "US-ME", "US-MD",
    "US-MA", "US-MI", "US-MN", "US-MS", "US-MO", "US-MT", "US-NE", "US-NV", "US-NH", "US-NJ",
    "US-NM", "US-NY", "US-NC", "US-ND", "US-OH", "US-OK", "US-OR", "US-PA", "US-RI", "US-SC",
    "US-SD", "US-TN", "US-TX", "US-UT", "US-VT", "US-VA", "US-WA", "US-WV", "US-WI", "US-WY",
    "US-DC", "US-AS", "US-GU", "US-MP", "US-PR", "US-UM", "US-VI",
];

/// Whether `code` is a jurisdiction the rules recognise.
pub fn is_known(code: &str) -> bool {
    if code.starts_with("US-") {
        return US.contains(&code);
    }
    well_formed(code)
}

/// The known code closest to `code`: the same in upper case, a bare US state code
/// with its country (`FL` → `US-FL`), or the most similar US code.
pub fn closest(code: &str) -> Option<String> {
    let upper = code.trim().to_ascii_uppercase();
    if upper != code && is_known(&upper) {
        return Some(upper);
    }
    let prefixed = format!("US-{upper}");
    if US.contains(&prefixed.as_str()) {
        return Some(prefixed);
    }
    US.iter()
        .map(|known| (strsim::jaro_winkler(&upper, known), known))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, known)| (*known).to_string())
}

/// `CC-SUB`: two capital letters, a hyphen, then one to three capitals or digits.
fn well_formed(code: &str) -> bool {
    let Some((country, subdivision)) = code.split_once('-') else { return false };
    country.len() == 2
        && country.bytes().all(|b| b.is_ascii_uppercase())
        && (1..=3).contains(&subdivision.len())
        && subdivision.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes_and_suggestions() {
        assert!(is_known("US-FL") && is_known("GB-LND") && is_known("DE-BY"));
        for unknown in ["FL", "us-fl", "US-XX", "Florida", "", "US-"] {
            assert!(!is_known(unknown), "{unknown}");
        }
        assert_eq!(closest("FL").as_deref(), Some("US-FL"));
        assert_eq!(closest("us-fl").as_deref(), Some("US-FL"));
        assert_eq!(closest("gb-lnd").as_deref(), Some("GB-LND"));
        assert_eq!(closest("US-FLA").as_deref(), Some("US-FL"));
    }
}
