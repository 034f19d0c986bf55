#!/usr/bin/env bash
# The robustness check over the *whole* src.zip (the JUnit tests use a sample): the analysis of
# all 15,224 files must end normally (exit 0, no exception on stderr) and every problem it reports
# must name a file and a line. Writes every finding and problem to $OUT/robustness/srczip.txt.
export HEAP="${HEAP:-12g}"
source "$(dirname "$0")/lib.sh"
build
CORPUS="$(jdk_corpus)"
mkdir -p "$OUT/robustness"
report="$OUT/robustness/srczip.txt"
err="$OUT/robustness/stderr.txt"
if ! measure robustness analyze --out "$report" "$CORPUS" 2>"$err"; then
  echo "FAIL: the analysis of src.zip did not end normally; stderr:" >&2
  head -50 "$err" >&2
  exit 1
fi
if grep -E 'Exception|Error:|at dev\.faultlock\.' "$err" >/dev/null; then
  echo "FAIL: stack trace or error on stderr:" >&2
  head -50 "$err" >&2
  exit 1
fi
# A problem line is "problem FILE:LINE message"; Location prints no ":LINE" when the line is 0.
bad=$(grep '^problem ' "$report" | awk '$2 !~ /:[0-9]+$/' || true)
echo "findings: $(grep -c '^finding ' "$report" || true), problems: $(grep -c '^problem ' "$report" || true)"
if [[ -n "$bad" ]]; then
  echo "FAIL: problems without a line:" >&2
  echo "$bad" | head -20 >&2
  exit 1
fi
echo "OK: src.zip analysed with no crash; every problem has a file and a line"
