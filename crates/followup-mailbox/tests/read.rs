//! Reading real mailbox layouts from disk: Maildir (`cur/`, `new/`, flags in names,
//! `tmp/` left alone), mbox (split on `From ` lines, truncated at the end), `.eml`
//! files, and messages in the encodings mail programs write.

use std::fs::File;
use std::path::Path;

use followup_mailbox::{Automatic, Entry, Mailbox, MailboxKind, Message, Skipped};
use jiff::civil::date;

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("made");
    std::fs::write(path, text.replace('\n', "\r\n")).expect("written");
}

/// Every entry of a mailbox, with what reading it gave, sorted by entry name.
fn read_all(mailbox: &Mailbox) -> Vec<(Entry, Vec<Result<Message, Skipped>>)> {
    let mut out = Vec::new();
    mailbox
        .for_each_entry(|entry| {
            let mut messages = Vec::new();
            mailbox.read(&entry, |m| messages.push(m))?;
            out.push((entry, messages));
            Ok::<_, followup_mailbox::MailboxError>(())
        })
        .expect("readable");
    out.sort_by(|a, b| a.0.name.cmp(&b.0.name));
    out
}

fn message(id: &str, extra: &str, body: &str) -> String {
    format!(
        "Message-ID: <{id}>\nFrom: Dana <dana@northwind.example>\nTo: ana@example.com\nDate: Thu, 3 Dec 2026 11:00:00 -0600\n{extra}\n{body}"
    )
}

#[test]
fn a_maildir_is_read_from_cur_and_new_with_stable_names() {
    let dir = tempfile::tempdir().expect("scratch");
    let root = dir.path();
    write(&root.join("cur/1.M1.host:2,RS"), &message("a@x", "Subject: read\n", "body\n"));
    write(&root.join("new/2.M2.host"), &message("b@x", "Subject: new\n", "body\n"));
    // Being delivered, and a mail program's own file: neither is read.
    write(&root.join("tmp/3.M3.host"), &message("c@x", "", ""));
    write(&root.join("cur/.dovecot.index"), "not a message");
    let mailbox = Mailbox::open(root).expect("a Maildir");
    assert_eq!(mailbox.kind(), MailboxKind::Maildir);
    let all = read_all(&mailbox);
    let names: Vec<&str> = all.iter().map(|(e, _)| e.name.as_str()).collect();
    assert_eq!(names, ["1.M1.host", "2.M2.host"], "flags are not part of the name");
    let subjects: Vec<String> =
        all.iter().map(|(_, m)| m[0].as_ref().expect("readable").subject.clone()).collect();
    assert_eq!(subjects, ["read", "new"]);
}

#[test]
fn an_mbox_is_split_on_from_lines_and_a_truncated_end_is_skipped() {
    let dir = tempfile::tempdir().expect("scratch");
    let path = dir.path().join("archive");
    let text = format!(
        "From a@x Thu Dec  3 11:00:00 2026\n{}\n>From the desk of Dana\n\nFrom b@x Thu Dec  3 12:00:00 2026\n{}\nFrom c@x Thu Dec  3 13:00:00 2026\nMessage-ID: <c@x>\nFrom: Da",
        message("a@x", "Subject: one\n", "line\n"),
        message("b@x", "Subject: two\n", "line\n"),
    );
    write(&path, &text);
    let mailbox = Mailbox::open(&path).expect("an mbox");
    assert_eq!(mailbox.kind(), MailboxKind::Mbox);
    let all = read_all(&mailbox);
    assert_eq!(all.len(), 1, "one file");
    let messages = &all[0].1;
    assert_eq!(messages.len(), 3);
    assert_eq!(messages[0].as_ref().expect("one").subject, "one");
    assert_eq!(messages[1].as_ref().expect("two").subject, "two");
    let cut = messages[2].as_ref().expect_err("truncated");
    assert!(cut.location.ends_with("archive, message 3 (line 21)"), "{}", cut.location);
    assert_eq!(cut.problem, "its From header names no address");
}

#[test]
fn encoded_names_folded_headers_and_encoded_bodies_are_decoded() {
    let dir = tempfile::tempdir().expect("scratch");
    let path = dir.path().join("ooo.eml");
    // A name in RFC 2047 base64, a folded subject in RFC 2047 quoted-printable, a
    // folded References, and an out-of-office text in base64 inside multipart.
    let text = "Message-ID: <ooo@x>
From: =?UTF-8?B?5L2Q6JekIOiKseWtkA==?= <hanako@northwind.example>
To: ana@example.com
Subject: =?UTF-8?Q?Automatic_reply:_?=
 =?UTF-8?Q?Danke_sch=C3=B6n?=
References: <one@x>
\t<two@x>
In-Reply-To: <two@x>
Date: Thu, 3 Dec 2026 11:00:00 +0900
Content-Type: multipart/alternative; boundary=\"zz\"

--zz
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: base64

SSBhbSBvdXQgb2YgdGhlIG9mZmljZSB1bnRpbCBNb25kYXksIERlY2VtYmVyIDE0Lg==
--zz--
";
    write(&path, text);
    let mailbox = Mailbox::open(&path).expect("an .eml");
    assert_eq!(mailbox.kind(), MailboxKind::Eml);
    let all = read_all(&mailbox);
    let m = all[0].1[0].as_ref().expect("readable");
    assert_eq!(m.from.name.as_deref(), Some("佐藤 花子"));
    assert_eq!(m.subject, "Automatic reply: Danke schön");
    assert_eq!(m.references, ["one@x", "two@x"]);
    assert_eq!(m.in_reply_to, ["two@x"]);
    assert_eq!(m.automatic, Automatic::Reply { until: Some(date(2026, 12, 14)) });
    assert_eq!(m.day, date(2026, 12, 3), "the day in the sender's own offset");
}

#[test]
fn a_huge_attachment_is_skipped_over_not_loaded() {
    let dir = tempfile::tempdir().expect("scratch");
    // 100 MB of body on one line: a sparse file, so the test costs no disk.
    let eml = dir.path().join("big.eml");
    write(&eml, &message("big@x", "Subject: the dataset\n", "x"));
    File::options().append(true).open(&eml).expect("opens").set_len(100 << 20).expect("grows");
    let mailbox = Mailbox::open(&eml).expect("an .eml");
    assert_eq!(read_all(&mailbox)[0].1[0].as_ref().expect("readable").subject, "the dataset");
    // The same inside an mbox, followed by another message that must still be found.
    let mbox = dir.path().join("big.mbox");
    write(&mbox, &format!("From a@x Thu Dec  3 11:00:00 2026\n{}", message("big@x", "", "x")));
    let file = File::options().append(true).open(&mbox).expect("opens");
    file.set_len(100 << 20).expect("grows");
    drop(file);
    let tail = format!("\nFrom b@x Thu Dec  3 11:00:00 2026\n{}", message("after@x", "", "y\n"))
        .replace('\n', "\r\n");
    std::io::Write::write_all(
        &mut File::options().append(true).open(&mbox).expect("opens"),
        tail.as_bytes(),
    )
    .expect("appended");
    let mailbox = Mailbox::open(&mbox).expect("an mbox");
    let messages = &read_all(&mailbox)[0].1;
    assert_eq!(messages.len(), 2);
    assert_eq!(messages[1].as_ref().expect("readable").message_id, "after@x");
}

#[test]
fn a_folder_of_eml_files_is_a_mailbox_and_other_folders_are_not() {
    let dir = tempfile::tempdir().expect("scratch");
    write(&dir.path().join("drafts/a.eml"), &message("a@x", "", ""));
    write(&dir.path().join("drafts/notes.txt"), "not mail");
    let mailbox = Mailbox::open(&dir.path().join("drafts")).expect("a folder of .eml");
    assert_eq!(mailbox.kind(), MailboxKind::EmlFolder);
    assert_eq!(read_all(&mailbox).len(), 1, "only the .eml");
    std::fs::create_dir_all(dir.path().join("empty")).expect("made");
    let err = Mailbox::open(&dir.path().join("empty")).expect_err("not a mailbox");
    assert!(err.to_string().contains("not a Maildir"), "{err}");
}
