#!/usr/bin/env python3
"""Diff two directories of faultlock JSON reports (one NAME.json per corpus, as bench/reports.sh
writes them) by finding fingerprint: what an analysis change did to the findings on real code.

usage: bench/diff-reports.py DIR_A DIR_B [--summary-only]

For each corpus: counts (total/high/low) on both sides, then the findings whose fingerprint is
only in one side ("-" only in A, "+" only in B) or whose confidence changed ("~"). A finding
only in A and one only in B with the same rule, location and full message are shown together
("=", fingerprint changed) rather than as one lost and one new.
"""
import collections
import json
import os
import re
import sys

ORDER = ["java.logging", "jdk.zipfs", "jimfs", "memoryfilesystem", "commons-vfs2", "h2",
         "bookkeeper-server", "kafka-clients", "lucene-core", "java.base"]
PREFIX = re.compile(r"^.*?/corpus/(?:jdk|libs)/[^/]+/")


def load(path):
    if not os.path.exists(path):
        return None, "missing"
    try:
        with open(path) as f:
            return json.load(f), None
    except Exception as e:  # empty or truncated report
        return None, "unreadable (%s)" % e.__class__.__name__


def counts(rep):
    if rep is None:
        return None
    c = collections.Counter(f.get("confidence") for f in rep["findings"])
    return len(rep["findings"]), c.get("high", 0), c.get("low", 0)


def loc(f):
    l = f.get("location") or {}
    return "%s:%s" % (PREFIX.sub("", l.get("file", "?")), l.get("line", "?"))


def describe(f):
    msg = " ".join(f.get("message", "").split())
    return "%-22s %-6s %s\n      %s" % (f["ruleId"], f.get("confidence"), loc(f), msg[:150])


def by_fp(rep):
    d = collections.defaultdict(list)
    for f in rep["findings"]:
        d[f["fingerprint"]].append(f)
    return d


def fmt_counts(c):
    return "%5s %5s %5s" % c if c else "%17s" % "n/a"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    summary_only = "--summary-only" in sys.argv
    a_dir, b_dir = args
    names = set(n[:-5] for d in (a_dir, b_dir) if os.path.isdir(d)
                for n in os.listdir(d) if n.endswith(".json"))
    names = [n for n in ORDER if n in names] + sorted(names - set(ORDER))

    reps = {n: (load(os.path.join(a_dir, n + ".json")), load(os.path.join(b_dir, n + ".json")))
            for n in names}

    print("A = %s\nB = %s\n" % (a_dir, b_dir))
    print("%-18s | %17s | %17s | %s" % ("corpus", "A total high  low", "B total high  low",
                                         "only-A only-B conf-chg new-fp"))
    print("-" * 91)
    tot = [0] * 6
    details = []
    for n in names:
        (ra, ea), (rb, eb) = reps[n]
        ca, cb = counts(ra), counts(rb)
        for i, c in enumerate((ca, cb)):
            if c:
                for j in range(3):
                    tot[3 * i + j] += c[j]
        if ra is None or rb is None:
            print("%-18s | %s | %s | %s" % (n, fmt_counts(ca), fmt_counts(cb),
                                            "A " + (ea or "ok") + ", B " + (eb or "ok")))
            continue
        fa, fb = by_fp(ra), by_fp(rb)
        only_a, only_b, changed = [], [], []
        for fp in sorted(set(fa) | set(fb)):
            la, lb = list(fa.get(fp, [])), list(fb.get(fp, []))
            # a fingerprint can be shared by several findings (same rule/locks, other lines):
            # pair those at the same location first, then the rest in report order
            pairs = []
            for x in list(la):
                y = next((y for y in lb if loc(y) == loc(x)), None)
                if y is not None:
                    pairs.append((x, y)); la.remove(x); lb.remove(y)
            k = min(len(la), len(lb))
            pairs += list(zip(la[:k], lb[:k]))
            only_a += la[k:]
            only_b += lb[k:]
            for x, y in pairs:
                if x.get("confidence") != y.get("confidence"):
                    changed.append((x, y))
        # findings whose fingerprint changed but whose rule, location and message did not
        refp = []
        ident = lambda f: (f["ruleId"], loc(f), f.get("message"))
        for x in list(only_a):
            y = next((y for y in only_b if ident(y) == ident(x)), None)
            if y is not None:
                refp.append((x, y)); only_a.remove(x); only_b.remove(y)
        print("%-18s | %s | %s | %6d %6d %6d %6d" % (n, fmt_counts(ca), fmt_counts(cb),
                                                 len(only_a), len(only_b), len(changed), len(refp)))
        if only_a or only_b or changed or refp:
            details.append((n, only_a, only_b, changed, refp))
    print("-" * 91)
    print("%-18s | %5d %5d %5d | %5d %5d %5d |" % tuple(["TOTAL"] + tot))
    if summary_only:
        return
    for n, only_a, only_b, changed, refp in details:
        print("\n=== %s: %d only in A, %d only in B, %d confidence changed, "
              "%d same rule/location/message under a new fingerprint" %
              (n, len(only_a), len(only_b), len(changed), len(refp)))
        key = lambda f: (f["ruleId"], loc(f))
        for f in sorted(only_a, key=key):
            print("  - " + describe(f))
        for f in sorted(only_b, key=key):
            print("  + " + describe(f))
        for x, y in sorted(changed, key=lambda p: key(p[0])):
            print("  ~ %s -> %s  %s" % (x.get("confidence"), y.get("confidence"), describe(y)))
        for x, y in sorted(refp, key=lambda p: key(p[0])):
            c = x.get("confidence") if x.get("confidence") == y.get("confidence") else \
                "%s -> %s" % (x.get("confidence"), y.get("confidence"))
            print("  = fp %s -> %s (%s)  %s" % (x["fingerprint"][:8], y["fingerprint"][:8], c,
                                                describe(y)))


if __name__ == "__main__":
    main()
