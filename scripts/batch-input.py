#!/usr/bin/env python3
"""Writes N interviews shaped like docs/examples/professional-email.toml as JSON Lines,
with the candidate's and interviewer's names, zones and meeting times varied: the
input the batch figures in docs/batch.md are measured on.

    python3 scripts/batch-input.py 100000 > /tmp/batch100k.jsonl
"""
import json
import sys
import tomllib
import unicodedata
from pathlib import Path

FIRST = ["Ana", "Ben", "Chloé", "Dev", "Emeka", "Fatima", "Grace", "Hiro", "Ines", "Jon",
         "Kwame", "Lena", "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq"]
LAST = ["Ruiz", "Okafor", "Nguyen", "Schmidt", "Patel", "Kowalski", "Haddad", "Tanaka",
        "Silva", "Moreau", "Walsh", "Jensen", "Costa", "Ibrahim", "Larsen", "Reyes"]
ZONES = [("America/New_York", "-05:00"), ("America/Chicago", "-06:00"),
         ("America/Denver", "-07:00"), ("America/Phoenix", "-07:00"),
         ("America/Los_Angeles", "-08:00")]


def ascii_of(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    root = Path(__file__).resolve().parent.parent
    base = tomllib.loads((root / "docs/examples/professional-email.toml").read_text())
    out = sys.stdout
    for i in range(n):
        record = json.loads(json.dumps(base))
        first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
        ifirst, ilast = FIRST[(i * 7 + 3) % len(FIRST)], LAST[(i * 5 + 1) % len(LAST)]
        zone, offset = ZONES[i % len(ZONES)]
        day = 16 + i % 10
        hour = 9 + i % 8
        cand = record["candidate"]
        cand["name"] = f"{first} {last}"
        cand["email"] = f"{ascii_of(first)}.{ascii_of(last)}{i}@example.com"
        cand["time_zone"] = zone
        cand["signature"] = f"{first} {last}\n(312) 555-{i % 10000:04d}"
        record["meeting"]["start"] = f"2026-11-{day:02d}T{hour:02d}:00:00{offset}"
        record["meeting"]["time_zone"] = zone
        person = record["interviewers"][0]
        person["name"] = f"{ifirst} {ilast}"
        person["email"] = f"{ascii_of(ifirst)}.{ascii_of(ilast)}@northwind.example"
        person["linkedin"] = f"https://www.linkedin.com/in/{ascii_of(ifirst)}-{ascii_of(ilast)}-{i}"
        record["next_steps"]["decision_date"] = f"2026-12-{1 + i % 9:02d}"
        record["next_steps"]["notes"] = f"{ifirst} said they would decide within two weeks."
        out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
        out.write("\n")


if __name__ == "__main__":
    main()
