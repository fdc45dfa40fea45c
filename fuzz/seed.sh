#!/usr/bin/env bash
# Fills fuzz/corpus/TARGET/ with starting inputs made from our own fixtures
# and demo articles, so that the fuzzers begin from real article shapes.
set -euo pipefail
cd "$(dirname "$0")"
root=..
for t in page dates records html feed extract terminal_text; do mkdir -p "corpus/$t"; done
cp "$root"/tests/fixtures/text/*.txt corpus/page/
cp "$root"/tests/fixtures/html/*.html corpus/html/
cp "$root"/tests/fixtures/feeds/*.xml corpus/feed/
cp "$root"/tests/fixtures/text/*.txt corpus/terminal_text/
# records: a first byte of 0 reads JSON Lines, 1 reads CSV.
for f in "$root"/tests/fixtures/jsonl/*.jsonl; do
  { printf '\0'; cat "$f"; } > "corpus/records/$(basename "$f")"
done
for f in "$root"/tests/fixtures/csv/*.csv; do
  { printf '\1'; cat "$f"; } > "corpus/records/$(basename "$f")"
done
# One demo article a file: title, then body, for extraction; each body
# sentence after a publication day and tense for the date resolver.
python3 - "$root/db/demo/articles.jsonl" <<'PY'
import json, sys
for n, line in enumerate(open(sys.argv[1], encoding="utf-8")):
    a = json.loads(line)
    body = a.get("body") or a.get("text") or ""
    with open(f"corpus/extract/demo-{n:03}", "w", encoding="utf-8") as f:
        f.write(a["title"] + "\n" + body)
    for k, sentence in enumerate(body.replace("।", "।\n").split("\n")[:20]):
        if sentence.strip():
            with open(f"corpus/dates/demo-{n:03}-{k:02}", "wb") as f:
                f.write(bytes([0x22, 0x16, k % 4]) + sentence.strip().encode())
PY
# A dictionary of the date, tense and trigger words, for the dates and
# extract targets (-dict=corpus/words.dict).
python3 - "$root/db/rules/dates.txt" "$root/db/rules/events.txt" <<'PY' > corpus/words.dict
import sys, json
words = set()
for path in sys.argv[1:]:
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith(("#", "[")):
            continue
        for w in line.replace(":", " ").split():
            if not w.isdigit():
                words.add(w)
for w in sorted(words):
    # libFuzzer's dictionary syntax: bytes outside printable ASCII as \xAB.
    print('"' + "".join(chr(b) if 0x20 <= b < 0x7f and chr(b) not in '"\\' else "\\x%02x" % b for b in w.encode()) + '"')
PY
