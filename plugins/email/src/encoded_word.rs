//! Text that looks like an RFC 2047 encoded word (`=?utf-8?q?...?=`) in a name or a
//! subject, written so that mail clients show it as the text it is.
//!
//! `mail-builder` writes ASCII names as quoted strings and ASCII subjects as they are;
//! RFC 2047 forbids decoding inside those, but mail clients decode anyway, so a name
//! `=?utf-8?q?Dana_Whitfield?=` would show as someone else's. When the text contains
//! `=?`, it is written as encoded words of its own (Q encoding, where `=` and `?`
//! become `=3D` and `=3F`), which every client decodes back to exactly the text.

/// The most payload one encoded word carries: 75 characters in all (RFC 2047 §2)
/// less `=?utf-8?q?` and `?=`.
const PAYLOAD: usize = 75 - 12;

/// Whether `text` would be taken for encoded words.
pub fn looks_encoded(text: &str) -> bool {
    text.contains("=?")
}

/// `text` as Q-encoded words in UTF-8, folded one word per line (CRLF and a space), for
/// a header value written as it is.
pub fn encode(text: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        let mut piece = String::new();
        let mut bytes = [0; 4];
        for byte in c.encode_utf8(&mut bytes).bytes() {
            match byte {
                b' ' => piece.push('_'),
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'!' | b'*' | b'+' | b'-' | b'/' => {
                    piece.push(char::from(byte));
                }
                other => piece.push_str(&format!("={other:02X}")),
            }
        }
        // A character's bytes stay in one word, so each word decodes on its own.
        if word.len() + piece.len() > PAYLOAD {
            words.push(std::mem::take(&mut word));
        }
        word.push_str(&piece);
    }
    words.push(word);
    words.iter().map(|w| format!("=?utf-8?q?{w}?=")).collect::<Vec<_>>().join("\r\n ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equals_and_question_marks_are_encoded_and_words_stay_short() {
        assert!(looks_encoded("Ana =?utf-8?q?Bob?= Ruiz") && !looks_encoded("Ana Ruiz"));
        assert_eq!(encode("a =?b"), "=?utf-8?q?a_=3D=3Fb?=");
        let long = encode(&"é".repeat(40));
        assert!(long.split("\r\n ").all(|w| w.len() <= 75), "{long}");
        assert_eq!(long.split("\r\n ").count(), 4, "ten 6-character letters a word");
    }
}
