"""``GET /docs``: the API on one self-contained page, built from the app's OpenAPI schema.

FastAPI's own /docs page loads Swagger UI from a CDN, which an offline tool cannot reach; this
page needs nothing but itself. The machine-readable schema stays at ``/openapi.json``.
"""

from __future__ import annotations

from html import escape
from typing import Any

_METHODS = ("get", "post", "put", "delete")


def docs_page(openapi: dict[str, Any]) -> str:
    """An HTML page listing every path and method of ``openapi`` with its summary and parameters."""
    info = openapi.get("info", {})
    rows = []
    for path, operations in sorted(openapi.get("paths", {}).items()):
        for method in _METHODS:
            operation = operations.get(method)
            if operation is None:
                continue
            params = ", ".join(escape(str(p.get("name"))) for p in operation.get("parameters", []))
            body = "request body: " + ", ".join(escape(k) for k in operation["requestBody"]["content"]) if (
                "requestBody" in operation
            ) else ""  # fmt: skip
            details = "; ".join(part for part in (f"parameters: {params}" if params else "", body) if part)
            rows.append(
                f"<tr><td><code>{method.upper()}</code></td><td><code>{escape(path)}</code></td>"
                f"<td>{escape(operation.get('summary', ''))}</td><td>{details}</td></tr>"
            )
    title = escape(f"{info.get('title', 'API')} {info.get('version', '')}".strip())
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f"<title>{title} API</title><style>body{{font:15px/1.5 system-ui,sans-serif;margin:2em auto;max-width:60em}}"
        "td{padding:.2em .8em;border-bottom:1px solid #ddd;vertical-align:top}</style></head><body>"
        f'<h1>{title} API</h1><p>The OpenAPI schema: <a href="/openapi.json">/openapi.json</a>. '
        'Errors are one line: <code>{"detail": ...}</code>.</p>'
        f"<table><tr><th>method</th><th>path</th><th>what</th><th>input</th></tr>{''.join(rows)}</table>"
        "</body></html>"
    )
