"""Sentence splitters compared on the dev data: how many of today's cuts each keeps, and its time.

Three splitters over every non-blank line of ``../shared/data/*/dev.jsonl`` and the seeds:

* **today** -- ``text/sentences.split_paragraph``: the boundary regex, pysbd only on the pieces
  that hold an abbreviation, an initial, an ellipsis or a digit after a period, quote repair;
* **regex only** -- the same without pysbd (hard pieces stay whole): the cheapest splitter;
* **pysbd** -- pysbd (Sadvilkar & Neumann, NLP-OSS 2020) on the whole line, its segments located
  left to right.

Agreement is over cut offsets (where a new sentence starts), against today's cuts and against
pysbd's: precision = shared / the splitter's cuts, recall = shared / the reference's cuts.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

from storyline.text import sentences

SHARED = Path(__file__).resolve().parents[2] / "shared"


def dev_lines(max_chars: int) -> list[str]:
    """Non-blank lines of each dev file (up to ``max_chars`` characters a file) and of the seeds."""
    lines: list[str] = []
    for path in sorted((SHARED / "data").glob("*/dev.jsonl")):
        total = 0
        with path.open(encoding="utf-8") as f:
            for raw in f:
                record = json.loads(raw)
                for doc in record.get("docs", [record]) if "protocol" not in record else []:
                    for line in str(doc.get("text", "")).splitlines():
                        if line.strip() and total < max_chars:
                            lines.append(line)
                            total += len(line)
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        lines += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines


def _cuts_of(spans: list[tuple[int, int]]) -> set[int]:
    return {start for start, _ in spans[1:]}


def _pysbd(line: str) -> list[tuple[int, int]]:
    spans, cursor = [], 0
    for segment in sentences._segmenter().segment(line):
        stripped = segment.strip()
        found = line.find(stripped, cursor) if stripped else -1
        if found >= 0:
            spans.append((found, found + len(stripped)))
            cursor = found + len(stripped)
    return spans


def _regex_only(line: str) -> list[tuple[int, int]]:
    real = sentences._pysbd_cuts
    sentences._pysbd_cuts = lambda piece: ()  # type: ignore[assignment]
    try:
        return sentences.split_paragraph(line)
    finally:
        sentences._pysbd_cuts = real


def _run(split: Callable[[str], list[tuple[int, int]]], lines: list[str]) -> tuple[list[set[int]], float]:
    start = time.process_time()
    cuts = [_cuts_of(split(line)) for line in lines]
    return cuts, time.process_time() - start


def _agreement(found: list[set[int]], reference: list[set[int]]) -> str:
    shared = sum(len(a & b) for a, b in zip(found, reference, strict=True))
    precision = shared / max(1, sum(map(len, found)))
    recall = shared / max(1, sum(map(len, reference)))
    return f"{precision:.3f} / {recall:.3f}"


def section(max_chars: int = 400_000) -> str:
    load_average = os.getloadavg()[0]
    lines = dev_lines(max_chars)
    sentences._pysbd_cuts.cache_clear()
    today, today_s = _run(sentences.split_paragraph, lines)
    regex, regex_s = _run(_regex_only, lines)
    sentences._pysbd_cuts.cache_clear()
    pysbd, pysbd_s = _run(_pysbd, lines)
    chars = sum(map(len, lines))
    rows = [
        ("today (regex + pysbd on hard pieces)", today, today_s),
        ("regex only (no pysbd)", regex, regex_s),
        ("pysbd on every line", pysbd, pysbd_s),
    ]
    table = ["| splitter | cuts | CPU s | vs today: precision / recall | vs pysbd: precision / recall |",
             "|---|---|---|---|---|"]  # fmt: skip
    for name, cuts, seconds in rows:
        table.append(f"| {name} | {sum(map(len, cuts)):,} | {seconds:.1f} | {_agreement(cuts, today)} | "
                     f"{_agreement(cuts, pysbd)} |")  # fmt: skip
    return "\n".join([
        "## Sentence splitters on the dev data",
        "",
        f"bench/splitter.py: {len(lines):,} non-blank lines ({chars / 1e6:.1f} M characters: the first"
        f" {max_chars:,} characters of each `../shared/data/*/dev.jsonl` and the seeds), cut offsets compared.",
        f"CPU seconds of this process (pysbd's cache cleared first). Load average at the start: {load_average:.1f}.",
        "",
        *table,
    ])  # fmt: skip


if __name__ == "__main__":
    print(section())
