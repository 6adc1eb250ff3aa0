//! Slugs: a name in a form that is easy to type, for step ids and file names.

/// A lower-case, dash-separated form of a name for ids and file names:
/// `Dana Whitfield` → `dana-whitfield`, `José Müller` → `jose-muller`. Latin letters
/// lose their accents so the id is easy to type; other scripts are kept.
pub(crate) fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut push = |c: char| {
        // Plain letters and digits first: the accent table is for the others.
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if let Some(plain) = (!c.is_ascii()).then(|| fold_latin(c)).flatten() {
            out.push_str(plain);
        } else if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    };
    for c in name.chars() {
        // An ASCII letter's lower case is one letter; only the others need Unicode's.
        if c.is_ascii() {
            push(c.to_ascii_lowercase());
        } else {
            c.to_lowercase().for_each(&mut push);
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() { "someone".to_string() } else { out }
}

/// The plain letters for an accented lower-case Latin letter.
fn fold_latin(c: char) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("àáâãäåāăą", "a"),
        ("çćĉċč", "c"),
        ("ďđð", "d"),
        ("èéêëēĕėęě", "e"),
        ("ĝğġģ", "g"),
        ("ĥħ", "h"),
        ("ìíîïĩīĭįı", "i"),
        ("ĵ", "j"),
        ("ķ", "k"),
        ("ĺļľŀł", "l"),
        ("ñńņňŉ", "n"),
        ("òóôõöøōŏő", "o"),
        ("ŕŗř", "r"),
        ("śŝşš", "s"),
        ("ţťŧ", "t"),
        ("ùúûüũūŭůűų", "u"),
        ("ŵ", "w"),
        ("ýÿŷ", "y"),
        ("źżž", "z"),
        ("ß", "ss"),
        ("æ", "ae"),
        ("œ", "oe"),
        ("þ", "th"),
    ];
    TABLE.iter().find(|(accented, _)| accented.contains(c)).map(|(_, plain)| *plain)
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs_are_easy_to_type() {
        assert_eq!(slug("Dana Whitfield"), "dana-whitfield");
        assert_eq!(slug("José Müller-Łukasiewicz"), "jose-muller-lukasiewicz");
        assert_eq!(slug("  O'Brien, Jr. "), "o-brien-jr");
        assert_eq!(slug("佐藤 花子"), "佐藤-花子");
        assert_eq!(slug("!!!"), "someone");
    }
}
