#!/usr/bin/env python3
"""Chooses a small corpus to commit: at most N files and B bytes that keep the most code
covered, from the control file of a libFuzzer merge (see docs/fuzzing.md).

libFuzzer's own minimisation (`cargo fuzz cmin`, `-merge=1`) keeps every file that adds
a feature, which after a million runs is thousands of files. This picks greedily the
file that covers the most edges not yet covered (the smaller on a tie) until the
limits are reached or nothing new is covered, and copies the picks into OUT.

Usage: shrink_corpus.py CONTROL_FILE OUT [MAX_FILES [MAX_BYTES]]
"""

import os
import shutil
import sys


def read_control(path):
    """The input files of a merge and the edges each covers."""
    with open(path, encoding="utf-8", errors="replace") as control:
        lines = control.read().splitlines()
    count = int(lines[0])
    files = lines[2 : 2 + count]
    edges = {}
    for line in lines[2 + count :]:
        if line.startswith("COV "):
            parts = line.split()
            edges[int(parts[1])] = set(parts[2:])
    return files, edges


def main():
    control, out = sys.argv[1], sys.argv[2]
    max_files = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    max_bytes = int(sys.argv[4]) if len(sys.argv) > 4 else 200_000
    files, edges = read_control(control)
    sizes = {i: os.path.getsize(files[i]) for i in edges}
    covered, picked, total = set(), [], 0
    while len(picked) < max_files:
        best = max(
            (i for i in edges if i not in picked and total + sizes[i] <= max_bytes),
            key=lambda i: (len(edges[i] - covered), -sizes[i]),
            default=None,
        )
        if best is None or not edges[best] - covered:
            break
        covered |= edges[best]
        picked.append(best)
        total += sizes[best]
    os.makedirs(out, exist_ok=True)
    for i in picked:
        shutil.copy(files[i], out)
    every = set().union(*edges.values()) if edges else set()
    print(f"{len(picked)} files, {total} bytes, {len(covered)} of {len(every)} edges")


if __name__ == "__main__":
    main()
