#!/usr/bin/env python3
"""First-pass triage of bench/noise.sh's output: reads target/noise/NAME.txt and prints, per
corpus, every finding as a Markdown table row with the cause class a pattern assigns to it.

The patterns encode the false-positive causes found by reading findings by hand (see
docs/evaluation.md); a finding none of them explains is "review" (not triaged automatically).

Usage: triage.py target/noise  > table.md
"""
import os
import re
import sys
from collections import Counter

FINDING = re.compile(r"^finding (\S+):(\d+) \[(\w+)\] (\w+) (.*)$")
SAME_CLASS = re.compile(r"lock `(.*?)` is acquired while .* lock `(.*?)` is held")
# Interface or Object methods a class-hierarchy call graph dispatches to every implementation.
WIDE_DISPATCH = re.compile(
    r"calls `[\w.$]*\.(toString|equals|hashCode|compareTo|next|hasNext|iterator|run|call|accept"
    r"|apply|get|close|forEach|write|read|flush)`")


def classify(rule, message, trace):
    m = SAME_CLASS.search(message)
    if rule == "UNSORTED_SAME_CLASS_LOCKS" and m:
        acquired, held = m.group(1), m.group(2)
        if acquired == held or acquired.endswith("." + held) and held == "this":
            return "FP-identity"
        if any(".this" in x for x in (acquired, held)) and {acquired.split(".")[-1], held.split(".")[-1]} == {"this"}:
            return "FP-identity"
    steps = [t for t in trace if " calls `" in t]
    if any(WIDE_DISPATCH.search(t) for t in steps):
        return "FP-dispatch"
    return "review"


def read(path):
    findings, current = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            m = FINDING.match(line)
            if m:
                current = {"file": m.group(1), "line": m.group(2), "rule": m.group(3),
                           "message": m.group(5), "trace": []}
                findings.append(current)
            elif line.startswith("    ") and current is not None:
                current["trace"].append(line.strip())
            else:
                current = None
    return findings


def short(path):
    for marker in ("/corpus/jdk/", "/corpus/libs/"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


def main(directory):
    totals = {}
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".txt"):
            continue
        corpus = name[:-4]
        findings = read(os.path.join(directory, name))
        counts = Counter()
        print(f"\n### {corpus}: {len(findings)} findings\n")
        print("| # | where | rule | locks | first-pass triage |")
        print("|---|---|---|---|---|")
        for i, f in enumerate(findings, 1):
            cls = classify(f["rule"], f["message"], f["trace"])
            counts[cls] += 1
            locks = f["message"].split(" (")[0].split(", in program order")[0]
            locks = locks.split("dependency: ")[-1]
            locks = locks.replace("|", "\\|")[:110]
            print(f"| {i} | `{short(f['file'])}:{f['line']}` | {f['rule']} | {locks} | {cls} |")
        totals[corpus] = counts
    print("\n### First-pass totals\n")
    print("| corpus | findings | FP-identity | FP-dispatch | review |")
    print("|---|---|---|---|---|")
    for corpus, c in totals.items():
        print(f"| {corpus} | {sum(c.values())} | {c['FP-identity']} | {c['FP-dispatch']} | {c['review']} |")


if __name__ == "__main__":
    main(sys.argv[1])
