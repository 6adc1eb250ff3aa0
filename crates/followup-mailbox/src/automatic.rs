//! Messages written by a machine: automatic replies (out of office), told apart from a
//! person's answer, and the day an out-of-office reply says its writer is back.
//!
//! An automatic reply is recognised by `Auto-Submitted: auto-replied` (RFC 3834),
//! `X-Autoreply` or `X-Autorespond`, `Precedence: auto_reply`, or a subject such as
//! "Automatic reply:" or "Out of office". Other `Auto-Submitted` values (notifications,
//! an applicant-tracking system's receipts) are automatic but not replies: they count
//! for nothing.

use jiff::civil::Date;
use serde::Serialize;

/// Whether a message was written by a machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Automatic {
    /// A person wrote it.
    None,
    /// An automatic reply (out of office).
    Reply {
        /// The day its writer is back, when its subject or text gives one.
        until: Option<Date>,
    },
    /// Another automatic message (a notification, a receipt): not an answer.
    Generated,
}

/// What the headers say, before the body is looked at.
pub(crate) enum Kind {
    Person,
    Reply,
    Generated,
}

/// Subjects that mail programs give automatic replies, lower-cased.
const AUTO_SUBJECTS: &[&str] = &[
    "automatic reply",
    "auto reply",
    "auto-reply",
    "autoreply",
    "auto response",
    "auto-response",
    "out of office",
    "out of the office",
    "out-of-office",
    "away from the office",
    "away from my desk",
];

pub(crate) fn classify(
    auto_submitted: Option<&str>,
    x_autoreply: bool,
    precedence: Option<&str>,
    subject: &str,
) -> Kind {
    let auto_submitted = auto_submitted.map(|v| v.split(';').next().unwrap_or("").trim());
    let subject = subject.to_lowercase();
    if auto_submitted == Some("auto-replied")
        || x_autoreply
        || precedence == Some("auto_reply")
        || AUTO_SUBJECTS.iter().any(|s| subject.contains(s))
    {
        Kind::Reply
    } else if auto_submitted.is_some_and(|v| v != "no") {
        Kind::Generated
    } else {
        Kind::Person
    }
}

/// The words after which an out-of-office text gives the day its writer is back. `true`
/// when the day named is the last day away (`through Friday`), so the return is the day
/// after.
const CUES: &[(&str, bool)] = &[
    ("back in the office on", false),
    ("back in the office", false),
    ("back on", false),
    ("returning on", false),
    ("returning", false),
    ("return on", false),
    ("will return", false),
    ("back", false),
    ("until", false),
    ("till", false),
    ("through", true),
    ("thru", true),
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const FILLERS: &[&str] = &[
    "on",
    "the",
    "of",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
];

/// The day an out-of-office text says its writer is back, read after "until", "back
/// on", "returning", "through" and the like: `2026-12-07`, `December 7`, `Dec 7, 2026`,
/// `7 December`, `12/7` or `12/7/2026` (month first). A date without a year is the next
/// one on or after `written` (the day the reply was written). `None` when no such date
/// follows a cue.
///
/// # Example
///
/// ```
/// use jiff::civil::date;
/// let until = followup_mailbox::return_date(
///     "I am out of the office until Monday, December 7, with limited access to email.",
///     date(2026, 12, 3),
/// );
/// assert_eq!(until, Some(date(2026, 12, 7)));
/// ```
pub fn return_date(text: &str, written: Date) -> Option<Date> {
    let lower = text.to_lowercase();
    let mut best: Option<(usize, Date)> = None;
    for (cue, last_day_away) in CUES {
        let mut from = 0;
        while let Some(found) = lower[from..].find(cue) {
            let at = from + found;
            from = at + cue.len();
            let starts_word = lower[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let ends_word = lower[from..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            if !starts_word || !ends_word {
                continue;
            }
            let Some(day) = date_at(&lower[from..], written) else { continue };
            let day = if *last_day_away { day.tomorrow().unwrap_or(day) } else { day };
            if best.is_none_or(|(position, _)| at < position) {
                best = Some((at, day));
            }
        }
    }
    best.map(|(_, day)| day)
}

/// One word or number of the text after a cue.
#[derive(Debug, PartialEq)]
enum Token<'t> {
    Word(&'t str),
    Number(&'t str),
    Sep(char),
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while out.len() < 12 {
        let Some(c) = rest.chars().next() else { break };
        if c.is_whitespace() || c == ',' {
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let run = |pred: fn(char) -> bool| rest.find(|ch: char| !pred(ch)).unwrap_or(rest.len());
        if c.is_ascii_digit() {
            let end = run(|ch| ch.is_ascii_digit());
            out.push(Token::Number(&rest[..end]));
            rest = &rest[end..];
        } else if c.is_alphabetic() {
            let end = run(char::is_alphabetic);
            out.push(Token::Word(&rest[..end]));
            rest = &rest[end..];
        } else {
            out.push(Token::Sep(c));
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

fn month(word: &str) -> Option<i8> {
    if word.len() < 3 {
        return None;
    }
    // `dec`, `sept` and `december` all name December.
    let index = MONTHS.iter().position(|m| m.starts_with(word))?;
    i8::try_from(index + 1).ok()
}

fn number(text: &str) -> Option<i16> {
    text.parse().ok()
}

/// A day-of-month token, with an ordinal suffix (`7th`) allowed.
fn day_of(tokens: &[Token<'_>], at: usize) -> Option<(i8, usize)> {
    let Token::Number(n) = tokens.get(at)? else { return None };
    let day = i8::try_from(number(n)?).ok().filter(|d| (1..=31).contains(d))?;
    let next = match tokens.get(at + 1) {
        Some(Token::Word(w)) if matches!(*w, "st" | "nd" | "rd" | "th") => at + 2,
        _ => at + 1,
    };
    Some((day, next))
}

fn year_of(tokens: &[Token<'_>], at: usize) -> Option<i16> {
    match tokens.get(at) {
        Some(Token::Number(n)) if n.len() == 4 => number(n),
        _ => None,
    }
}

/// The date at the start of `text` (after fillers such as "on" and weekday names).
fn date_at(text: &str, written: Date) -> Option<Date> {
    let tokens = tokens(text);
    let mut at = 0;
    while let Some(Token::Word(w)) = tokens.get(at) {
        if !FILLERS.contains(w) {
            break;
        }
        at += 1;
    }
    let resolve = |year: Option<i16>, month: i8, day: i8| -> Option<Date> {
        match year {
            Some(year) => Date::new(year, month, day).ok(),
            None => {
                let this = Date::new(written.year(), month, day).ok();
                match this {
                    Some(d) if d >= written => Some(d),
                    _ => Date::new(written.year() + 1, month, day).ok(),
                }
            }
        }
    };
    match (tokens.get(at), tokens.get(at + 1), tokens.get(at + 2)) {
        // 2026-12-07
        (Some(Token::Number(y)), Some(Token::Sep('-')), Some(Token::Number(m))) if y.len() == 4 => {
            let (Some(Token::Sep('-')), Some(Token::Number(d))) =
                (tokens.get(at + 3), tokens.get(at + 4))
            else {
                return None;
            };
            Date::new(number(y)?, i8::try_from(number(m)?).ok()?, i8::try_from(number(d)?).ok()?)
                .ok()
        }
        // 12/7 or 12/7/2026 (month first, as in the US)
        (Some(Token::Number(m)), Some(Token::Sep('/')), Some(Token::Number(d))) => {
            let month = i8::try_from(number(m)?).ok()?;
            let day = i8::try_from(number(d)?).ok()?;
            let year = match (tokens.get(at + 3), tokens.get(at + 4)) {
                (Some(Token::Sep('/')), Some(Token::Number(y))) if y.len() == 4 => number(y),
                (Some(Token::Sep('/')), Some(Token::Number(y))) if y.len() == 2 => {
                    number(y).map(|y| 2000 + y)
                }
                _ => None,
            };
            resolve(year, month, day)
        }
        // December 7[th][,] [2026]
        (Some(Token::Word(w)), _, _) => {
            let month = month(w)?;
            let (day, next) = day_of(&tokens, at + 1)?;
            resolve(year_of(&tokens, next), month, day)
        }
        // 7[th] [of] December [2026]
        (Some(Token::Number(_)), _, _) => {
            let (day, mut next) = day_of(&tokens, at)?;
            if tokens.get(next) == Some(&Token::Word("of")) {
                next += 1;
            }
            let Some(Token::Word(w)) = tokens.get(next) else { return None };
            let month = month(w)?;
            resolve(year_of(&tokens, next + 1), month, day)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::return_date;

    #[track_caller]
    fn check(text: &str, expected: Option<Date>) {
        assert_eq!(return_date(text, date(2026, 12, 3)), expected, "{text}");
    }

    use jiff::civil::Date;

    #[test]
    fn return_dates_in_the_forms_people_write() {
        let dec7 = Some(date(2026, 12, 7));
        check("I am out of the office until Monday, December 7.", dec7);
        check("Back on Dec 7th, 2026.", dec7);
        check("I'm away until 2026-12-07 and will reply then.", dec7);
        check("Out until 12/7, limited email.", dec7);
        check("Returning 7 December", dec7);
        check("returning on the 7th of December", dec7);
        check("I am on leave through Sunday, December 6.", dec7);
        // A day before the reply was written is next year's.
        check("back until Jan 4", Some(date(2027, 1, 4)));
        check("I will be back soon, thank you.", None);
        check("Thank you for your message.", None);
        // A cue inside a word is not a cue.
        check("feedback 12/9", None);
    }
}
