//! `followup inbox` as a user runs it, on mailboxes built here in the formats mail
//! programs write (quoted-printable, base64, RFC 2047 names, folded headers, multipart
//! with an attachment): `add` → `export` → scan (suggestions, nothing changed) →
//! `--apply` → `due` shows the check-ins paused, then stopped; a rescan records
//! nothing twice and reads nothing again.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::tracker::User;

const EMAIL: &str = "docs/examples/professional-email.toml";
const ANA: &str = "ana-ruiz-northwind-analytics-2026-11-24";
const CHECK_IN_1: &str = "check-in-1-dana-whitfield-email";
const THANK_YOU: &str = "thank-you-dana-whitfield-email";

/// What the inbox tests ask of a user besides the tracker tests' commands.
trait InboxUser {
    fn add_and_export(&self) -> (String, String);
    fn event_count(&self) -> usize;
    fn open_check_ins(&self, now: &str) -> Vec<(String, String)>;
}

impl InboxUser for User {
    /// Tracks Ana's interview and exports its drafts; returns the thank-you's
    /// Message-ID and subject as exported.
    fn add_and_export(&self) -> (String, String) {
        self.ok(&["add", EMAIL, "--now", "2026-11-24T15:30:00-06:00"]);
        let out = self.path("drafts").display().to_string();
        self.ok(&["export", EMAIL, "--out", &out, "--now", "2026-11-24T15:40:00-06:00"]);
        let eml = std::fs::read(self.path("drafts").join(format!("{THANK_YOU}.eml")))
            .expect("the thank-you was exported");
        let message = mail_parser::MessageParser::default().parse(&eml).expect("it parses");
        (
            message.message_id().expect("a Message-ID").to_string(),
            message.subject().expect("a subject").to_string(),
        )
    }

    fn event_count(&self) -> usize {
        self.json(&["log", "--now", "2026-12-20T09:00:00-06:00"])["events"]
            .as_array()
            .map(Vec::len)
            .expect("log lists events")
    }

    /// The open check-ins of Ana's interview on `due --within 30d` at `now`.
    fn open_check_ins(&self, now: &str) -> Vec<(String, String)> {
        let due = self.json(&["due", "--within", "30d", "--now", now]);
        due["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter(|i| i["step"].as_str().is_some_and(|s| s.starts_with("check-in")))
            .map(|i| {
                (
                    i["step"].as_str().unwrap_or_default().to_string(),
                    i["send_at"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect()
    }
}

/// A Maildir folder with `cur/`, `new/` and `tmp/`, and messages put in it.
struct Maildir(PathBuf);

impl Maildir {
    fn new(path: PathBuf) -> Maildir {
        for sub in ["cur", "new", "tmp"] {
            std::fs::create_dir_all(path.join(sub)).expect("the folder can be made");
        }
        Maildir(path)
    }

    /// Delivers `message` as a read message (`cur/NAME:2,S`) or a new one (`new/NAME`).
    fn put(&self, name: &str, read: bool, message: &str) {
        let file = if read {
            self.0.join("cur").join(format!("{name}:2,S"))
        } else {
            self.0.join("new").join(name)
        };
        std::fs::write(file, message.replace('\n', "\r\n")).expect("the message is written");
    }

    fn arg(&self) -> String {
        self.0.display().to_string()
    }
}

/// Dana's automatic reply, in the thread of the thank-you: `Auto-Submitted`, a folded
/// `References`, a name in RFC 2047 and a quoted-printable body with the return date.
fn out_of_office(thank_you_id: &str) -> String {
    format!(
        "Return-Path: <dana.whitfield@northwind.example>
Message-ID: <ooo-1@mail.northwind.example>
From: =?UTF-8?Q?Dana_Whitfield?= <Dana.Whitfield@northwind.example>
To: Ana Ruiz <ana.ruiz@example.com>
Subject: =?UTF-8?Q?Automatic_reply:_Thank_you_=E2=80=94_Data_Analyst?=
Date: Wed, 25 Nov 2026 08:02:00 -0600
In-Reply-To: <{thank_you_id}>
References: <earlier@northwind.example>
 <{thank_you_id}>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Hello,

I am out of the office until Thursday, December 10, with limited access to =
email. For urgent matters please contact the analytics team =E2=80=94 thank =
you.
"
    )
}

/// Northwind's newsletter, from the employer's own domain: never a reply.
const NEWSLETTER: &str = "Message-ID: <news-48@lists.northwind.example>
From: Northwind Analytics <news@northwind.example>
To: ana.ruiz@example.com
Subject: This month at Northwind
Date: Thu, 26 Nov 2026 10:00:00 -0600
List-Id: Northwind news <news.northwind.example>
List-Unsubscribe: <mailto:unsubscribe@northwind.example>
Precedence: bulk
Content-Type: text/plain

Our analytics team is growing.
";

/// A message whose header block is broken: skipped with one line, never a crash.
const MALFORMED: &str = "Message-ID: <broken@example.com>
From: someone@example.com
this line is not a header field
Date: Thu, 26 Nov 2026 10:00:00 -0600

body
";

/// A message that concerns no tracked interview.
const UNRELATED: &str = "Message-ID: <dentist@example.org>
From: Dental Office <reminders@dentist.example.org>
To: ana.ruiz@example.com
Subject: Your appointment
Date: Fri, 27 Nov 2026 09:00:00 -0600

See you on Monday.
";

/// Dana's real answer, by address only (a new thread): folded headers, a name in
/// RFC 2047 base64, a multipart body with a base64 text part and a PDF attached.
fn reply_by_address() -> String {
    let pdf = "JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PC9UeXBlL0NhdGFsb2c+PgplbmRvYmoKdHJhaWxlcgo8PC9Sb290IDEgMCBSPj4KJSVFT0YK"
        .repeat(40);
    let lines: Vec<&str> =
        pdf.as_bytes().chunks(76).map(|c| std::str::from_utf8(c).unwrap_or("")).collect();
    format!(
        "From Dana.Whitfield@northwind.example Tue Dec  8 10:15:00 2026
Message-ID: <answer-7@mail.northwind.example>
From: =?UTF-8?B?RGFuYSBXaGl0ZmllbGQ=?=
 <dana.whitfield@northwind.example>
To: Ana Ruiz <ana.ruiz@example.com>
Subject: Next steps for the
 Data Analyst role
Date: Tue, 8 Dec 2026 10:15:00 -0600
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=\"b1\"

--b1
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: base64

SGkgQW5hLCB3ZSB3b3VsZCBsaWtlIHRvIGludml0ZSB5b3UgdG8gYSBmaW5hbCByb3VuZC4K
--b1
Content-Type: application/pdf; name=\"schedule.pdf\"
Content-Disposition: attachment; filename=\"schedule.pdf\"
Content-Transfer-Encoding: base64

{}
--b1--
",
        lines.join("\n")
    )
}

/// An mbox with one message about something else, then Dana's answer, then a message
/// cut off in its header block (a truncated mbox).
fn mbox(path: &Path) {
    let text = format!(
        "From reminders@dentist.example.org Fri Nov 27 09:00:00 2026
{UNRELATED}
{}
From someone@example.com Wed Dec  9 10:00:00 2026
Message-ID: <cut@example.com>
From: som",
        reply_by_address()
    );
    std::fs::write(path, text).expect("the mbox is written");
}

#[test]
fn inbox_suggests_then_applies_out_of_office_and_reply_and_never_twice() {
    let user = User::new();
    let (thank_you_id, subject) = user.add_and_export();
    let before = user.event_count();
    let inbox = Maildir::new(user.path("Mail/INBOX"));
    inbox.put("1764079320.M1P1.host", true, &out_of_office(&thank_you_id));
    inbox.put("1764172800.M2P1.host", true, NEWSLETTER);
    inbox.put("1764172801.M3P1.host", false, MALFORMED);
    inbox.put("1764255600.M4P1.host", false, UNRELATED);
    // The sent folder holds the thank-you as the mail program sent it: a new
    // Message-ID, the same subject and recipient.
    let sent = Maildir::new(user.path("Mail/Sent"));
    sent.put(
        "1764078000.M5P1.host",
        true,
        &format!(
            "Message-ID: <resent-1@mail.example.com>
From: Ana Ruiz <ana.ruiz@example.com>
To: Dana Whitfield <dana.whitfield@northwind.example>
Subject: {subject}
Date: Tue, 24 Nov 2026 16:05:00 -0600
Content-Type: text/plain

Thank you.
"
        ),
    );

    // Without --apply: suggestions, and nothing changes.
    let now = "2026-11-25T09:00:00-06:00";
    let scan = user.ok(&["inbox", &inbox.arg(), &sent.arg(), "--now", now]);
    insta::assert_snapshot!("scan_suggestions", scan.transcript());
    assert_eq!(user.event_count(), before, "a scan without --apply records nothing");
    let json = user.json(&["inbox", &inbox.arg(), &sent.arg(), "--now", now]);
    insta::assert_json_snapshot!("scan_suggestions_json", json);

    // With --apply: the send and the out-of-office are recorded, with the message as
    // their source; the check-ins pause until Dana is back.
    let check_ins = user.open_check_ins(now);
    assert_eq!(check_ins[0].0, CHECK_IN_1);
    let applied = user.ok(&["inbox", &inbox.arg(), &sent.arg(), "--apply", "--now", now]);
    assert!(applied.stdout.contains("recorded 2 events"), "{}", applied.stdout);
    let log = user.json(&["log", ANA, "--now", now]);
    let from_inbox: Vec<&Value> = log["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter(|e| e["source"]["kind"] == "inbox")
        .collect();
    assert_eq!(from_inbox.len(), 2, "{from_inbox:#?}");
    let away = from_inbox.iter().find(|e| e["type"] == "out_of_office").expect("out of office");
    assert_eq!(away["until"], "2026-12-10");
    assert_eq!(away["person"], "Dana Whitfield");
    assert_eq!(away["source"]["message_id"], "ooo-1@mail.northwind.example");
    assert_eq!(away["source"]["sender"], "Dana Whitfield <dana.whitfield@northwind.example>");
    let sent_event = from_inbox.iter().find(|e| e["type"] == "sent").expect("sent");
    assert_eq!(sent_event["at"], "2026-11-24T22:05:00Z", "the Date of the sent copy");
    let paused = user.open_check_ins(now);
    assert_eq!(paused[0].0, CHECK_IN_1);
    assert!(
        paused[0].1.as_str() >= "2026-12-10",
        "check-in 1 waits until Dana is back: {paused:?}"
    );

    // A rescan reads nothing again and records nothing twice.
    let count = user.event_count();
    let rescan = user.json(&["inbox", &inbox.arg(), &sent.arg(), "--apply", "--now", now]);
    assert_eq!(rescan["read"], 0);
    assert_eq!(rescan["remembered"], 5);
    assert_eq!(rescan["recorded"], 0);
    assert_eq!(user.event_count(), count);

    // Dana's answer arrives in an mbox; the Maildir is remembered.
    let archive = user.path("Mail/archive.mbox");
    mbox(&archive);
    let archive = archive.display().to_string();
    let later = "2026-12-08T12:00:00-06:00";
    let scan = user.ok(&["inbox", &inbox.arg(), &archive, "--apply", "--now", later]);
    insta::assert_snapshot!("scan_reply_by_address", scan.transcript());
    assert!(user.open_check_ins(later).is_empty(), "a reply stops the check-ins");
    let show = user.json(&["show", ANA, "--now", later]);
    assert_eq!(show["state"]["state"], "replied", "{:#?}", show["state"]);

    // The same mbox again, even touched: nothing recorded twice.
    let count = user.event_count();
    std::fs::write(
        user.path("Mail/archive.mbox"),
        std::fs::read(user.path("Mail/archive.mbox")).expect("readable"),
    )
    .expect("rewritten");
    user.ok(&["inbox", &archive, "--apply", "--now", later]);
    assert_eq!(user.event_count(), count);
    // The mailbox was never changed.
    assert_eq!(std::fs::read_dir(inbox.0.join("new")).expect("listed").count(), 2);
    assert_eq!(std::fs::read_dir(inbox.0.join("cur")).expect("listed").count(), 2);
}

#[test]
fn a_reply_in_the_thread_from_another_address_stops_the_check_ins() {
    let user = User::new();
    let (thank_you_id, _) = user.add_and_export();
    let eml = user.path("reply.eml");
    std::fs::write(
        &eml,
        format!(
            "Message-ID: <r1@hr.example.net>\r\nFrom: Northwind Hiring <hiring@hr.example.net>\r\nTo: ana.ruiz@example.com\r\nSubject: Re: your note\r\nDate: Mon, 30 Nov 2026 09:00:00 -0600\r\nIn-Reply-To: <{thank_you_id}>\r\n\r\nThanks Ana, we'll be in touch.\r\n"
        ),
    )
    .expect("written");
    let now = "2026-11-30T10:00:00-06:00";
    let json = user.json(&["inbox", &eml.display().to_string(), "--apply", "--now", now]);
    let suggestion = &json["suggestions"][0];
    assert_eq!(suggestion["rule"], "in_reply_to");
    assert_eq!(suggestion["confidence"], "strong");
    assert_eq!(suggestion["recorded"], true);
    assert!(user.open_check_ins(now).is_empty(), "the check-ins stop");
}

#[test]
fn a_path_that_is_not_a_mailbox_is_refused() {
    let user = User::new();
    user.ok(&["add", EMAIL, "--now", "2026-11-24T15:30:00-06:00"]);
    std::fs::create_dir_all(user.path("empty")).expect("made");
    for (name, path) in [("missing", user.path("nowhere")), ("not_a_mailbox", user.path("empty"))] {
        let run = user.run(&["inbox", &path.display().to_string()]);
        assert_eq!(run.code, 2, "{}", run.transcript());
        insta::assert_snapshot!(name, run.transcript());
    }
}
