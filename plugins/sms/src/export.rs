//! A text message as a file: the message to paste, and an `sms:` link (RFC 5724) that
//! opens the phone's messaging app with the number and the message filled in.

use followup_plugin::{ExportRequest, ExportedFiles, exported_file, single_line};

/// One `.txt` per step: who it goes to, the message, and the link.
pub fn files(request: &ExportRequest) -> Result<ExportedFiles, String> {
    let recipient = request.recipient();
    let body = request.draft.body.trim_end();
    let name = single_line(recipient.name);
    let mut text = match recipient.phone {
        Some(phone) => format!("Text message to {name}, {}\n\n", single_line(phone)),
        None => format!("Text message to {name}\n\n"),
    };
    text.push_str(body);
    text.push_str("\n\n");
    match recipient.phone.filter(|phone| is_dialable(phone)) {
        Some(phone) => {
            text.push_str("Open this link on your phone to start the message:\n");
            text.push_str(&sms_link(phone, body));
            text.push('\n');
        }
        None => text.push_str(&format!(
            "No phone number is given for {name}: add it to the interview file to get a link that opens the message on your phone.\n"
        )),
    }
    Ok(ExportedFiles {
        files: vec![exported_file(
            format!("{}.txt", request.step.id),
            "text/plain; charset=utf-8",
            text.as_bytes(),
        )],
    })
}

/// Whether `phone` can go into a link as it is: `+` and digits, as E.164 numbers are
/// (the interview's validation already insists on that form).
fn is_dialable(phone: &str) -> bool {
    let digits = phone.strip_prefix('+').unwrap_or(phone);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// `sms:<number>?body=<message>`, the message percent-encoded as UTF-8 (RFC 5724
/// section 2.2, with RFC 3986 encoding): every byte except the unreserved characters
/// (letters, digits, `-`, `.`, `_`, `~`) becomes `%XX`, so spaces, line breaks, `&`,
/// `#`, `?` and non-ASCII letters cannot end or change the link.
pub fn sms_link(phone: &str, body: &str) -> String {
    let mut link = format!("sms:{phone}?body=");
    for byte in body.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            link.push(char::from(byte));
        } else {
            link.push_str(&format!("%{byte:02X}"));
        }
    }
    link
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_encodes_everything_but_unreserved_characters() {
        assert_eq!(
            sms_link("+16145550123", "Hi José, it's me & you?\n#1 ~ok_-."),
            "sms:+16145550123?body=Hi%20Jos%C3%A9%2C%20it%27s%20me%20%26%20you%3F%0A%231%20~ok_-."
        );
    }

    #[test]
    fn only_plus_and_digits_are_dialable() {
        assert!(is_dialable("+16145550123"));
        assert!(!is_dialable("+1 614"));
        assert!(!is_dialable("+"));
        assert!(!is_dialable("+1?body=x"));
    }
}
