"""JSON output: the ``storyline.brief/1`` contract (shared/spec/brief.schema.json)."""

from __future__ import annotations

import json

from storyline.model import Brief


def to_json(brief: Brief) -> str:
    return json.dumps(brief.to_dict(), ensure_ascii=False, indent=2)
