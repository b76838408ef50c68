"""`clashwatch serve` as a user runs it: a real uvicorn process answering over HTTP."""

from __future__ import annotations

import httpx
from typer.testing import CliRunner

from clashwatch.cli import load_commands


def test_serve_answers_reads_and_refuses_writes_without_a_token(server, store):
    stats = httpx.get(f"{server}/api/stats").json()
    assert stats["total"] == store.count_events()
    assert httpx.get(f"{server}/openapi.json").json()["info"]["title"] == "ClashWatch"
    refused = httpx.post(f"{server}/api/articles", json={"text": "Clashes in Goma."})
    assert refused.status_code == 403
    assert "CLASHWATCH_TOKEN" in refused.json()["detail"]
    page = httpx.get(f"{server}/")
    assert page.status_code == 200 and '<script type="module" src="/static/app.js">' in page.text


def test_serve_help_names_its_options():
    result = CliRunner().invoke(load_commands(), ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port"):
        assert option in result.output
