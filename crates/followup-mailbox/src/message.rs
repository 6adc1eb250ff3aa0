//! One message as the matcher needs it: who sent it, to whom, when, which messages it
//! answers, and whether it is a newsletter or an automatic reply. Built from the raw
//! header block (and, for automatic replies, a prefix of the body) by [`parse`].

use std::fmt;

use jiff::Timestamp;
use jiff::civil::Date;
use mail_parser::{HeaderValue, MessageParser};
use serde::Serialize;

use crate::automatic::{self, Automatic};

/// A message that could not be read, and why, in one line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// Where it is: the file, and for an mbox the message's number and line.
    pub location: String,
    /// What is wrong with it, and so why it was skipped.
    pub problem: String,
}

/// A mail address with its display name; the address is lower-cased.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Address {
    /// The display name, decoded (`佐藤 花子` from `=?UTF-8?B?...?=`), when there is one.
    pub name: Option<String>,
    /// The address itself, lower-cased.
    pub address: String,
}

impl Address {
    /// The part after the `@`, lower-cased.
    pub fn domain(&self) -> &str {
        self.address.rsplit_once('@').map(|(_, domain)| domain).unwrap_or("")
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.name {
            Some(name) => write!(f, "{name} <{}>", self.address),
            None => write!(f, "<{}>", self.address),
        }
    }
}

/// One message, read from its header block.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Message {
    /// Where it is: the file, and for an mbox the message's number and line.
    pub location: String,
    /// Its Message-ID, without angle brackets.
    pub message_id: String,
    /// The Message-IDs in its `In-Reply-To` header.
    pub in_reply_to: Vec<String>,
    /// The Message-IDs in its `References` header.
    pub references: Vec<String>,
    /// Who sent it (`From`).
    pub from: Address,
    /// Who it went to (`To` and `Cc`).
    pub recipients: Vec<Address>,
    /// Its subject, decoded; empty when it has none.
    pub subject: String,
    /// When it was written (`Date`).
    pub date: Timestamp,
    /// The `Date` header as written.
    pub date_header: String,
    /// The day it was written, in the sender's own offset: the day "until Monday" is
    /// counted from.
    pub day: Date,
    /// Why it is a mailing (`List-Unsubscribe`, `List-Id`, `Precedence: bulk`), if it is.
    pub bulk: Option<String>,
    /// Whether it was written by a machine: an automatic reply, with its return day
    /// when its text gives one, or another automatic message.
    pub automatic: Automatic,
}

/// Reads a message from `raw`: its header block and, optionally, the start of its body
/// (the body is only looked at for an automatic reply's return date). `location` names
/// it in the answer.
///
/// # Errors
///
/// A [`Skipped`] naming the problem when the header block is broken (a line that is
/// not a header field, bytes that are not UTF-8), or the Message-ID, the sender's
/// address or the date is missing or unreadable: without them a message can neither be
/// matched nor recorded once only.
///
/// # Example
///
/// ```
/// let raw = b"Message-ID: <a@example.com>\r\nFrom: Dana <dana@northwind.example>\r\nDate: Thu, 3 Dec 2026 11:00:00 -0600\r\nSubject: Re: Thank you\r\n\r\nHello";
/// let message = followup_mailbox::parse(raw, "inbox/1").expect("a valid message");
/// assert_eq!(message.from.address, "dana@northwind.example");
/// assert_eq!(message.subject, "Re: Thank you");
/// ```
pub fn parse(raw: &[u8], location: &str) -> Result<Message, Skipped> {
    let skipped = |problem: String| Skipped { location: location.to_string(), problem };
    check_header_block(raw).map_err(skipped)?;
    let parser = MessageParser::default();
    let headers =
        parser.parse_headers(raw).ok_or_else(|| skipped("it has no header block".to_string()))?;
    let message_id = headers
        .message_id()
        .map(clean_id)
        .filter(|id| !id.is_empty())
        .ok_or_else(|| skipped("it has no Message-ID header".to_string()))?;
    let from = headers
        .from()
        .and_then(|from| from.first())
        .and_then(|addr| address(addr.name(), addr.address()))
        .ok_or_else(|| skipped("its From header names no address".to_string()))?;
    let date_header = headers.header_raw("Date").map(|d| d.trim().to_string()).unwrap_or_default();
    let parsed = headers.date().filter(|d| d.is_valid());
    let Some(parsed) = parsed else {
        return Err(skipped(if date_header.is_empty() {
            "it has no Date header".to_string()
        } else {
            format!("its Date header `{date_header}` is not a date")
        }));
    };
    let date = Timestamp::from_second(parsed.to_timestamp())
        .map_err(|_| skipped(format!("its Date header `{date_header}` is out of range")))?;
    let day = Date::new(
        i16::try_from(parsed.year).unwrap_or(1970),
        i8::try_from(parsed.month).unwrap_or(1),
        i8::try_from(parsed.day).unwrap_or(1),
    )
    .map_err(|_| skipped(format!("its Date header `{date_header}` is not a date")))?;
    let mut recipients = Vec::new();
    for list in [headers.to(), headers.cc()].into_iter().flatten() {
        recipients.extend(list.iter().filter_map(|a| address(a.name(), a.address())));
    }
    let subject = headers.subject().map(|s| s.trim().to_string()).unwrap_or_default();
    let raw_header = |name: &str| headers.header_raw(name).map(|v| v.trim().to_ascii_lowercase());
    let precedence = raw_header("Precedence");
    let bulk = if headers.header_raw("List-Unsubscribe").is_some() {
        Some("List-Unsubscribe".to_string())
    } else if headers.header_raw("List-Id").is_some() {
        Some("List-Id".to_string())
    } else {
        precedence
            .as_deref()
            .filter(|p| matches!(*p, "bulk" | "list" | "junk"))
            .map(|p| format!("Precedence: {p}"))
    };
    let kind = automatic::classify(
        raw_header("Auto-Submitted").as_deref(),
        headers.header_raw("X-Autoreply").is_some()
            || headers.header_raw("X-Autorespond").is_some(),
        precedence.as_deref(),
        &subject,
    );
    let automatic = match kind {
        automatic::Kind::Reply => {
            // Only now is the body read: the full parse of the prefix decodes
            // quoted-printable, base64 and multipart text.
            let text = parser
                .parse(raw)
                .and_then(|m| m.body_text(0).map(|t| t.into_owned()))
                .unwrap_or_default();
            let until = automatic::return_date(&subject, day)
                .or_else(|| automatic::return_date(&text, day));
            Automatic::Reply { until }
        }
        automatic::Kind::Generated => Automatic::Generated,
        automatic::Kind::Person => Automatic::None,
    };
    Ok(Message {
        location: location.to_string(),
        message_id,
        in_reply_to: ids(headers.in_reply_to()),
        references: ids(headers.references()),
        from,
        recipients,
        subject,
        date,
        date_header,
        day,
        bulk,
        automatic,
    })
}

/// A Message-ID without its angle brackets and white space.
fn clean_id(id: &str) -> String {
    id.trim().trim_start_matches('<').trim_end_matches('>').trim().to_string()
}

fn ids(value: &HeaderValue<'_>) -> Vec<String> {
    let raw: Vec<String> = match value {
        HeaderValue::Text(text) => vec![text.to_string()],
        HeaderValue::TextList(list) => list.iter().map(|t| t.to_string()).collect(),
        _ => Vec::new(),
    };
    raw.iter()
        .flat_map(|t| t.split_whitespace().map(clean_id).collect::<Vec<_>>())
        .filter(|id| !id.is_empty())
        .collect()
}

fn address(name: Option<&str>, address: Option<&str>) -> Option<Address> {
    let address = address?.trim().to_lowercase();
    if !address.contains('@') {
        return None;
    }
    let name = name.map(str::trim).filter(|n| !n.is_empty()).map(str::to_string);
    Some(Address { name, address })
}

/// Checks that the header block is made of header fields: each line a `Name: value`
/// field or the continuation of one, in UTF-8.
fn check_header_block(raw: &[u8]) -> Result<(), String> {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err("it is empty".to_string());
    }
    let mut first = true;
    for (index, line) in raw.split(|&b| b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            if first {
                return Err("it has no header block (it starts with an empty line)".to_string());
            }
            return Ok(());
        }
        let number = index + 1;
        let text = std::str::from_utf8(line).map_err(|_| {
            format!("line {number} of its header block is not UTF-8 (raw 8-bit bytes)")
        })?;
        if text.starts_with([' ', '\t']) {
            if first {
                return Err("its first line is indented, not a header field".to_string());
            }
        } else {
            let name = text.split_once(':').map(|(name, _)| name);
            let valid = name.is_some_and(|n| {
                !n.is_empty() && n.bytes().all(|b| (33..=126).contains(&b) && b != b':')
            });
            if !valid {
                let shown: String = text.chars().take(40).collect();
                return Err(format!(
                    "line {number} of its header block is not a header field: `{shown}`"
                ));
            }
        }
        first = false;
    }
    if first {
        return Err("it is empty".to_string());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_header_line_is_named_by_its_number() {
        let raw = b"Message-ID: <a@x>\r\nthis is not a header\r\n\r\nbody";
        let skipped = parse(raw, "m").expect_err("broken");
        assert_eq!(
            skipped.problem,
            "line 2 of its header block is not a header field: `this is not a header`"
        );
        let raw = b"Message-ID: <a@x>\r\nSubject: caf\xe9\r\n\r\n";
        assert!(parse(raw, "m").expect_err("latin-1").problem.contains("not UTF-8"));
        assert_eq!(parse(b"", "m").expect_err("empty").problem, "it is empty");
    }

    #[test]
    fn missing_identity_fields_are_refused() {
        let base =
            "From: a@x.example\r\nDate: Thu, 3 Dec 2026 11:00:00 -0600\r\nMessage-ID: <m@x>\r\n";
        for (drop, problem) in [
            ("From", "its From header names no address"),
            ("Date", "it has no Date header"),
            ("Message-ID", "it has no Message-ID header"),
        ] {
            let raw: String =
                base.split_inclusive("\r\n").filter(|l| !l.starts_with(drop)).collect();
            let raw = format!("{raw}\r\nbody");
            assert_eq!(parse(raw.as_bytes(), "m").expect_err(drop).problem, problem);
        }
        let raw = base.replace("Thu, 3 Dec 2026 11:00:00 -0600", "sometime soon");
        let skipped = parse(format!("{raw}\r\n").as_bytes(), "m").expect_err("bad date");
        assert_eq!(skipped.problem, "its Date header `sometime soon` is not a date");
    }
}
