//! Turning what a candidate typed into English sentences.
//!
//! Candidates type strengths, motivations and topics in whatever shape comes to mind: a
//! verb phrase ("cut a 40-minute query to 3 minutes"), a full sentence ("I cut a
//! 40-minute query to 3 minutes."), a noun phrase ("SQL performance tuning") or a gerund
//! ("explaining numbers to non-analysts"). Pasting them into a template as typed gives
//! broken English; these functions tell the shapes apart and build the sentence around
//! each, so a draft reads as a person wrote it. Lists read as lists ("A and B", "A, B and
//! C"), never joined by semicolons.

/// The grammatical shape of a phrase the candidate typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A sentence with its own subject ("I cut the query time in half").
    Sentence,
    /// A verb in the past tense leads ("cut a 40-minute query to 3 minutes").
    PastVerb,
    /// A verb in its base form leads ("explain numbers to non-analysts").
    BaseVerb,
    /// A gerund leads ("explaining numbers to non-analysts").
    Gerund,
    /// Anything else: a noun phrase ("SQL performance tuning").
    Noun,
}

/// Words that open a sentence with its own subject.
const SUBJECTS: &[&str] = &[
    "i", "i'm", "i've", "i'd", "i'll", "we", "we're", "we've", "you", "they", "it", "it's", "there",
];

/// Words that open either a sentence ("my Python is newer") or a noun phrase ("my
/// notice period"): a sentence only when a finite verb follows.
const DETERMINERS: &[&str] = &["my", "our", "your", "their", "this", "that"];

/// Finite verbs that make a phrase opened by a determiner a sentence.
const FINITE: &[&str] = &[
    "is", "are", "was", "were", "am", "has", "have", "had", "can", "could", "will", "would",
    "shall", "should", "may", "might", "must", "do", "does", "did",
];

/// Verbs that lead a résumé line, in the past tense (the irregular ones and those a
/// candidate types most); any other word ending in `ed` counts too.
const PAST_VERBS: &[&str] = &[
    "built", "cut", "drove", "grew", "led", "made", "ran", "won", "wrote", "taught", "took",
    "brought", "set", "shipped", "sold", "found", "kept", "held", "began", "rebuilt", "spent",
];

/// Verbs in their base form that lead a phrase.
const BASE_VERBS: &[&str] = &[
    "build",
    "cut",
    "lead",
    "manage",
    "run",
    "ship",
    "help",
    "explain",
    "work",
    "fix",
    "grow",
    "improve",
    "reduce",
    "train",
    "teach",
    "design",
    "write",
    "sell",
    "support",
    "organize",
    "organise",
    "coordinate",
    "plan",
    "deliver",
    "handle",
    "speak",
    "translate",
    "automate",
];

/// Words ending in `ing` that are not gerunds.
const NOT_GERUNDS: &[&str] = &["thing", "string", "spring", "king", "ring", "evening", "morning"];

/// Words ending in `ed` that are not verbs.
const NOT_PAST: &[&str] = &["red", "bed", "need", "seed", "speed", "feed", "shed", "hundred"];

/// A phrase as it sits in a sentence: trimmed, without the final period.
pub fn bare(text: &str) -> &str {
    text.trim().trim_end_matches(['.', ';', ',']).trim_end()
}

/// The shape of `text`.
pub fn shape(text: &str) -> Shape {
    let first = bare(text)
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
        .to_lowercase();
    let finite_follows = || {
        bare(text).split_whitespace().skip(1).any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
            FINITE.contains(&w.as_str())
        })
    };
    if SUBJECTS.contains(&first.as_str())
        || (DETERMINERS.contains(&first.as_str()) && finite_follows())
    {
        Shape::Sentence
    } else if PAST_VERBS.contains(&first.as_str())
        || (first.len() > 3 && first.ends_with("ed") && !NOT_PAST.contains(&first.as_str()))
    {
        Shape::PastVerb
    } else if BASE_VERBS.contains(&first.as_str()) {
        Shape::BaseVerb
    } else if first.len() > 4 && first.ends_with("ing") && !NOT_GERUNDS.contains(&first.as_str()) {
        Shape::Gerund
    } else {
        Shape::Noun
    }
}

/// `text` with its first letter lower-cased, unless the first word looks like a name or
/// an acronym (a capital after the first letter, as in `SQL` or `McKinsey`).
fn lower_first(text: &str) -> String {
    let first_word = text.split_whitespace().next().unwrap_or_default();
    if first_word.chars().skip(1).any(char::is_uppercase) || first_word == "I" {
        return text.to_string();
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => with_first(c.to_lowercase(), chars.as_str()),
        None => String::new(),
    }
}

/// `first` then `rest`, in one allocation (a message's facts make many of these).
fn with_first(first: impl Iterator<Item = char>, rest: &str) -> String {
    let mut out = String::with_capacity(rest.len() + 4);
    out.extend(first);
    out.push_str(rest);
    out
}

/// A product or channel name as it stands inside a sentence: a common noun lower-cased
/// ("Text message" becomes "text message"), a name kept as it is written ("LinkedIn",
/// "Microsoft Teams", "WhatsApp": a capital after the first letter, or a later word that
/// is capitalised).
pub fn name_in_sentence(name: &str) -> String {
    let proper = name
        .split_whitespace()
        .skip(1)
        .any(|word| word.chars().next().is_some_and(char::is_uppercase));
    if proper { name.to_string() } else { lower_first(name) }
}

/// `text` with its first letter capitalised.
fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => with_first(c.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}

/// What candidates type before a topic that the sentence around it already says ("We
/// talked about X" would read "our conversation about we talked about X").
const TOPIC_LEADS: &[&str] =
    &["we talked about ", "we discussed ", "we covered ", "talked about ", "discussed "];

/// A phrase that can follow "about" or "covered": a gerund or noun phrase as typed, a
/// sentence or verb phrase kept as typed but without its final period or question mark,
/// its first capital and a leading "we talked about".
pub fn topic(text: &str) -> String {
    let phrase = bare(text).trim_end_matches(['?', '!']).trim_end();
    let phrase = TOPIC_LEADS
        .iter()
        .find_map(|lead| {
            let head = phrase.get(..lead.len())?;
            head.eq_ignore_ascii_case(lead).then(|| &phrase[lead.len()..])
        })
        .unwrap_or(phrase);
    lower_first(phrase)
}

/// Why a topic cannot be made to read well after "our conversation about", as advice to
/// the candidate; `None` when it can. A question keeps its word order ("about how should
/// the team review SQL"), which no template can mend.
pub fn topic_advice(text: &str) -> Option<&'static str> {
    advice(text).or_else(|| {
        bare(text).ends_with('?').then_some(
            "write the topic as a phrase (\"how the team reviews SQL\"), not as a question",
        )
    })
}

/// Items as an English list: "A", "A and B", "A, B and C".
pub fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A strength as a first-person sentence, framed in one of a few ways chosen by
/// `variant` (so that the members of a panel do not read the same sentence).
pub fn strength_sentence(text: &str, variant: usize) -> String {
    let phrase = bare(text);
    let body = match shape(phrase) {
        Shape::Sentence => upper_first(phrase),
        Shape::PastVerb => match variant % 3 {
            0 => format!("In my last role I {}", lower_first(phrase)),
            1 => format!("I have done this kind of work before: I {}", lower_first(phrase)),
            _ => format!("I {}, and I would bring that to the team", lower_first(phrase)),
        },
        Shape::BaseVerb => format!("I can {}", lower_first(phrase)),
        Shape::Gerund => match variant % 3 {
            0 => format!("I am at my best {}", lower_first(phrase)),
            1 => format!("I would bring a track record of {}", lower_first(phrase)),
            _ => format!("{} is where I can help most", upper_first(phrase)),
        },
        Shape::Noun => match variant % 3 {
            0 => format!("I would bring my experience with {}", lower_first(phrase)),
            1 => format!("My background in {} fits what you described", lower_first(phrase)),
            _ => format!("{} is where I can help most", upper_first(phrase)),
        },
    };
    format!("{body}.")
}

/// A point the candidate wants to make, ready to follow a colon or stand in a list:
/// "my relocation timing: I can start in February" becomes "my relocation timing (I
/// can start in February)", so that the sentence around it keeps a single colon.
pub fn point(text: &str) -> String {
    let phrase = bare(text);
    match phrase.split_once(": ") {
        Some((what, detail)) if !what.is_empty() && !detail.trim().is_empty() => {
            format!("{} ({})", lower_first(what), detail.trim())
        }
        _ => lower_first(phrase),
    }
}

/// Points as items of one English list ("What stayed open: A and B"): a point written
/// as a sentence becomes a "that" clause, so that it can stand beside a noun phrase
/// ("my notice period and that I can work from the Chicago office").
pub fn point_items(points: &[String]) -> Vec<String> {
    points
        .iter()
        .map(|text| {
            let item = point(text);
            if points.len() > 1 && shape(bare(text)) == Shape::Sentence {
                format!("that {item}")
            } else {
                item
            }
        })
        .collect()
}

/// A strength as something to say more about ("I would be glad to say more about …"):
/// a noun phrase or gerund as typed, a verb phrase or a sentence in the first person as
/// "how I …".
pub fn strength_reference(text: &str) -> String {
    let phrase = bare(text);
    match shape(phrase) {
        Shape::Noun | Shape::Gerund => lower_first(phrase),
        Shape::PastVerb | Shape::BaseVerb => format!("how I {}", lower_first(phrase)),
        Shape::Sentence => match phrase.strip_prefix("I ") {
            Some(rest) => format!("how I {rest}"),
            None => format!("what I mentioned ({})", lower_first(phrase)),
        },
    }
}

/// Why the candidate wants the job, as a sentence that names the company, framed one of
/// a few ways chosen by `variant` where the phrase allows.
pub fn motivation_sentence(text: &str, company: &str, variant: usize) -> String {
    let phrase = bare(text);
    let lower = phrase.to_lowercase();
    let body = if let Some(reason) =
        ["because ", "since "].iter().find_map(|w| lower.starts_with(w).then(|| &phrase[w.len()..]))
    {
        format!("I would be glad to join {company} because {}", lower_first(reason))
    } else if let Some(rest) = lower.starts_with("to ").then(|| &phrase[3..]) {
        format!("I would welcome the chance at {company} to {}", lower_first(rest))
    } else {
        match shape(phrase) {
            Shape::Sentence => upper_first(phrase),
            Shape::BaseVerb => {
                format!("I would welcome the chance at {company} to {}", lower_first(phrase))
            }
            Shape::PastVerb | Shape::Gerund | Shape::Noun => match variant % 3 {
                0 => format!("What draws me to {company} most is {}", lower_first(phrase)),
                1 => {
                    format!("{} is a big part of why I want to join {company}", upper_first(phrase))
                }
                _ => format!(
                    "I would be glad to join {company}, not least for {}",
                    lower_first(phrase)
                ),
            },
        }
    };
    format!("{body}.")
}

/// The sentences of a message, as a reader would tell them apart, for comparing two
/// messages: greetings, sign-offs and signatures (lines ending in a comma or without a
/// full stop) and sentences of fewer than four words are left out, and the rest are
/// lower-cased with spaces folded.
pub fn sentences(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut folded = String::new();
    each_sentence(text, |sentence| {
        if fold(sentence, &mut folded) {
            found.push(folded.clone());
        }
    });
    found
}

/// A fingerprint of each of [`sentences`]`(text)`, sorted and without repeats: two
/// messages share a sentence when they share its fingerprint. Comparing the messages
/// of a plan costs a few numbers per sentence this way, not a string each.
pub fn sentence_fingerprints(text: &str) -> Vec<u64> {
    let mut found = Vec::new();
    let mut folded = String::new();
    each_sentence(text, |sentence| {
        if sentence.is_ascii() {
            found.extend(ascii_fingerprint(sentence));
        } else if fold(sentence, &mut folded) {
            found.push(fingerprint(&folded));
        }
    });
    found.sort_unstable();
    found.dedup();
    found
}

/// The [`fingerprint`] of an ASCII sentence as [`fold`] would write it, worked out
/// byte by byte without writing it: the messages' sentences are nearly all ASCII.
fn ascii_fingerprint(sentence: &str) -> Option<u64> {
    let (mut hash, mut words, mut in_word) = (FNV_OFFSET, 0usize, false);
    for byte in sentence.bytes() {
        // The ASCII characters that `char::is_whitespace` (and so `split_whitespace`)
        // takes for spaces: `u8::is_ascii_whitespace` leaves out the vertical tab.
        if matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
            in_word = false;
            continue;
        }
        if !in_word {
            if words > 0 {
                hash = fnv_step(hash, b' ');
            }
            words += 1;
            in_word = true;
        }
        hash = fnv_step(hash, byte.to_ascii_lowercase());
    }
    (words >= 4).then_some(hash)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv_step(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
}

/// A 64-bit FNV-1a hash of `text`: stable from one run and one build to the next, and
/// quick on short text. Two different sentences of a plan share one with odds of about
/// one in 10^15 even for a panel of a thousand.
fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(FNV_OFFSET, fnv_step)
}

/// Calls `found` with each sentence of `text` that ends in a full stop, an exclamation
/// or a question mark, leaving out the lines that end in a comma (greetings, sign-offs).
fn each_sentence(text: &str, mut found: impl FnMut(&str)) {
    for line in text.lines().map(str::trim).filter(|l| !l.ends_with(',')) {
        let mut start = 0;
        // The marks are ASCII, so they are found byte by byte; a byte of a longer
        // character is never one of them.
        for (at, byte) in line.bytes().enumerate() {
            if !matches!(byte, b'.' | b'!' | b'?') {
                continue;
            }
            let end = at + 1;
            let rest = line.get(end..).unwrap_or_default();
            if rest.chars().next().is_none_or(char::is_whitespace) {
                found(line.get(start..end).unwrap_or_default());
                start = end;
            }
        }
    }
}

/// Writes `sentence` lower-cased with its spaces folded into `out` (cleared first) when
/// it has four words or more; says whether it had.
fn fold(sentence: &str, out: &mut String) -> bool {
    out.clear();
    if sentence.split_whitespace().nth(3).is_none() {
        return false;
    }
    for word in sentence.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            out.push_str(&word.to_lowercase());
        }
    }
    true
}

/// Why a phrase cannot be made to read well, as advice to the candidate; `None` when it
/// can.
pub fn advice(text: &str) -> Option<&'static str> {
    let phrase = bare(text);
    if phrase.contains(';') {
        Some("write one item per entry instead of joining several with `;`")
    } else if phrase.split_whitespace().count() > 30 {
        Some("keep it under 30 words: one achievement or reason, not a paragraph")
    } else if phrase.contains(". ") {
        Some("write one sentence or phrase, not several sentences")
    } else {
        let first = phrase.split_whitespace().next().unwrap_or_default().to_lowercase();
        ["and", "or", "but", "also"]
            .contains(&first.as_str())
            .then_some("start with what you did or know, not with a conjunction")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_are_told_apart() {
        let table = [
            ("cut a 40-minute reporting query to 3 minutes", Shape::PastVerb),
            ("I cut a 40-minute query to 3 minutes.", Shape::Sentence),
            ("SQL performance tuning", Shape::Noun),
            ("explaining numbers to non-analysts", Shape::Gerund),
            ("reduced mis-picks by 30%", Shape::PastVerb),
            ("explain numbers to non-analysts", Shape::BaseVerb),
            ("the morning shift", Shape::Noun),
        ];
        for (text, expected) in table {
            assert_eq!(shape(text), expected, "{text}");
        }
    }

    #[test]
    fn topics_follow_about() {
        assert_eq!(topic("The churn dashboard rebuild."), "the churn dashboard rebuild");
        assert_eq!(topic("We talked about rebuilding the dashboard."), "rebuilding the dashboard");
        assert_eq!(topic("how the team reviews SQL?"), "how the team reviews SQL");
        assert_eq!(topic("SQL reviews"), "SQL reviews");
        assert!(topic_advice("how should the team review SQL?").is_some());
        assert!(topic_advice("how the team reviews SQL").is_none());
    }

    #[test]
    fn sentences_are_folded_and_short_ones_left_out() {
        let text = "Hi Dana,\n\nThank   you for   TODAY.  It was short. \
                    Ich danke Ihnen für das Gespräch, ΟΔΥΣΣΕΥΣ!\nBest regards,\nAna";
        assert_eq!(
            sentences(text),
            ["thank you for today.", "ich danke ihnen für das gespräch, οδυσσευς!"]
        );
    }

    #[test]
    fn lists_read_as_lists() {
        let items = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(list(&items(&["A"])), "A");
        assert_eq!(list(&items(&["A", "B"])), "A and B");
        assert_eq!(list(&items(&["A", "B", "C"])), "A, B and C");
    }

    #[test]
    fn strengths_become_sentences_whatever_their_shape() {
        assert_eq!(
            strength_sentence("cut a 40-minute reporting query to 3 minutes", 0),
            "In my last role I cut a 40-minute reporting query to 3 minutes."
        );
        assert_eq!(
            strength_sentence("I cut a 40-minute query to 3 minutes.", 1),
            "I cut a 40-minute query to 3 minutes."
        );
        assert_eq!(
            strength_sentence("SQL performance tuning", 0),
            "I would bring my experience with SQL performance tuning."
        );
        assert_eq!(
            strength_sentence("Explaining numbers to non-analysts", 0),
            "I am at my best explaining numbers to non-analysts."
        );
    }

    #[test]
    fn channel_names_keep_their_capitals_where_they_are_names() {
        assert_eq!(name_in_sentence("Text message"), "text message");
        assert_eq!(name_in_sentence("Email"), "email");
        assert_eq!(name_in_sentence("LinkedIn"), "LinkedIn");
        assert_eq!(name_in_sentence("Microsoft Teams"), "Microsoft Teams");
        assert_eq!(name_in_sentence("WhatsApp"), "WhatsApp");
    }

    #[test]
    fn a_point_keeps_one_colon_in_its_sentence() {
        assert_eq!(
            point("My relocation timing: I can start in Boston in February."),
            "my relocation timing (I can start in Boston in February)"
        );
        assert_eq!(point("the gap in 2023"), "the gap in 2023");
    }

    #[test]
    fn a_sentence_among_points_becomes_a_clause() {
        let points =
            ["my notice period of four weeks".to_string(), "I can work from Chicago.".to_string()];
        assert_eq!(
            list(&point_items(&points)),
            "my notice period of four weeks and that I can work from Chicago"
        );
        assert_eq!(point_items(&points[1..]), ["I can work from Chicago"]);
    }

    #[test]
    fn strengths_can_be_referred_to_whatever_their_shape() {
        assert_eq!(strength_reference("SQL performance tuning"), "SQL performance tuning");
        assert_eq!(
            strength_reference("cut a 40-minute query to 3 minutes."),
            "how I cut a 40-minute query to 3 minutes"
        );
        assert_eq!(strength_reference("I led the migration."), "how I led the migration");
        assert_eq!(
            strength_reference("Explaining numbers to non-analysts"),
            "explaining numbers to non-analysts"
        );
    }

    #[test]
    fn motivations_become_sentences_naming_the_company() {
        assert_eq!(
            motivation_sentence("fixing intake, which is where I lost most of my time", "Acme", 0),
            "What draws me to Acme most is fixing intake, which is where I lost most of my time."
        );
        assert_eq!(
            motivation_sentence("because your team ships weekly", "Acme", 1),
            "I would be glad to join Acme because your team ships weekly."
        );
        assert_eq!(
            motivation_sentence("to build a data team from scratch", "Acme", 2),
            "I would welcome the chance at Acme to build a data team from scratch."
        );
        assert_eq!(
            motivation_sentence("I want to work on logistics.", "Acme", 0),
            "I want to work on logistics."
        );
    }

    #[test]
    fn fingerprints_tell_the_same_sentences_apart_from_others() {
        let a = "Dear Dana,\n\nThank you for your time today. It was great!\nI look forward to hearing from you.";
        let b = "Hi Sam,\n\nthank  YOU for your time today. I look forward to hearing from you. \
                 I look forward to hearing from you.";
        let c = "Hi Sam,\n\nThank you for the tour of the plant.";
        let want: Vec<u64> = {
            let mut all: Vec<u64> = sentences(a).iter().map(|s| fingerprint(s)).collect();
            all.sort_unstable();
            all
        };
        assert_eq!(sentence_fingerprints(a), want);
        // The same two sentences, differently cased and spaced, one of them twice.
        assert_eq!(sentence_fingerprints(b), want);
        assert!(sentence_fingerprints(c).iter().all(|f| !want.contains(f)));
        assert!(sentence_fingerprints("Best regards,\nAna Ruiz").is_empty());
    }

    #[test]
    fn an_ascii_sentence_is_fingerprinted_as_its_folded_text() {
        let mut folded = String::new();
        for sentence in [
            "Thank you for  the\ttour\x0b today.",
            "  Two  words only.",
            "We covered SQL, dbt and Airflow!",
            "One two three four",
        ] {
            let folded = fold(sentence, &mut folded).then(|| fingerprint(&folded));
            assert_eq!(ascii_fingerprint(sentence), folded, "{sentence:?}");
        }
    }

    #[test]
    fn sentences_leave_out_greetings_and_signatures() {
        let text = "Dear Dana,\n\nThank you for your time today. It was great!\n\nI look forward to hearing from you.\n\nBest regards,\nAna Ruiz";
        assert_eq!(
            sentences(text),
            ["thank you for your time today.", "i look forward to hearing from you."]
        );
    }

    #[test]
    fn advice_names_what_cannot_read_well() {
        assert!(advice("SQL; Python").is_some());
        assert!(advice("and also SQL").is_some());
        assert!(advice("SQL performance tuning").is_none());
    }
}
