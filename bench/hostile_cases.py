"""The issue-11 list of hostile inputs, case by case, as a new user meets them (bench/hostile.py's table).

Each case is built in a temporary folder and briefed by ``storyline brief ... --format json`` as a
whole process (default options: the 25 s budget, spaCy and the static embeddings where installed),
or sent to the web app (``storyline.web.app`` through Starlette's test client: the same app, its
briefs in real worker processes). Every case is checked for what the issue's goals ask:

- **a brief or a one-line error**: exit 0 with JSON, or exit 1 / an HTTP 4xx-5xx with one line;
- **no traceback** anywhere in what the user sees (stdout, stderr, the response);
- **no provenance error**: every Ref's ``document.text[start:end]`` is the text it cites (the JSON's
  own documents, as :func:`storyline.verify.provenance_errors` checks a Brief);
- **no silent drop**: every article given is a document of the brief, or named in a warning
  (by its id, file name or line), or counted in one ("N of M articles ... left out").
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[2] / "shared"
#: A case still running after this long has no time bound (the CLI's budget is 25 s).
CASE_TIMEOUT_S = 120
_STORY = "The army said it had taken the old bridge on Tuesday. Officials said 12 people were hurt.\n"
_OTHER = "Rebels said the old bridge had not fallen by Tuesday night. Officials said 15 people were hurt.\n"


@dataclass(frozen=True)
class Case:
    """One hostile input: ``build`` writes it under a folder and returns the paths to brief and the
    names every article must be found under (a document id, or a name a warning gives)."""

    name: str
    build: Callable[[Path], tuple[list[Path], list[str]]]
    options: tuple[str, ...] = ()
    check: Callable[[dict[str, Any], str], str] | None = None  # what else must hold; "" when it does


def _files(folder: Path, texts: dict[str, str | bytes]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in texts.items():
        path = folder / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _story(extra: str, more: dict[str, str | bytes] | None = None) -> Callable[[Path], tuple[list[Path], list[str]]]:
    """A file with ``extra`` after a lead line, beside an ordinary second file (and ``more`` files)."""

    def build(root: Path) -> tuple[list[Path], list[str]]:
        paths = _files(root / "in", {"big.txt": _STORY + extra, "other.txt": _OTHER, **(more or {})})
        return [root / "in"], [p.stem for p in paths]

    return build


def _jsonl(bad: str) -> Callable[[Path], tuple[list[Path], list[str]]]:
    """A JSONL file: a good record, the bad one (line 2), another good record."""

    def build(root: Path) -> tuple[list[Path], list[str]]:
        good = json.dumps({"id": "good", "text": _STORY})
        other = json.dumps({"id": "other", "text": _OTHER})
        path = _files(root / "in", {"story.jsonl": f"{good}\n{bad}\n{other}\n"})[0]
        return [path], ["good", "bad", "other"]

    return build


def _news(size: int) -> str:
    lines, total = [], 0
    with (SHARED / "data" / "multinews" / "dev.jsonl").open(encoding="utf-8") as f:
        next(f)
        for raw in f:
            for doc in json.loads(raw)["docs"]:
                lines += [line for line in doc["text"].splitlines() if line.strip()]
                total += len(doc["text"])
            if total > size:
                break
    return "\n".join(lines)[:size]


def _tiny_files(root: Path) -> tuple[list[Path], list[str]]:
    folder = root / "tiny"
    folder.mkdir()
    names = []
    for n in range(10_000):
        (folder / f"t{n:05d}.txt").write_text(f"Officials said {n} people were hurt on Tuesday.\n", encoding="utf-8")
        names.append(f"t{n:05d}")
    return [folder], names


def _denials(root: Path) -> tuple[list[Path], list[str]]:
    claim = "The army said it had captured the eye hospital in the old city on Tuesday."
    first = f"{claim} Rebels denied it strongly.\n"
    second = f"Aid workers said food was running out in the besieged districts. {claim} Rebels denied it.\n"
    paths = _files(root / "in", {"x.txt": first, "y.txt": second})
    return [root / "in"], [p.stem for p in paths]


def _nfd_seeds(root: Path) -> tuple[list[Path], list[str]]:
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    # Every "e" accented, then decomposed: a combining mark after every other word.
    texts: dict[str, str | bytes] = {
        p.name: unicodedata.normalize("NFD", p.read_text(encoding="utf-8").replace("e", "é")) for p in seeds
    }
    paths = _files(root / "in", texts)
    return [root / "in"], [p.stem for p in paths]


def _has(text: str) -> Callable[[dict[str, Any], str], str]:
    def check(brief: dict[str, Any], _: str) -> str:
        kept = any(text in brief["_texts"].get(d["id"], "") for d in brief["documents"])
        return "" if kept else f"{text!r} lost"

    return check


def _warned(fragment: str, *, kept: str = "") -> Callable[[dict[str, Any], str], str]:
    def check(brief: dict[str, Any], out: str) -> str:
        if not any(fragment in w for w in brief["warnings"]):
            return f"no warning with {fragment!r}"
        return _has(kept)(brief, out) if kept else ""

    return check


def _disputed(claim: str) -> Callable[[dict[str, Any], str], str]:
    """A disagreement has ``claim`` among its claims: the provenance check then covers the case's point."""

    def check(brief: dict[str, Any], _: str) -> str:
        claims = [c["text"] for d in brief["disagreements"] for c in d["claims"]]
        return "" if claim in claims else f"no disagreement claims {claim!r}"

    return check


def _no_escape(_: dict[str, Any], out: str) -> str:
    return "an escape sequence reached the terminal" if "\x1b" in out else ""


def _no_mark_cut(brief: dict[str, Any], _: str) -> str:
    """No Ref ends before a combining mark (the issue's "Ru" for "Rüssia")."""
    texts = brief["_texts"]
    cut = sum(
        1
        for ref in _refs(brief)
        if ref["end"] < len(texts.get(str(ref["doc"]), ""))
        and unicodedata.combining(texts[str(ref["doc"])][ref["end"]])
    )
    return f"{cut} Refs end before a combining mark" if cut else ""


_LATIN1 = "Le café était fermé à Montréal, officials said.\n".encode("latin-1")
_CP1252 = "“We will win,” the minister said.\n".encode("cp1252")
_UTF16 = "The army said the hospital fell.\n".encode("utf-16-le") * 3
_NUL = b"The army said the hospital fell. " * 400 + b"\x00 No."

CLI_CASES = (
    Case("a 25,000-character token", _story("x" * 25_000)),
    Case("a 100,000-character token", _story("x" * 100_000)),
    Case("a 1 MB token", _story("x" * 1_000_000)),
    Case("a 160,000-character line, no period", _story("word " * 32_000)),
    Case("a 5 MB file of news", _story(_news(5_000_000) if (SHARED / "data").exists() else "")),
    Case("an 11 MB JSONL record", _jsonl(json.dumps({"id": "bad", "text": "Officials said. " * 700_000}))),
    Case("10,000 tiny files", _tiny_files),
    Case("a date of 0001-01-01", _jsonl(json.dumps({"id": "bad", "text": _OTHER, "date": "0001-01-01"}))),
    Case("a JSON line nested 100,000 deep", _jsonl("[" * 100_000 + "]" * 100_000)),
    Case("an id of 5,000 digits", _jsonl('{"id": ' + "7" * 5_000 + ', "text": ' + json.dumps(_OTHER) + "}")),
    Case(
        "a lone surrogate \\ud800 (--embeddings none)",
        _jsonl('{"id": "bad", "text": "The army said \\ud800 it."}'),
        options=("--embeddings", "none"),
    ),  # fmt: skip
    Case("'denied it strongly' / 'denied it'", _denials, check=_disputed("Rebels denied it.")),
    Case("the seeds in NFD", _nfd_seeds, check=_no_mark_cut),
    Case(
        "a latin-1 file",
        _story("", {"fr.txt": _LATIN1}),
        check=_warned("decoded as cp1252", kept="à Montréal"),
    ),  # fmt: skip
    Case(
        "a cp1252 file (curly quotes)",
        _story("", {"q.txt": _CP1252}),
        check=_warned("decoded as cp1252", kept="“We will win,”"),
    ),  # fmt: skip
    Case(
        "UTF-16 without a BOM",
        _story("", {"u.txt": _UTF16}),
        check=_warned("decoded as utf-16-le", kept="hospital fell"),
    ),  # fmt: skip
    Case(
        "a NUL byte after the first 8 KB",
        _story("", {"n.txt": _NUL}),
        check=_warned("NUL"),
    ),  # fmt: skip
    Case(
        "terminal escapes, --format text",
        _story("The army said \x1b]0;owned\x07\x1b[31m it had fallen.\n"),
        options=("--format", "text"),
        check=_no_escape,
    ),  # fmt: skip
)


def _refs(node: object) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if {"doc", "start", "end"} <= node.keys():
            yield node
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def provenance_errors(brief: dict[str, Any], texts: dict[str, str]) -> int:
    """What :func:`storyline.verify.provenance_errors` counts, on the JSON, against ``texts`` (each
    document's text as read): every cited item's first Ref spans its text, every speaker's its
    speaker, every entity Ref one of its aliases, every Ref inside its document."""

    def span(ref: dict[str, Any]) -> str | None:
        text = texts.get(str(ref["doc"]))
        return text[ref["start"] : ref["end"]] if text is not None and 0 <= ref["start"] <= ref["end"] else None

    errors = sum(1 for ref in _refs({k: v for k, v in brief.items() if k != "documents"}) if span(ref) is None)
    items = list(brief["summary"]) + brief["timeline"] + brief["quotes"] + brief["figures"]
    items += [claim for d in brief["disagreements"] for claim in d["claims"]]
    errors += sum(1 for item in items if item.get("support") and span(item["support"][0]) != item["text"])
    for quote in brief["quotes"]:
        errors += sum(1 for ref in quote.get("speaker_support", []) if span(ref) != quote["speaker"])
    for entity in brief["entities"]:
        errors += sum(1 for ref in entity.get("support", []) if span(ref) not in entity["aliases"])
    return errors


def silent_drops(brief: dict[str, Any], names: list[str]) -> int:
    """Articles given that are neither a document nor named or counted in a warning."""
    ids = {d["id"] for d in brief["documents"]} | {Path(d.get("path") or "").stem for d in brief["documents"]}
    warnings = " ".join(brief["warnings"])
    missing = [n for n in names if n not in ids and n not in warnings]
    lines = re.findall(r"\.jsonl:(\d+)", warnings)  # a JSONL record skipped or repaired is named by its line
    missing = missing[len(lines) :] if missing and lines else missing
    counted = sum(int(n.replace(",", "")) for n in re.findall(r"([\d,]+) (?:of [\d,]+ |later )?articles", warnings))
    return max(0, len(missing) - counted)


def _texts_as_read(paths: list[Path]) -> dict[str, str]:
    """Each document's text as the brief read it (decoded, before any cleaning): what its Refs index."""
    import storyline

    return {a.id: a.text for a in storyline.load_articles(paths).articles}


def _run_cli(case: Case, root: Path) -> dict[str, object]:
    paths, names = case.build(root)
    command = [sys.executable, "-c", "from storyline.cli import app; app()", "brief", *map(str, paths)]
    command += ["--format", "json"] if "--format" not in case.options else []
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [*command, *case.options], capture_output=True, timeout=CASE_TIMEOUT_S, env=env, check=False
        )
    except subprocess.TimeoutExpired:
        return {"case": case.name, "seconds": time.perf_counter() - start, "traceback": False,
                "outcome": f"killed after {CASE_TIMEOUT_S} s", "problem": "no time bound"}  # fmt: skip
    seconds = time.perf_counter() - start
    out, err = done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")
    row: dict[str, object] = {"case": case.name, "seconds": seconds, "exit": done.returncode,
                              "traceback": "Traceback" in out + err, "problem": ""}  # fmt: skip
    if done.returncode != 0:
        row["problem"] = "" if len(err.strip().splitlines()) == 1 else "not a one-line error"
        row["outcome"] = f"exit {done.returncode}: {err.strip()[:80]}"
        return row
    if "--format" in case.options:  # text output: the check reads it; provenance is the JSON's business
        row["outcome"] = "exit 0, text"
        row["problem"] = case.check({}, out) if case.check else ""
        return row
    brief = json.loads(out)
    brief["_texts"] = _texts_as_read(paths)
    row.update(outcome=f"exit 0, {len(brief['documents'])} documents, {len(brief['warnings'])} warnings",
               provenance=provenance_errors(brief, brief["_texts"]), drops=silent_drops(brief, names))  # fmt: skip
    row["problem"] = case.check(brief, out) if case.check else ""
    return row


def _web_rows(root: Path) -> list[dict[str, object]]:
    """The web cases: each request to the app and what it answered."""
    from fastapi.testclient import TestClient

    from storyline.web.app import create_app

    served = root / "served"
    _files(served, {"a.txt": _STORY, "b.txt": _OTHER})
    os.symlink("loop2.txt", served / "loop1.txt")
    os.symlink("loop1.txt", served / "loop2.txt")
    os.symlink(root / "missing.txt", served / "dangling.txt")
    seeds = [("files", (p.name, p.read_bytes(), "text/plain")) for p in sorted((SHARED / "seeds").glob("*.txt"))]
    surrogate = (
        '{"articles": [{"id": "a", "text": "The army said \\ud800 it fell."}, {"id": "b", "text": "Rebels said not."}]}'
    )
    nested = '{"articles": [{"id": "a", "text": "x", "title": ' + "[" * 100_000 + "]" * 100_000 + "}]}"
    json_type = {"content-type": "application/json"}
    many = {"articles": [{"id": str(n), "text": _STORY} for n in range(1001)]}
    long_id = json.dumps({"articles": [{"id": 0, "text": _STORY}, {"id": "b", "text": _OTHER}]})
    long_id = long_id.replace('"id": 0', '"id": ' + "7" * 5_000)
    long_id_records = _records(json.loads(long_id, parse_int=lambda digits: digits))  # as the server writes them
    huge_number = f"Officials said {'7' * 400} people were hurt. {_STORY}".encode()
    rows = []
    # A 500 is a row that says so, not an exception that ends the section.
    with TestClient(create_app(folder=served), raise_server_exceptions=False) as client:
        client.post("/api/brief", files=seeds)  # untimed: the first request waits for the workers to warm up
        as_read = {  # what each brief's Refs index: the texts as the server reads them
            "folder": _texts_as_read([served]),
            "seeds": _texts_as_read(sorted((SHARED / "seeds").glob("*.txt"))),
            "b": {"b": _OTHER},
            "surrogate": _texts_as_read(_files(root / "surrogate", {"s.jsonl": _records(json.loads(surrogate))})),
            "long_id": _texts_as_read(_files(root / "long_id", {"l.jsonl": long_id_records})),
            "n": {"n": huge_number.decode()},
        }
        # Each: the case, the request, the articles to find, the texts its Refs index, what a warning must say.
        requests: list[tuple[str, Callable[[], Any], list[str], str, str]] = [
            ("a link loop and a dangling link in the served folder", lambda: client.get("/api/folder"),
             ["a", "b", "loop1", "loop2", "dangling"], "folder", ""),
            ("the seeds uploaded (twice: identical answers, no server path)",
             lambda: client.post("/api/brief", files=seeds), [p[1][0].rsplit(".", 1)[0] for p in seeds], "seeds", ""),
            ("an upload with an empty file name",
             lambda: client.post("/api/brief", files=[("files", ("", _STORY.encode(), "text/plain")),
                                                      ("files", ("b.txt", _OTHER.encode(), "text/plain"))]),
             ["b"], "b", "skipped 1 upload(s) with an empty file name"),
            ("1,001 articles in one JSON request", lambda: client.post("/api/brief", json=many), [], "", ""),
            ("a lone surrogate in a JSON article",
             lambda: client.post("/api/brief", content=surrogate, headers=json_type), ["a", "b"], "surrogate",
             "lone surrogate"),
            ("an id of 5,000 digits in a JSON article",
             lambda: client.post("/api/brief", content=long_id, headers=json_type), ["b"], "long_id",
             "id of 5,000 characters shortened"),
            ("a 400-digit number in an upload (past a float: no infinity in the JSON)",
             lambda: client.post("/api/brief", files=[("files", ("n.txt", huge_number, "text/plain"))]), ["n"], "n",
             ""),
            ("a JSON body nested 100,000 deep",
             lambda: client.post("/api/brief", content=nested, headers=json_type), [], "", ""),
            ("GET /docs", lambda: client.get("/docs"), [], "", ""),
        ]  # fmt: skip
        for name, send, names, read, warned in requests:
            start = time.perf_counter()
            response = send()
            seconds = time.perf_counter() - start
            text = response.text
            row: dict[str, object] = {"case": f"web: {name}", "seconds": seconds, "traceback": "Traceback" in text,
                                      "outcome": f"HTTP {response.status_code}", "problem": ""}  # fmt: skip
            if str(root) in text or "storyline-web-" in text:
                row["problem"] = "a server path in the answer"
            if response.headers.get("content-type", "").startswith("application/json") and response.status_code == 200:
                constants: list[str] = []  # Infinity, NaN: Python reads them, JSON has none
                brief = json.loads(text, parse_constant=constants.append)
                row.update(provenance=provenance_errors(brief, as_read[read]), drops=silent_drops(brief, names))
                if constants:
                    row["problem"] = f"not JSON: {constants[0]}"
                if warned and not any(warned in w for w in brief["warnings"]):
                    row["problem"] = f"no warning with {warned!r}"
                if "twice" in name and send().content != response.content:
                    row["problem"] = "two identical requests answered differently"
            elif response.status_code >= 400:
                detail = str(response.json().get("detail", ""))
                row["outcome"] = f"HTTP {response.status_code}: {detail[:60]}"
                row["problem"] = row["problem"] or ("" if "\n" not in detail else "not one line")
                if response.status_code == 500:
                    row["problem"] = "an internal error (500)"
            rows.append(row)
    return rows


def _records(body: dict[str, Any]) -> str:
    """A JSON request's articles as the JSONL file the server writes for them (web/app.py)."""
    return "".join(json.dumps(record) + "\n" for record in body["articles"])


def _slow_client_row(url: str) -> dict[str, object]:
    """A client that declares a body and never sends it: the server must answer 408 and free the connection."""
    import socket

    host, port = url.removeprefix("http://").split(":")
    start = time.perf_counter()
    with socket.create_connection((host, int(port)), timeout=120) as sock:
        sock.sendall(b"POST /api/brief HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 1000\r\n\r\n{")  # fmt: skip
        answer = sock.recv(4096).decode("utf-8", "replace")
    status = answer.split(" ", 2)[1] if answer.startswith("HTTP/") else "nothing"
    return {"case": "web: a client that never sends its body (real server)", "seconds": time.perf_counter() - start,
            "outcome": f"HTTP {status}", "traceback": "Traceback" in answer,
            "problem": "" if status == "408" else "no 408"}  # fmt: skip


def table(tmp: Path, url: str) -> str:
    """Every case's row, and the totals the issue's first goal asks for."""
    rows = []
    for n, case in enumerate(CLI_CASES):
        root = tmp / f"case{n}"
        root.mkdir()
        rows.append(_run_cli(case, root))
        print("case", case.name, rows[-1], file=sys.stderr)
    rows += _web_rows(tmp / "web")
    rows.append(_slow_client_row(url))
    lines = ["| case | outcome | seconds | tracebacks | provenance errors | silent drops | other checks |",
             "|---|---|---|---|---|---|---|"]  # fmt: skip
    for row in rows:
        lines.append(
            f"| {row['case']} | {row['outcome']} | {float(row['seconds']):.1f} | {int(bool(row['traceback']))} | "  # type: ignore[arg-type]
            f"{row.get('provenance', '-')} | {row.get('drops', '-')} | {row['problem'] or 'ok'} |"
        )
    tracebacks = sum(bool(r["traceback"]) for r in rows)
    provenance = sum(int(r.get("provenance", 0)) for r in rows)  # type: ignore[call-overload]
    drops = sum(int(r.get("drops", 0)) for r in rows)  # type: ignore[call-overload]
    problems = sum(bool(r["problem"]) for r in rows)
    lines.append(f"| **all {len(rows)} cases** | | | **{tracebacks}** | **{provenance}** | **{drops}** | "
                 f"**{problems} failed** |")  # fmt: skip
    return "\n".join(lines)
