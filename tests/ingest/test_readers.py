import io
import json
from datetime import date
from pathlib import Path

import pytest

from clashwatch.ingest import IngestFailure, read_jsonl_stream, read_paths
from clashwatch.paths import SAMPLES
from clashwatch.records import Article


def split(results):
    results = list(results)
    return [r for r in results if isinstance(r, Article)], [r for r in results if isinstance(r, IngestFailure)]


def test_plain_text_with_headline_and_wire_dateline(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    story = "Clashes near Goris\n\nMay 3, 2023 (Test Wire) -- Troops exchanged fire near Goris.\n"
    path.write_text(story, encoding="utf-8")
    [article] = read_paths([path])
    assert article.title == "Clashes near Goris"
    assert article.outlet == "Test Wire"
    assert article.dateline.text == article.text[article.dateline.start : article.dateline.end]
    assert article.published == date(2023, 5, 3)
    assert article.source_path == str(path)
    assert article.collected is not None and article.collected.tzinfo is not None


def test_dateline_without_year_sets_no_publication_date(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Sept. 12 (UPI) -- Fighting erupted along the border.", encoding="utf-8")
    [article] = read_paths([path])
    assert article.outlet == "UPI" and article.published is None


def test_html_drops_boilerplate_and_keeps_metadata() -> None:
    [article] = read_paths([SAMPLES / "tbilisi-protest.html"])
    assert "Rustaveli Avenue" in article.text
    assert "Privacy policy" not in article.text and "Subscribe" not in article.text
    assert article.title.startswith("Thousands march in Tbilisi")
    assert article.url == "https://courier.example.org/world/2024/04/28/tbilisi-march"
    assert article.outlet == "Caucasus Courier"
    assert article.published == date(2024, 4, 28)


def test_jsonl_fields_and_a_bad_line_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    good = {"id": "a1", "text": "Protesters gathered in Yerevan.", "title": "Rally", "url": "https://x.org/1",
            "published": "2024-02-01T10:00:00Z", "source": "Armenia Daily"}
    third = {"id": "a3", "text": "Police arrested two men in Gyumri."}
    lines = [json.dumps(good), '{"id": "a2", "text": "unterminated', json.dumps(third)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, failures = split(read_paths([path]))
    assert [a.source_id for a in articles] == ["a1", "a3"]
    assert articles[0].id == Article("Protesters gathered in Yerevan.").id  # identity stays the text
    assert articles[0].outlet == "Armenia Daily" and articles[0].published == date(2024, 2, 1)
    assert articles[0].url == "https://x.org/1" and articles[0].title == "Rally"
    assert articles[1].source_path == f"{path}:3"
    [failure] = failures
    assert failure.path == f"{path}:2" and "malformed JSON" in failure.reason


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"id": "x"}, '"text"'),
        ({"text": "Shots fired.", "published": "last week"}, "ISO 8601"),
        ([1, 2], "JSON object"),
    ],
)
def test_jsonl_records_without_what_an_article_needs_fail(tmp_path: Path, record, reason: str) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [failure] = read_paths([path])
    assert isinstance(failure, IngestFailure) and reason in failure.reason


def test_rss_entries_become_articles() -> None:
    articles, failures = split(read_paths([SAMPLES / "sahel-feed.rss"]))
    assert not failures
    titles = ["Gunmen attack army post in central Mali", "Farmers protest fuel prices in Niamey"]
    assert [a.title for a in articles] == titles
    mali = articles[0]
    assert mali.text.startswith("Suspected jihadist gunmen") and "<p>" not in mali.text
    assert mali.published == date(2024, 1, 22) and mali.outlet == "Sahel Monitor"
    assert mali.url.endswith("/mali-army-post") and mali.source_path.endswith("sahel-feed.rss#1")


def test_atom_feed(tmp_path: Path) -> None:
    path = tmp_path / "feed.atom"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>'
        '<entry><title>Strike in Kabul</title><link href="https://a.org/1"/><updated>2024-03-05T08:00:00Z</updated>'
        '<content type="html">&lt;p&gt;A drone strike hit a compound in Kabul.&lt;/p&gt;</content></entry></feed>',
        encoding="utf-8",
    )
    [article] = read_paths([path])
    assert article.text == "A drone strike hit a compound in Kabul."
    assert article.published == date(2024, 3, 5) and article.outlet == "Atom Desk" and article.url == "https://a.org/1"


def test_bad_files_fail_with_reasons_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "a-good.txt").write_text("Gunmen attacked a village in Zamfara.", encoding="utf-8")
    (tmp_path / "b-empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "c-binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 10)
    (tmp_path / "d-latin1.txt").write_bytes("Clashes in Bouaké left two dead.".encode("latin-1"))
    (tmp_path / "e-huge.txt").write_text("word " * 300_000, encoding="utf-8")
    (tmp_path / "f-not-a-feed.rss").write_text("this is not xml", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored: not an article format", encoding="utf-8")
    articles, failures = split(read_paths([tmp_path], max_bytes=1_000_000))
    assert [a.text for a in articles] == ["Gunmen attacked a village in Zamfara."]
    reasons = {Path(f.path).name: f.reason for f in failures}
    assert reasons["b-empty.txt"] == "empty file"
    assert "binary" in reasons["c-binary.txt"]
    assert "not valid UTF-8" in reasons["d-latin1.txt"] and "no fallback" in reasons["d-latin1.txt"]
    assert "over the limit" in reasons["e-huge.txt"]
    assert "not an RSS/Atom feed" in reasons["f-not-a-feed.rss"]
    assert set(reasons) == {"b-empty.txt", "c-binary.txt", "d-latin1.txt", "e-huge.txt", "f-not-a-feed.rss"}


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    body = "<p>" + "Protesters marched through Bouaké on Friday against rising prices, organisers said. " * 3 + "</p>"
    head = '<head><meta charset="iso-8859-1"><title>Bouaké march</title></head>'
    page = f"<html>{head}<body><article>{body}</article></body></html>"
    path.write_bytes(page.encode("latin-1"))
    [article] = read_paths([path])
    assert "Bouaké" in article.text


def test_globs_and_missing_paths(tmp_path: Path) -> None:
    for name in ("one.txt", "two.txt"):
        (tmp_path / name).write_text(f"Report {name}: soldiers were deployed.", encoding="utf-8")
    paths = [str(tmp_path / "*.txt"), tmp_path / "missing.txt", str(tmp_path / "*.nothing")]
    articles, failures = split(read_paths(paths))
    assert sorted(Path(a.source_path).name for a in articles) == ["one.txt", "two.txt"]
    assert [f.reason for f in failures] == ["no such file or folder", "the pattern matches no file"]


def test_jsonl_from_a_stream_and_an_empty_one() -> None:
    stream = io.BytesIO(b'{"id": 7, "text": "Shots were fired in Bamako."}\n\nnot json\n')
    article, failure = read_jsonl_stream(stream, "<stdin>")
    assert article.source_id == "7" and article.source_path == "<stdin>:1"
    assert failure.path == "<stdin>:3" and "malformed JSON" in failure.reason
    [empty] = read_jsonl_stream(io.BytesIO(b"\n  \n"), "<stdin>")
    assert empty == IngestFailure("<stdin>", "empty file")


def test_bundled_samples_all_read() -> None:
    articles, failures = split(read_paths([SAMPLES]))
    assert not failures
    assert len(articles) >= 6 and len({a.id for a in articles}) == len(articles)
