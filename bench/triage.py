#!/usr/bin/env python3
"""First-pass triage of bench/noise.sh's output: reads target/noise/NAME.txt and prints, per
corpus, every finding as a Markdown table row with the cause class a pattern assigns to it.

The patterns encode the false-positive causes found by reading findings by hand (see
docs/evaluation.md), and HAND holds the verdicts of the findings read one by one; a finding
neither explains is "review" (not triaged).

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


# Verdicts of findings read by hand (docs/evaluation.md, "after" state of 2026-11-25): the file
# (path tail) and line of the finding, its rule and what reading the code showed.
HAND = {
    ("bookie/LogMark.java:69", "UNSORTED_SAME_CLASS_LOCKS"): "likely-true",
    ("bookie/LogMark.java:71", "UNSORTED_SAME_CLASS_LOCKS"): "likely-true",
    ("impl/SynchronizedFileObject.java:52", "UNSORTED_SAME_CLASS_LOCKS"): "likely-true",
    ("impl/SynchronizedFileObject.java:165", "UNSORTED_SAME_CLASS_LOCKS"): "likely-true",
    ("client/RegionAwareEnsemblePlacementPolicy.java:175", "UNSORTED_SAME_CLASS_LOCKS"): "FP-hierarchy",
    ("client/RegionAwareEnsemblePlacementPolicy.java:363", "UNSORTED_SAME_CLASS_LOCKS"): "FP-hierarchy",
    ("client/RegionAwareEnsemblePlacementPolicy.java:431", "UNSORTED_SAME_CLASS_LOCKS"): "FP-hierarchy",
    ("client/RegionAwareEnsemblePlacementPolicy.java:464", "UNSORTED_SAME_CLASS_LOCKS"): "FP-hierarchy",
    ("provider/AbstractFileObject.java:365", "UNSORTED_SAME_CLASS_LOCKS"): "FP-same-owner",
    ("bookie/EntryLogManagerForSingleEntryLog.java:87", "LOCK_ORDER_INVERSION"): "FP-dispatch",
    ("logging/FileHandler.java:772", "LOCK_ORDER_INVERSION"): "FP-unpublished",
}
CYCLE = re.compile(r"dependency: (.*?) \(")
CALLED = re.compile(r" calls `[\w.$]*\.(\w+)`")


def classify(rule, message, trace, where=""):
    for (tail, r), verdict in HAND.items():
        if r == rule and where.endswith(tail):
            return verdict
    cycle = CYCLE.search(message)
    if rule == "LOCK_ORDER_INVERSION" and cycle:
        classes = cycle.group(1).split(" -> ")
        # One object named by two lock classes: its field's (`AbstractFileObject.fileSystem`) and
        # its type's (`FileSystem`).
        fields = {c.split(".")[-1].lower() for c in classes if "." in c}
        if any("." not in c and c.lower() in fields for c in classes):
            return "FP-lock-class"
        # Every call of the cycle is one method (`tryLock`, `createShallowCopy`): wrappers of
        # one interface forwarding to each other, in both orders.
        called = {m.group(1) for t in trace for m in [CALLED.search(t)] if m}
        if len(called) == 1:
            return "FP-dispatch"
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
            cls = classify(f["rule"], f["message"], f["trace"], f"{f['file']}:{f['line']}")
            counts[cls] += 1
            locks = f["message"].split(" (")[0].split(", in program order")[0]
            locks = locks.split("dependency: ")[-1]
            locks = locks.replace("|", "\\|")[:110]
            print(f"| {i} | `{short(f['file'])}:{f['line']}` | {f['rule']} | {locks} | {cls} |")
        totals[corpus] = counts
    print("\n### First-pass totals\n")
    classes = sorted({k for c in totals.values() for k in c})
    print("| corpus | findings | " + " | ".join(classes) + " |")
    print("|---|---|" + "---|" * len(classes))
    for corpus, c in totals.items():
        print(f"| {corpus} | {sum(c.values())} | " + " | ".join(str(c[k]) for k in classes) + " |")


if __name__ == "__main__":
    main(sys.argv[1])
