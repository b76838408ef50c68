import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clashwatch.cli import load_commands
from clashwatch.ingest import read_paths
from clashwatch.paths import SAMPLES
from clashwatch.records import Article
from clashwatch.store import Store

runner = CliRunner()


def ingest(*args: str):
    return runner.invoke(load_commands(), ["ingest", *args], env={"COLUMNS": "300"})


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, object]:
    db = str(tmp_path_factory.mktemp("ingest") / "samples.db")
    return db, ingest(str(SAMPLES), "--db", db)


def test_ingesting_the_samples_stores_articles_and_coded_events(samples_db, coder) -> None:
    db, result = samples_db
    assert result.exit_code == 0, result.output
    articles = len(list(read_paths([SAMPLES])))
    assert f"articles read {articles}, new {articles}, duplicate 0, failed 0" in result.stdout
    with Store(db) as store:
        assert store.count_articles() == articles
        events = store.list_events()
        assert events, "the coder found no event in the sample articles"
        coded = sum(len(coder.code(article)) for article in read_paths([SAMPLES]))
        assert f"events coded {coded}" in result.stdout  # linking may since have merged some of them
        for event in events:
            article = store.get_article(event.claims[0].article_id)
            for spans in event.evidence.values():
                assert all(article.text[span.start : span.end] == span.text for span in spans)


def claim_ids(store: Store, article_id: str) -> list[int]:
    from sqlalchemy import select

    from clashwatch.store.models import ClaimRow

    with store.engine.connect() as connection:
        return list(connection.scalars(select(ClaimRow.id).where(ClaimRow.article_id == article_id)))


def test_re_ingesting_adds_nothing(samples_db) -> None:
    db, _ = samples_db
    with Store(db) as store:
        before = (store.count_articles(), store.count_events())
    again = ingest(str(SAMPLES), "--db", db)
    assert again.exit_code == 0, again.output
    assert "new 0," in again.stdout and "failed 0; events coded 0" in again.stdout
    with Store(db) as store:
        assert (store.count_articles(), store.count_events()) == before


def test_bad_inputs_are_reported_and_the_rest_stored(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "good.txt").write_text(
        "June 2, 2024 (Test Wire) -- Police arrested three opposition activists in Dhaka on Sunday.", encoding="utf-8"
    )
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    records = [{"id": "ok", "text": "Protesters marched in Nairobi against tax rises on Tuesday."}, "{not json"]
    (inputs / "batch.jsonl").write_text(
        "\n".join(json.dumps(r) if isinstance(r, dict) else r for r in records) + "\n", encoding="utf-8"
    )
    db = str(tmp_path / "bad.db")
    result = ingest(str(inputs), str(tmp_path / "missing.html"), "--db", db)
    assert result.exit_code == 1
    assert "articles read 2, new 2, duplicate 0, failed 4" in result.stdout
    assert f"{inputs / 'empty.txt'}: empty file" in result.stderr
    assert f"{inputs / 'binary.txt'}: binary file" in result.stderr
    assert f"{inputs / 'batch.jsonl'}:2: malformed JSON" in result.stderr
    assert f"{tmp_path / 'missing.html'}: no such file or folder" in result.stderr
    with Store(db) as store:
        assert store.has_article(Article(records[0]["text"]).id) and store.count_articles() == 2
