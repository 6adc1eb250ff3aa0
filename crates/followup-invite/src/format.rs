//! How the interview was held, from where the event says it is.
//!
//! A conference link (Zoom, Teams, Meet, Webex and the like, in `LOCATION`, `URL`,
//! `CONFERENCE`, the vendors' `X-` properties or the description) means a video call; a
//! dial-in alone (`tel:` or a phone number as the location) means a phone call; any
//! other location is an address, so the interview was on site. Video wins over a
//! dial-in because video invitations carry dial-in numbers as a fallback.

use followup_core::interview::MeetingFormat;
use icalendar::parser::Component;

use crate::people::param;

/// What the event says about the meeting's format, with the reason, for the comment
/// written beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatFound {
    /// The format.
    pub format: MeetingFormat,
    /// Why, in words (`a Zoom link`).
    pub because: String,
    /// The conference link, when there is one.
    pub link: Option<String>,
}

/// Video services by host, and their names.
const VIDEO_HOSTS: &[(&str, &str)] = &[
    ("zoom.us", "Zoom"),
    ("zoomgov.com", "Zoom"),
    ("teams.microsoft.com", "Teams"),
    ("teams.live.com", "Teams"),
    ("meet.google.com", "Google Meet"),
    ("webex.com", "Webex"),
    ("whereby.com", "Whereby"),
    ("meet.jit.si", "Jitsi"),
    ("chime.aws", "Chime"),
    ("gotomeeting.com", "GoTo Meeting"),
    ("gotomeet.me", "GoTo Meeting"),
    ("bluejeans.com", "BlueJeans"),
];

/// The properties where clients put conference links.
const LINK_PROPERTIES: &[&str] = &[
    "LOCATION",
    "URL",
    "CONFERENCE",
    "X-GOOGLE-CONFERENCE",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL",
    "X-MICROSOFT-ONLINEMEETINGCONFLINK",
    "X-MICROSOFT-ONLINEMEETINGEXTERNALLINK",
    "DESCRIPTION",
];

/// The format the event's location and links say, when they say one.
pub fn meeting_format(event: &Component<'_>) -> Option<FormatFound> {
    for name in LINK_PROPERTIES {
        for property in event.properties.iter().filter(|p| p.name == *name) {
            for url in urls(property.val.as_str()) {
                if let Some(service) = video_service(url) {
                    return Some(FormatFound {
                        format: MeetingFormat::Video,
                        because: format!("a {service} link"),
                        link: Some(url.to_string()),
                    });
                }
            }
        }
    }
    let location = event.find_prop("LOCATION").map(|p| p.val.as_str().trim()).unwrap_or("");
    let lower = location.to_lowercase();
    // Outlook writes the label when the link is elsewhere.
    for (label, service) in
        [("microsoft teams", "Teams"), ("zoom", "Zoom"), ("google meet", "Google Meet")]
    {
        if lower.contains(label) {
            return Some(FormatFound {
                format: MeetingFormat::Video,
                because: format!("the location `{location}` ({service})"),
                link: None,
            });
        }
    }
    let video_feature = event.properties.iter().any(|p| {
        p.name == "CONFERENCE"
            && param(p, "FEATURE").is_some_and(|f| f.to_uppercase().contains("VIDEO"))
    });
    if video_feature {
        let link = event.find_prop("CONFERENCE").map(|p| p.val.as_str().to_string());
        return Some(FormatFound {
            format: MeetingFormat::Video,
            because: "a video conference".to_string(),
            link,
        });
    }
    let dial_in = event.properties.iter().find_map(|p| {
        let value = p.val.as_str().trim();
        let tel = value.get(..4).is_some_and(|s| s.eq_ignore_ascii_case("tel:"));
        (tel && (p.name == "CONFERENCE" || p.name == "LOCATION" || p.name == "URL"))
            .then(|| value.to_string())
    });
    if let Some(number) =
        dial_in.or_else(|| is_phone_number(location).then(|| location.to_string()))
    {
        return Some(FormatFound {
            format: MeetingFormat::Phone,
            because: format!("a dial-in number only, {number}"),
            link: None,
        });
    }
    if !location.is_empty() && urls(location).next().is_none() {
        return Some(FormatFound {
            format: MeetingFormat::OnSite,
            because: format!("the address `{location}`"),
            link: None,
        });
    }
    None
}

/// The `http(s)://` addresses in a text.
fn urls(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices("http").filter_map(move |(start, _)| {
        let rest = &text[start..];
        if !(rest.starts_with("https://") || rest.starts_with("http://")) {
            return None;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | ')' | ']' | ','))
            .unwrap_or(rest.len());
        Some(&rest[..end])
    })
}

/// The video service a URL belongs to.
fn video_service(url: &str) -> Option<&'static str> {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = after_scheme.split(['/', '?', '#', ':']).next().unwrap_or("").to_lowercase();
    VIDEO_HOSTS
        .iter()
        .find(|(known, _)| host == *known || host.ends_with(&format!(".{known}")))
        .map(|(_, name)| *name)
}

/// Whether a location is only a phone number (`+1 312-555-0143`, `(312) 555 0143`).
fn is_phone_number(text: &str) -> bool {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    digits >= 7 && text.chars().all(|c| c.is_ascii_digit() || " +-().,#*".contains(c) || c == 'x')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn video_hosts_and_lookalikes() {
        assert_eq!(video_service("https://us02web.zoom.us/j/123"), Some("Zoom"));
        assert_eq!(video_service("https://meet.google.com/abc-defg-hij"), Some("Google Meet"));
        assert_eq!(video_service("https://zoom.us.evil.example/j/1"), None);
        assert_eq!(video_service("https://notzoom.us/j/1"), None);
    }

    #[test]
    fn phone_numbers() {
        assert!(is_phone_number("+1 312-555-0143"));
        assert!(is_phone_number("(312) 555 0143,,123#"));
        assert!(!is_phone_number("Room 4, 100 Main St"));
    }
}
