//! An email as a draft file (`.eml`, RFC 5322 with MIME) that Outlook, Thunderbird and
//! Apple Mail open as a new message ready to send.
//!
//! The message is built by `mail-builder`, which encodes non-ASCII names and subjects
//! (RFC 2047), folds long headers and writes the MIME parts. Everything that comes from
//! the interview is made safe before it reaches the builder: names and the subject
//! become one line (no CR, LF or other control character can start another header),
//! and an address that is not a plain `local@domain` is refused, because an address is
//! written into its header as it is.

use followup_plugin::{
    Contact, ExportRequest, ExportedFiles, exported_file, message_id, single_line,
};
use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address;
use mail_builder::headers::raw::Raw;

/// One `.eml` per step.
pub fn files(request: &ExportRequest) -> Result<ExportedFiles, String> {
    let candidate = request.candidate();
    let recipient = request.recipient();
    let mut message = MessageBuilder::new();
    if let Some(from) = mailbox(&candidate, "your")? {
        message = message.from(from);
    }
    if let Some(to) = mailbox(&recipient, "the recipient's")? {
        message = message.to(to);
    }
    let mut copied = Vec::new();
    for person in request.copied() {
        if let Some(address) = mailbox(&person, "a copied person's")? {
            copied.push(address);
        }
    }
    if !copied.is_empty() {
        message = message.cc(Address::new_list(copied));
    }
    let mut subject = request.draft.subject.as_deref().map(single_line).unwrap_or_default();
    // A check-in answers the thank-you's thread, as a careful person writes it: the same
    // subject after `Re: `, and the headers that let every mail client thread it.
    if let Some(thread) = &request.in_reply_to {
        let parent = single_line(&thread.message_id);
        message = message.in_reply_to(parent.clone()).references(parent);
        if let Some(earlier) = thread.subject.as_deref().map(single_line).filter(|s| !s.is_empty())
        {
            subject = if earlier.to_ascii_lowercase().starts_with("re:") {
                earlier
            } else {
                format!("Re: {earlier}")
            };
        }
    }
    let message_id = message_id(&request.step.id, &request.interview);
    let message = message
        .subject(subject)
        .date(request.step.send_at.as_second())
        .message_id(message_id)
        // Outlook and Thunderbird open a message marked unsent as a draft to send.
        .header("X-Unsent", Raw::new("1"))
        .text_body(plain_body(&request.draft.body));
    let bytes = message.write_to_vec().map_err(|err| {
        format!("the email for step `{}` could not be written: {err}", request.step.id)
    })?;
    Ok(ExportedFiles {
        files: vec![exported_file(format!("{}.eml", request.step.id), "message/rfc822", &bytes)],
    })
}

/// The person's name and address for a header, or `None` when the interview gives no
/// address (the candidate fills it in before sending).
///
/// # Errors
///
/// An address that could carry header syntax (`<`, `,`, spaces, ...) is refused with
/// a message naming whose address it is.
fn mailbox(person: &Contact<'_>, whose: &str) -> Result<Option<Address<'static>>, String> {
    let Some(email) = person.email.map(str::trim).filter(|e| !e.is_empty()) else {
        return Ok(None);
    };
    if !is_plain_address(email) {
        return Err(format!(
            "{whose} email address {email:?} ({}) cannot be written into an email header safely; correct it in the interview file",
            single_line(person.name)
        ));
    }
    let name = single_line(person.name);
    Ok(Some(Address::new_address((!name.is_empty()).then_some(name), email.to_string())))
}

/// Whether `email` is a plain `local@domain`: one `@`, a local part of letters, digits
/// and the few symbols RFC 5322 allows unquoted, and a domain of letters, digits,
/// hyphens and dots. Letters may be non-ASCII (internationalised addresses).
fn is_plain_address(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else { return false };
    let local_ok = |c: char| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c);
    let domain_ok = |c: char| c.is_alphanumeric() || c == '-' || c == '.';
    let dots_ok = |part: &str| {
        !part.is_empty() && !part.starts_with('.') && !part.ends_with('.') && !part.contains("..")
    };
    dots_ok(local)
        && dots_ok(domain)
        && local.chars().all(local_ok)
        && domain.chars().all(domain_ok)
        && domain.contains('.')
}

/// The message as a text body: line breaks as LF (the builder writes CRLF), and no
/// control character other than the line break and the tab.
fn plain_body(body: &str) -> String {
    let unified = body.replace("\r\n", "\n").replace('\r', "\n");
    let mut text: String =
        unified.chars().filter(|&c| c == '\n' || c == '\t' || !c.is_control()).collect();
    let trimmed = text.trim_end().len();
    text.truncate(trimmed);
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_addresses_pass_and_header_syntax_is_refused() {
        for good in ["dana.whitfield@northwind.example", "a+b@x.io", "josé@exämple.de"] {
            assert!(is_plain_address(good), "{good}");
        }
        for bad in [
            "a@b",
            "a>, evil@x.com",
            "\"a\"@x.com",
            "a@x.com\r\nBcc: e@x.com",
            "a b@x.com",
            "a@@x.com",
            ".a@x.com",
            "a@x..com",
            "a@x.com>",
            "a;b@x.com",
        ] {
            assert!(!is_plain_address(bad), "{bad:?} was accepted");
        }
    }

    #[test]
    fn body_keeps_line_breaks_and_drops_other_controls() {
        assert_eq!(
            plain_body("Dear Dana,\r\n\r\nHi\u{0}\u{7} there\rbye\n\n"),
            "Dear Dana,\n\nHi there\nbye\n"
        );
    }
}
