"""Summary quality on every benchmark file in ../shared/data, and the CI quality floors.

    python bench/quality.py                    # print the Markdown section of bench/RESULTS.md
    python bench/quality.py --update-floors    # re-measure bench/floors.json (refuses to lower a floor)
    python bench/quality.py --update-floors --allow-lower   # ... after a reviewed drop in quality

bench/run.py calls :func:`quality_section`. Every system runs on the same prepared
sentences (storyline.eval); see src/storyline/eval/harness.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from storyline.eval.datasets import slice_digest
from storyline.eval.harness import EvalResult, evaluate
from storyline.eval.report import to_markdown
from storyline.eval.rouge import METRICS
from storyline.rankers import DEFAULT_RANKER

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "data"
FLOORS = HERE / "floors.json"
MARGIN = 0.005  # floors sit this far below the measured scores: room for platform noise, not for regressions

# What others report on each dataset, and why it is (not) comparable with our table.
PUBLISHED: dict[str, list[str]] = {
    "opinosis": [
        "Ganesan, Zhai & Han (COLING 2010) report ROUGE-1, ROUGE-2 and ROUGE-SU4 recall, precision and F-score "
        "(ROUGE-1.5.5) of their abstractive Opinosis summaries, a MEAD extractive baseline and the human summaries, "
        "on all 51 topics and with their own summary length, as we understand the paper. That setup differs from "
        "this one (25-word cut, rouge-score F1 averaged over references, 26 dev topics), so their numbers are not "
        "comparable, and we do not copy numbers we could not check offline.",
    ],
    "duc2004": [
        "DUC 2004 task 2 results are usually quoted as ROUGE-1.5.5 recall, `-n 2 -m -l 100` (e.g. Hong et al., "
        "LREC 2014, for LexRank and others); compare only runs with that protocol.",
    ],
    "wcep": [
        "Gholipour Ghalandari et al. (ACL 2020) report extractive baselines and oracles on WCEP test with their own "
        "ROUGE F1 variant, as we understand it; compare only with the wcep protocol.",
    ],
}


def benchmark_files() -> list[Path]:
    return sorted(DATA.glob("*/*.jsonl"))


def quality_section(files: list[Path] | None = None) -> str:
    """Markdown: per benchmark file, every method with 95% CIs, p vs default, speed; oracle; published numbers."""
    files = benchmark_files() if files is None else files
    parts = [
        "## Summary quality",
        "",
        "`storyline eval FILE --ranker all` (src/storyline/eval): every method extracts from the same sentences",
        "(Storyline's split, cleaned, folded story), under the same word budget, scored with rouge-score per the",
        "file's protocol. `random`, `lead` and the greedy ROUGE `oracle` are references; `sumy_*` are sumy 0.13's",
        "summarizers through its API; the rest are Storyline's rankers (static embeddings) through `select()`.",
        "",
    ]
    if not files:
        return "\n".join([*parts, f"No benchmark files found under {DATA}."]) + "\n"
    for path in files:
        print(f"quality: evaluating {path}", file=sys.stderr)
        result = evaluate(path)
        parts.append(_file_section(result))
    return "\n".join(parts)


def _file_section(result: EvalResult) -> str:
    lines = [to_markdown(result, heading="###").rstrip(), ""]
    lines.append(f"Protocol source: {result.protocol.source}.")
    oracle = result.system("oracle").mean if "oracle" in result.names() else None
    if oracle:
        lines.append(
            "Oracle (greedy ROUGE-1+2 extract over the same sentences): "
            + ", ".join(f"{m} {100 * oracle[m]:.2f}" for m in METRICS)
            + "."
        )
    for note in PUBLISHED.get(result.protocol.name, ["No published numbers known for this file's protocol."]):
        lines.append(f"Published: {note}")
    return "\n".join(lines) + "\n"


def measure_slice(path: Path, clusters: int) -> dict[str, float]:
    """The default ranker's mean ROUGE on the first ``clusters`` clusters of ``path``."""
    result = evaluate(path, systems=[DEFAULT_RANKER], limit=clusters)
    return result.system(DEFAULT_RANKER).mean


def update_floors(*, allow_lower: bool = False) -> dict[str, object]:
    """Re-measure every slice in bench/floors.json; refuse to lower a floor unless ``allow_lower``."""
    config = json.loads(FLOORS.read_text(encoding="utf-8"))
    for entry in config["slices"]:
        path = DATA / entry["file"]
        measured = measure_slice(path, entry["clusters"])
        floors = {m: round(measured[m] - MARGIN, 4) for m in METRICS}
        lower = [m for m in METRICS if floors[m] < entry.get("floors", {}).get(m, 0.0)]
        if lower and not allow_lower:
            raise SystemExit(
                f"{entry['file']}: new floors would be lower for {', '.join(lower)} "
                f"({entry['floors']} -> {floors}); pass --allow-lower after review"
            )
        entry.update(
            sha256=slice_digest(path, entry["clusters"]),
            ranker=DEFAULT_RANKER,
            measured={m: round(measured[m], 4) for m in METRICS},
            floors=floors,
        )
    FLOORS.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    return config


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--update-floors", action="store_true", help="re-measure bench/floors.json")
    parser.add_argument("--allow-lower", action="store_true", help="with --update-floors: allow lower floors")
    args = parser.parse_args()
    if args.update_floors:
        print(json.dumps(update_floors(allow_lower=args.allow_lower), indent=2))
    else:
        print(quality_section())


if __name__ == "__main__":
    main()
