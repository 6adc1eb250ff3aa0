//! How many SMS segments a text costs, and how to stop word-processor punctuation from
//! inflating that number.
//!
//! A text travels as GSM-7 (160 places in one segment, 153 per segment once it is split)
//! unless a single character is outside the GSM 03.38 default alphabet, in which case the
//! whole message becomes UCS-2 (70 places, 67 per segment when split). A curly apostrophe
//! pasted from a word processor is enough to turn a one-segment text into three, so
//! [`normalise`] swaps such characters for their GSM-7 look-alikes before [`segment`]
//! counts.
//!
//! This module is pure arithmetic over characters: it does not send, truncate or judge a
//! text. Emoji and other scripts are left alone by [`normalise`], because they are what the
//! author meant to say; the cost they carry is reported, not hidden.

/// Places in a GSM-7 message that fits in one segment.
const GSM7_SINGLE: usize = 160;
/// Places per segment in a split GSM-7 message; the other seven septets carry the
/// concatenation header.
const GSM7_MULTI: usize = 153;
/// UTF-16 code units in a UCS-2 message that fits in one segment.
const UCS2_SINGLE: usize = 70;
/// UTF-16 code units per segment in a split UCS-2 message; the other six octets carry the
/// concatenation header.
const UCS2_MULTI: usize = 67;

/// The GSM 03.38 basic character set in code order (0x00 to 0x7F), one place each.
///
/// Code 0x1B is the escape to the extension table, not a character, so it is left out and
/// the table holds 127 characters. Line feed is at 0x0A and carriage return at 0x0D.
const BASIC: &str = concat!(
    "@£$¥èéùìòÇ\nØø\rÅå",
    "Δ_ΦΓΛΩΠΨΣΘΞÆæßÉ",
    " !\"#¤%&'()*+,-./",
    "0123456789:;<=>?",
    "¡ABCDEFGHIJKLMNO",
    "PQRSTUVWXYZÄÖÑÜ§",
    "¿abcdefghijklmno",
    "pqrstuvwxyzäöñüà",
);

/// The GSM 03.38 extension table: each character is sent as the escape 0x1B followed by
/// its own code, so it takes two places.
const EXTENSION: &str = "\u{0C}^{}\\[~]|€";

/// How a text is encoded on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// The GSM 03.38 7-bit default alphabet and its extension table.
    Gsm7,
    /// UTF-16, which every character can use, at less than half the room per segment.
    Ucs2,
}

/// One kind of character that [`normalise`] replaced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replacement {
    /// The character found in the text.
    pub from: char,
    /// What it became; empty when the character was invisible and simply removed.
    pub to: &'static str,
    /// How many times it occurred.
    pub count: usize,
}

/// A text after [`normalise`], with a report of what changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Normalised {
    /// The text with word-processor punctuation replaced by GSM-7 equivalents.
    pub text: String,
    /// Each distinct character replaced, in order of first appearance.
    pub replacements: Vec<Replacement>,
}

/// What a text costs as an SMS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segmentation {
    /// The encoding the whole message must use.
    pub encoding: Encoding,
    /// Places used: septets for GSM-7 (two for an extension character), UTF-16 code units
    /// for UCS-2 (two for a character outside the Basic Multilingual Plane).
    pub units: usize,
    /// Segments the message is sent as; at least one, even for an empty text.
    pub segments: usize,
    /// Places available in each segment: 160 or 153 for GSM-7, 70 or 67 for UCS-2.
    pub per_segment: usize,
    /// The distinct characters that forced UCS-2, in order of first appearance; empty for
    /// GSM-7.
    pub non_gsm: Vec<char>,
}

/// Replaces characters pasted from word processors with their GSM-7 equivalents.
///
/// Curly quotes, primes and guillemets become straight quotes, long dashes and the minus
/// sign become `-`, the ellipsis becomes `...`, the bullet becomes `*`, unusual spaces
/// become a plain space, and invisible characters (zero-width space, byte-order mark, soft
/// hyphen) are removed. Characters already in GSM-7 are never touched, and emoji and other
/// scripts are kept: they are what the author wrote, and [`segment`] reports their cost.
///
/// # Example
///
/// ```
/// use followup_sms::segments::{Encoding, normalise, segment};
///
/// let normalised = normalise("It\u{2019}s Sam \u{2014} thanks!");
/// assert_eq!(normalised.text, "It's Sam - thanks!");
/// assert_eq!(normalised.replacements.len(), 2);
/// assert_eq!(segment(&normalised.text).encoding, Encoding::Gsm7);
/// ```
#[must_use]
pub fn normalise(text: &str) -> Normalised {
    let mut out = String::with_capacity(text.len());
    let mut replacements: Vec<Replacement> = Vec::new();
    for c in text.chars() {
        // The GSM check comes first so that widening the replacement table can never
        // rewrite a character that was already cheap to send.
        let replacement = if gsm_width(c).is_some() { None } else { gsm_equivalent(c) };
        match replacement {
            Some(to) => {
                out.push_str(to);
                match replacements.iter_mut().find(|r| r.from == c) {
                    Some(seen) => seen.count += 1,
                    None => replacements.push(Replacement { from: c, to, count: 1 }),
                }
            }
            None => out.push(c),
        }
    }
    Normalised { text: out, replacements }
}

/// Counts the encoding, places and segments a text costs as an SMS.
///
/// The text is counted as given; call [`normalise`] first to avoid paying for
/// word-processor punctuation. An empty text counts as one segment, because sending it
/// would still be one message.
///
/// A split message is filled greedily, and a character that takes two places (a GSM-7
/// extension character, or a UTF-16 surrogate pair) is never cut across a segment
/// boundary: if only one place is left, it moves to the next segment. This is why a split
/// message can need one more segment than `units / per_segment` suggests.
///
/// # Example
///
/// ```
/// use followup_sms::segments::{Encoding, segment};
///
/// let gsm = segment("See you at 9:00 {Lobby B}");
/// assert_eq!((gsm.encoding, gsm.units, gsm.segments), (Encoding::Gsm7, 27, 1));
///
/// let ucs2 = segment("Thanks \u{1F44B}");
/// assert_eq!((ucs2.encoding, ucs2.units, ucs2.segments), (Encoding::Ucs2, 9, 1));
/// assert_eq!(ucs2.non_gsm, vec!['\u{1F44B}']);
/// ```
#[must_use]
pub fn segment(text: &str) -> Segmentation {
    let mut non_gsm: Vec<char> = Vec::new();
    for c in text.chars() {
        if gsm_width(c).is_none() && !non_gsm.contains(&c) {
            non_gsm.push(c);
        }
    }
    if non_gsm.is_empty() {
        // Every character has a GSM-7 width here, so the fallback of 0 is never used.
        let widths = text.chars().map(|c| gsm_width(c).unwrap_or(0));
        let (units, segments, per_segment) = fill(widths, GSM7_SINGLE, GSM7_MULTI);
        Segmentation { encoding: Encoding::Gsm7, units, segments, per_segment, non_gsm }
    } else {
        let widths = text.chars().map(char::len_utf16);
        let (units, segments, per_segment) = fill(widths, UCS2_SINGLE, UCS2_MULTI);
        Segmentation { encoding: Encoding::Ucs2, units, segments, per_segment, non_gsm }
    }
}

/// Places a GSM-7 character takes, or `None` if it is not in GSM-7 at all.
fn gsm_width(c: char) -> Option<usize> {
    if BASIC.contains(c) {
        Some(1)
    } else if EXTENSION.contains(c) {
        Some(2)
    } else {
        None
    }
}

/// The GSM-7 spelling of a word-processor character, or `None` to keep the character.
fn gsm_equivalent(c: char) -> Option<&'static str> {
    match c {
        // Single curly quotes, the low-9 and reversed-9 quotes, and the prime.
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => Some("'"),
        // Double curly quotes, their low-9 and reversed-9 forms, the double prime, and
        // guillemets, which GSM-7 lacks.
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{AB}' | '\u{BB}' => {
            Some("\"")
        }
        // Figure dash, en dash, em dash, horizontal bar, and the minus sign.
        '\u{2012}'..='\u{2015}' | '\u{2212}' => Some("-"),
        '\u{2026}' => Some("..."),
        // No-break space, narrow no-break space, and the en to hair spaces.
        '\u{A0}' | '\u{202F}' | '\u{2002}'..='\u{200A}' => Some(" "),
        // Invisible characters: zero-width space, byte-order mark, soft hyphen. They add
        // nothing a reader sees, so they are dropped rather than replaced.
        '\u{200B}' | '\u{FEFF}' | '\u{AD}' => Some(""),
        '\u{2022}' => Some("*"),
        _ => None,
    }
}

/// Returns `(units, segments, per_segment)` for characters of the given widths.
///
/// A message that fits in `single` places is one segment. Otherwise segments of `multi`
/// places are filled greedily, and a character that does not fit in what is left of a
/// segment starts the next one, because the network cannot cut a character in half.
fn fill(
    widths: impl Iterator<Item = usize> + Clone,
    single: usize,
    multi: usize,
) -> (usize, usize, usize) {
    let units: usize = widths.clone().sum();
    if units <= single {
        return (units, 1, single);
    }
    let mut segments = 1;
    let mut used = 0;
    for width in widths {
        if used + width > multi {
            segments += 1;
            used = 0;
        }
        used += width;
    }
    (units, segments, multi)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks a text's encoding, units and segments, and that `per_segment` follows from
    /// them; returns the whole result for cases that look further.
    #[track_caller]
    fn check(text: &str, encoding: Encoding, units: usize, segments: usize) -> Segmentation {
        let got = segment(text);
        assert_eq!(
            (got.encoding, got.units, got.segments),
            (encoding, units, segments),
            "(encoding, units, segments) of {text:?}"
        );
        let per_segment = match (encoding, segments) {
            (Encoding::Gsm7, 1) => 160,
            (Encoding::Gsm7, _) => 153,
            (Encoding::Ucs2, 1) => 70,
            (Encoding::Ucs2, _) => 67,
        };
        assert_eq!(got.per_segment, per_segment, "per_segment of {text:?}");
        assert_eq!(got.non_gsm.is_empty(), encoding == Encoding::Gsm7, "non_gsm of {text:?}");
        got
    }

    fn a(n: usize) -> String {
        "a".repeat(n)
    }

    #[test]
    fn empty_text_is_one_gsm_segment() {
        // Nothing to send still costs one message if it is sent.
        check("", Encoding::Gsm7, 0, 1);
    }

    #[test]
    fn whole_tables_count_one_and_two() {
        // 16 characters per row of the basic table, 8 rows, minus the escape at 0x1B.
        check(BASIC, Encoding::Gsm7, 8 * 16 - 1, 1);
        // Ten extension characters at two places each.
        check(EXTENSION, Encoding::Gsm7, 10 * 2, 1);
        // The non-ASCII corners spelled out independently of the table: row 0x0_ without
        // LF and CR (14), row 0x1_ without ESC (15), ¤ ¡ (2), Ä Ö Ñ Ü § (5) and
        // ¿ ä ö ñ ü à (6): 14 + 15 + 2 + 5 + 6 = 42.
        check("@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà", Encoding::Gsm7, 42, 1);
    }

    #[test]
    fn gsm_single_segment_boundary() {
        // 160 fits one segment; 161 splits into 153 + 8.
        check(&a(160), Encoding::Gsm7, 160, 1);
        check(&a(161), Encoding::Gsm7, 161, 2);
    }

    #[test]
    fn gsm_multi_segment_boundary() {
        // 306 = 153 * 2 exactly; 307 leaves 1 for a third segment.
        check(&a(306), Encoding::Gsm7, 306, 2);
        check(&a(307), Encoding::Gsm7, 307, 3);
    }

    #[test]
    fn extension_character_at_the_single_segment_boundary() {
        // 158 + 2 = 160 still fits; 159 + 2 = 161 splits into 153 + (6 + 2).
        check(&format!("{}€", a(158)), Encoding::Gsm7, 160, 1);
        check(&format!("{}€", a(159)), Encoding::Gsm7, 161, 2);
    }

    #[test]
    fn extension_character_is_not_split_across_segments() {
        // 152 + 2 + 152 = 306 units, which would be exactly two segments of 153, but
        // segment 1 holds 152 with one place left, '{' moves to segment 2 (2 + 151 = 153)
        // and the last 'a' needs a third.
        check(&format!("{}{{{}", a(152), a(152)), Encoding::Gsm7, 306, 3);
        // With '{' after 151, it fills segment 1 exactly (151 + 2 = 153): 153 + 153.
        check(&format!("{}{{{}", a(151), a(153)), Encoding::Gsm7, 306, 2);
    }

    #[test]
    fn ucs2_single_segment_boundary() {
        // 'ć' is not GSM-7; 1 + 69 = 70 fits, 1 + 70 = 71 splits into 67 + 4.
        check(&format!("ć{}", a(69)), Encoding::Ucs2, 70, 1);
        check(&format!("ć{}", a(70)), Encoding::Ucs2, 71, 2);
    }

    #[test]
    fn ucs2_multi_segment_boundary() {
        // 1 + 133 = 134 = 67 * 2; one more leaves 1 for a third segment.
        check(&format!("ć{}", a(133)), Encoding::Ucs2, 134, 2);
        check(&format!("ć{}", a(134)), Encoding::Ucs2, 135, 3);
    }

    #[test]
    fn one_emoji_turns_a_short_text_ucs2() {
        // "Hi " is 3 units and U+1F44B is a surrogate pair: 3 + 2 = 5.
        let got = check("Hi \u{1F44B}", Encoding::Ucs2, 5, 1);
        assert_eq!(got.non_gsm, vec!['\u{1F44B}']);
    }

    #[test]
    fn emoji_is_not_split_across_segments() {
        // 1 + 65 = 66 units, then a 2-unit emoji, then 66: 134 = 67 * 2 units, but only
        // one place is left after 66, so the emoji opens segment 2 (2 + 65 = 67) and the
        // last 'a' needs a third.
        check(&format!("ć{}\u{1F600}{}", a(65), a(66)), Encoding::Ucs2, 134, 3);
    }

    #[test]
    fn accented_letters_in_the_alphabet_stay_gsm7() {
        // "Café mañana" is 11 characters, all in the basic table.
        check("Café mañana", Encoding::Gsm7, 11, 1);
        // 'ć' is not, and switches the whole text: 11 + ", " + "ćevapi" = 19 units.
        let got = check("Café mañana, ćevapi", Encoding::Ucs2, 19, 1);
        assert_eq!(got.non_gsm, vec!['ć']);
        // Lowercase 'ç' and the backtick are common surprises: neither is in GSM-7.
        let got = check("Façade `x`", Encoding::Ucs2, 10, 1);
        assert_eq!(got.non_gsm, vec!['ç', '`']);
    }

    #[test]
    fn line_breaks_count_one_each() {
        // 'a', CR, LF, 'b': 4 units.
        check("a\r\nb", Encoding::Gsm7, 4, 1);
        check("a\nb", Encoding::Gsm7, 3, 1);
    }

    #[test]
    fn curly_quotes_normalise_to_gsm7() {
        let pasted =
            "It\u{2019}s Sam \u{2014} thanks for today\u{2019}s \u{201C}quick\u{201D} chat\u{2026}";
        // I t ’ s (4) sp (5) S a m (8) sp (9) — (10) sp (11) thanks (17) sp (18) for (21)
        // sp (22) today’s (29) sp (30) “ (31) quick (36) ” (37) sp (38) chat (42) … (43).
        let before = check(pasted, Encoding::Ucs2, 43, 1);
        assert_eq!(
            before.non_gsm,
            vec!['\u{2019}', '\u{2014}', '\u{201C}', '\u{201D}', '\u{2026}']
        );
        let normalised = normalise(pasted);
        assert_eq!(normalised.text, "It's Sam - thanks for today's \"quick\" chat...");
        // Same length except the ellipsis, which grows from one to three: 43 + 2 = 45.
        check(&normalised.text, Encoding::Gsm7, 45, 1);
        let replacement = |from, to, count| Replacement { from, to, count };
        assert_eq!(
            normalised.replacements,
            vec![
                replacement('\u{2019}', "'", 2),
                replacement('\u{2014}', "-", 1),
                replacement('\u{201C}', "\"", 1),
                replacement('\u{201D}', "\"", 1),
                replacement('\u{2026}', "...", 1),
            ]
        );
    }

    #[test]
    fn one_apostrophe_costs_three_segments_until_normalised() {
        // 70 + 1 + 79 = 150 characters: as UCS-2 that is 67 + 67 + 16, as GSM-7 one.
        let pasted = format!("{}\u{2019}{}", a(70), "b".repeat(79));
        check(&pasted, Encoding::Ucs2, 150, 3);
        check(&normalise(&pasted).text, Encoding::Gsm7, 150, 1);
    }

    #[test]
    fn invisible_and_wide_characters_normalise() {
        // NBSP, thin space and narrow NBSP become spaces; ZWSP, BOM and soft hyphen go;
        // bullet, minus, guillemets and primes become their ASCII look-alikes.
        let pasted = concat!(
            "\u{FEFF}\u{2022}\u{A0}5\u{2009}\u{2212}\u{202F}2\u{200B}\u{AD} ",
            "\u{AB}ok\u{BB} 6\u{2032}2\u{2033}",
        );
        let normalised = normalise(pasted);
        assert_eq!(normalised.text, "* 5 - 2 \"ok\" 6'2\"");
        // * sp 5 sp - sp 2 sp " o k " sp 6 ' 2 ": 17 units.
        check(&normalised.text, Encoding::Gsm7, 17, 1);
        let removed: Vec<char> =
            normalised.replacements.iter().filter(|r| r.to.is_empty()).map(|r| r.from).collect();
        assert_eq!(removed, vec!['\u{FEFF}', '\u{200B}', '\u{AD}']);
    }

    #[test]
    fn normalise_keeps_gsm_emoji_and_other_scripts() {
        // Already GSM-7 (including extension characters), or meant as written.
        let kept = "Café {€} 'x' \"y\" - ... ć Привет \u{1F44B}";
        let normalised = normalise(kept);
        assert_eq!(normalised.text, kept);
        assert_eq!(normalised.replacements, vec![]);
    }
}
