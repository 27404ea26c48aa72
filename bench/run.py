"""`make bench`: measures Storyline and rewrites bench/RESULTS.md (`python bench/run.py SECTION...` for some).

Speed: briefing the seeds, a 100-document and a 1,000-document cluster
(bench/clusters.py), each in a fresh process, per embedding mode.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
sys.path.insert(0, str(HERE))
GOALS = {"seeds": 1.0, "100": 5.0, "1000": 60.0}


def speed_rows() -> list[dict]:
    rows = []
    for scenario in ("seeds", "100", "1000"):
        for embeddings in ("none", "static", "full"):
            if scenario == "1000" and embeddings == "full":
                continue  # ~30,000 sentences at ~190/s: minutes; the static model is the fast path
            done = subprocess.run(
                [sys.executable, str(HERE / "speed.py"), scenario, embeddings, "default"],
                capture_output=True,
                text=True,
                check=True,
            )
            row = json.loads(done.stdout.strip().splitlines()[-1])
            print(row, file=sys.stderr)
            rows.append(row)
    return rows


def speed_table(rows: list[dict]) -> str:
    lines = [
        "| cluster | documents | sentences | embeddings | ranker | model load (s) | brief (s) | goal (s) "
        "| peak memory (MB) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['scenario']} | {r['documents']} | {r['sentences']} | {r['embeddings']} | {r['ranker']} | "
            f"{r['load_s']} | {r['brief_s']} | < {GOALS[r['scenario']]:g} | {r['peak_mb']} |"
        )
    return "\n".join(lines)


def _speed_section() -> str:
    load_average = os.getloadavg()[0]
    rows = speed_rows()
    machine = f"{platform.machine()}, {len(os.sched_getaffinity(0))} cores, Python {platform.python_version()}"
    return "\n".join(
        [
            f"## Speed and memory ({machine})",
            "",
            "Wall time of `build_brief` (model load excluded, reported apart) and peak resident memory of the whole",
            "process, each cluster in a fresh process. Clusters of 100 and 1,000 documents are built by",
            "bench/clusters.py from the real sentences in ../shared/data and ../shared/seeds (about 30 sentences a",
            "document, a third of them syndicated or spun copies). Load average when this section started:",
            f"{load_average:.1f} (other jobs on the machine slow every figure here).",
            "",
            speed_table(rows),
        ]
    )


def _embeddings_section() -> str:
    from embeddings_quality import measure

    return "\n".join(
        [
            "## The fast embedding path",
            "",
            "bench/embeddings_quality.py: the static model distilled from all-MiniLM-L6-v2 with model2vec",
            "(src/storyline/models/minilm-static, rebuilt by `python -m storyline.features.distill`) against the full",
            "model, on the same 2 cores.",
            "",
            measure(),
        ]
    )


def _web_load_section() -> str:
    return "\n".join(
        [
            "## Web server under load",
            "",
            "bench/load.py --clients 50 --requests 100 --soak 150: the web app (uvicorn, its default settings:",
            "2 workers for ordinary requests) on 127.0.0.1, 50 concurrent clients briefing the seeds through",
            "`POST /api/brief`, every response checked against the brief's JSON schema; then a bounded soak of",
            "sequential seed briefs with the memory of the server and its workers sampled along the way.",
            "Every request briefs the same seeds, so after a worker's first brief its NLP results are reused",
            "(storyline.extract.analyses): the latencies measure the server and the stages past the NLP layer,",
            "not a cold brief's spaCy.",
            "",
            _load_section(),
        ]
    )


def _facts_section() -> str:
    from facts_quality import facts_section

    return facts_section()


def _facts_news_section() -> str:
    from facts_news_quality import facts_news_section

    return facts_news_section()


def _facts_fresh_section() -> str:
    from facts_news_quality import facts_fresh_section

    return facts_fresh_section()


def _facts_dev2_section() -> str:
    from facts_news_quality import facts_dev2_section

    return facts_dev2_section()


def _facts_speed_section() -> str:
    from facts_speed import facts_speed_section

    return facts_speed_section()


def _stages_section() -> str:
    from stages import stages_section

    return stages_section()


def _disagreements_section() -> str:
    from disagreement_quality import disagreement_section

    return disagreement_section()


def _update_section() -> str:
    from update_quality import update_section

    return update_section()


# Each section writes bench/results/NAME.md; RESULTS.md is their concatenation in this order, then NOTES.md.
SECTIONS: dict[str, Callable[[], str]] = {
    "speed": _speed_section,
    "stages": _stages_section,
    "cold": lambda: __import__("cold").section(),
    "embeddings": _embeddings_section,
    "load": _web_load_section,
    "quality": lambda: _quality_section(),
    "wcep_budget": lambda: __import__("wcep_budget").section(),
    "wcep_several": lambda: __import__("wcep_several").section(),
    "ranker_speed": lambda: __import__("ranker_speed").section(),
    "rouge_backends": lambda: _rouge_backends_section(),
    "facts": _facts_section,
    "facts_news": _facts_news_section,
    "facts_fresh": _facts_fresh_section,
    "facts_dev2": _facts_dev2_section,
    "parse_speaker": lambda: __import__("parse_speaker_quality").section(),
    "facts_agreement": lambda: __import__("facts_agreement").agreement_section(),
    "facts_speed": _facts_speed_section,
    "disagreements": _disagreements_section,
    "update": _update_section,
    "feed": lambda: _feed_section(),
    "feed_ray": lambda: __import__("feed_ray").section(),
    "feed_scale": lambda: __import__("feed_scale").section(),
    "feed_freshness": lambda: __import__("feed_freshness").section(),
    "feed_variants": lambda: __import__("feed_variants").section(),
    "hostile": lambda: _hostile_section(),
    "splitter": lambda: __import__("splitter").section(),
    "entities": lambda: __import__("entities_quality").section(),
}


def main(names: list[str]) -> None:
    """Run the named sections (all when none is named), then reassemble RESULTS.md from every section's file."""
    unknown = [n for n in names if n not in SECTIONS]
    if unknown:
        raise SystemExit(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    RESULTS.mkdir(exist_ok=True)
    for name in names or list(SECTIONS):
        print(f"bench: {name}", file=sys.stderr)
        (RESULTS / f"{name}.md").write_text(SECTIONS[name]().strip() + "\n", encoding="utf-8")
    parts = ["# Benchmark results", "", "Regenerated by `make bench` (bench/run.py); do not edit the tables by hand."]
    parts += ["`python bench/run.py SECTION...` reruns some sections: " + ", ".join(SECTIONS) + "."]
    for name in SECTIONS:
        path = RESULTS / f"{name}.md"
        if path.exists():
            parts += ["", path.read_text(encoding="utf-8").strip()]
    notes = HERE / "NOTES.md"
    if notes.exists():
        parts += ["", notes.read_text(encoding="utf-8").strip()]
    text = "\n".join(parts) + "\n"
    (HERE / "RESULTS.md").write_text(text, encoding="utf-8")
    print(text)


def _hostile_section() -> str:
    from hostile import section

    return section()


def _feed_section() -> str:
    """Stories from a feed: clustering quality, throughput, cost per article, memory (bench/feed.py)."""
    from feed import feed_section

    return feed_section()


def _load_section() -> str:
    command = [sys.executable, str(HERE / "load.py"), "--clients", "50", "--requests", "100", "--seconds", "300"]
    done = subprocess.run([*command, "--soak", "150"], capture_output=True, text=True, timeout=1200)
    if done.returncode != 0:
        last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"
        return f"load benchmark failed: {last}"
    return done.stdout.strip()


def _rouge_backends_section() -> str:
    from rouge_backends import rouge_backends_section

    return rouge_backends_section()


def _quality_section() -> str:
    """Summary quality on every benchmark file (bench/quality.py), when the evaluation extra is installed."""
    from quality import quality_section

    return quality_section()


if __name__ == "__main__":
    main(sys.argv[1:])
