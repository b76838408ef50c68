import json

from typer.testing import CliRunner

from clashwatch.cli import load_commands


def test_geoparse_writes_one_line_per_article(geoparser):
    articles = [
        {"id": "a1", "text": "Shelling was reported near Dashkasan and Kalbajar."},
        {"id": "a2", "text": "Nothing happened here.", "title": "Quiet"},
    ]
    stdin = "".join(json.dumps(article) + "\n" for article in articles)
    result = CliRunner().invoke(load_commands(), ["geoparse", "-"], input=stdin)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a1", "a2"]
    first = lines[0]["toponyms"]
    assert [toponym["text"] for toponym in first] == ["Dashkasan", "Kalbajar"]
    assert first[0]["geonameid"] == 586765 and first[0]["country"] == "AZE" and first[0]["feature"] == "town"
    assert set(first[0]) == {"start", "end", "text", "geonameid", "name", "lat", "lon", "country", "feature", "score"}
    assert articles[0]["text"][first[0]["start"] : first[0]["end"]] == "Dashkasan"
    assert lines[1]["toponyms"] == []


def test_geoparse_rejects_a_line_without_text(geoparser):
    result = CliRunner().invoke(load_commands(), ["geoparse", "-"], input='{"id": "x"}\n')
    assert result.exit_code != 0
