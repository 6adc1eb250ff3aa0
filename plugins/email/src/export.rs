//! An email as a draft file (`.eml`, RFC 5322 with MIME) that Outlook, Thunderbird and
//! Apple Mail open as a new message ready to send.
//!
//! The message is built by `mail-builder`, which encodes non-ASCII names and subjects
//! (RFC 2047), folds long headers and writes the MIME parts. Everything that comes from
//! the interview is made safe before it reaches the builder: names and the subject
//! become one line (no CR, LF or other control character can start another header),
//! a name or subject holding `=?` is written as encoded words of its own
//! (`encoded_word`), and an address that is not a plain ASCII `local@domain` is
//! refused, because an address is written into its header as it is.

use followup_plugin::{
    Contact, ExportRequest, ExportedFiles, exported_file, message_id, single_line,
};
use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address;
use mail_builder::headers::raw::Raw;

use crate::encoded_word;

/// One `.eml` per step.
pub fn files(request: &ExportRequest) -> Result<ExportedFiles, String> {
    let candidate = request.candidate();
    let recipient = request.recipient();
    let mut message = MessageBuilder::new();
    let copied_people = request.copied();
    // A name that looks like an encoded word is written as encoded words of its own
    // (see `encoded_word`); then the addresses are written by hand, never decoded.
    let by_hand = std::iter::once(&candidate)
        .chain(std::iter::once(&recipient))
        .chain(copied_people.iter())
        .any(|person| encoded_word::looks_encoded(person.name));
    if by_hand {
        if let Some(from) = raw_mailbox(&candidate, "your")? {
            message = message.header("From", Raw::new(from));
        }
        if let Some(to) = raw_mailbox(&recipient, "the recipient's")? {
            message = message.header("To", Raw::new(to));
        }
        let mut copied = Vec::new();
        for person in &copied_people {
            copied.extend(raw_mailbox(person, "a copied person's")?);
        }
        if !copied.is_empty() {
            message = message.header("Cc", Raw::new(copied.join(",\r\n ")));
        }
    } else {
        if let Some(from) = mailbox(&candidate, "your")? {
            message = message.from(from);
        }
        if let Some(to) = mailbox(&recipient, "the recipient's")? {
            message = message.to(to);
        }
        let mut copied = Vec::new();
        for person in &copied_people {
            if let Some(address) = mailbox(person, "a copied person's")? {
                copied.push(address);
            }
        }
        if !copied.is_empty() {
            message = message.cc(Address::new_list(copied));
        }
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
    let message = if encoded_word::looks_encoded(&subject) {
        message.header("Subject", Raw::new(encoded_word::encode(&subject)))
    } else {
        message.subject(subject)
    };
    let message = message
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

/// The person's mailbox written by hand, `=?utf-8?q?...?= <address>`, or `None`
/// without an address; refused as [`mailbox`] refuses.
fn raw_mailbox(person: &Contact<'_>, whose: &str) -> Result<Option<String>, String> {
    let Some(address) = mailbox(person, whose)? else { return Ok(None) };
    let email = address_of(&address);
    let name = single_line(person.name);
    Ok(Some(if name.is_empty() {
        format!("<{email}>")
    } else {
        format!("{}\r\n <{email}>", encoded_word::encode(&name))
    }))
}

/// The address `mailbox` checked.
fn address_of(address: &Address<'_>) -> String {
    match address {
        Address::Address(mailbox) => mailbox.email.to_string(),
        _ => String::new(),
    }
}

/// Whether `email` is a plain `local@domain`: one `@`, a local part of letters, digits
/// and the few symbols RFC 5322 allows unquoted, and a domain of letters, digits,
/// hyphens and dots, all ASCII: an internationalised address needs SMTPUTF8 (RFC
/// 6532) end to end, which a draft cannot promise, so it is refused, never written as
/// raw 8-bit.
fn is_plain_address(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else { return false };
    let local_ok = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c);
    let domain_ok = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '.';
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
        for good in ["dana.whitfield@northwind.example", "a+b@x.io", "a@xn--exmple-cua.de"] {
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
            "josé@exämple.de",
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
