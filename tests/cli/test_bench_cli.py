"""`clashwatch bench --json` runs end to end on a few bundled articles; its figures must agree with each other
(no timing thresholds: speed is measured by the benchmark, not asserted)."""

import json

import pytest
from typer.testing import CliRunner

from clashwatch.cli import load_commands
from clashwatch.extract.bench import bench_articles

runner = CliRunner()
ARTICLES = 4


@pytest.fixture(scope="module")
def report() -> dict:
    result = runner.invoke(load_commands(), ["bench", "--articles", str(ARTICLES), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_report_names_every_figure(report) -> None:
    expected = {
        "model", "pipeline", "batch_size", "processes", "articles", "sentences", "characters", "events", "setup_s",
        "spacy_s", "spacy_cpu_s", "extract_s", "extract_cpu_s", "articles_per_s", "sentences_per_s", "sentences_per_s_per_core", "overhead", "overhead_cpu",
        "peak_rss_mb",
    }
    assert expected <= report.keys()
    assert "core_web_sm" in report["model"]
    assert {"parser", "ner"} <= set(report["pipeline"])


def test_json_figures_agree_with_the_corpus_and_each_other(report) -> None:
    articles = bench_articles(ARTICLES)
    assert report["articles"] == ARTICLES
    assert report["characters"] == sum(len(article.text) for article in articles)
    assert report["sentences"] >= ARTICLES and report["events"] > 0
    assert report["articles_per_s"] == pytest.approx(ARTICLES / report["extract_s"], rel=0.05)
    assert report["sentences_per_s"] == pytest.approx(report["sentences"] / report["extract_s"], rel=0.05)
    assert report["overhead"] == pytest.approx(report["extract_s"] / report["spacy_s"], rel=0.05)
    assert report["overhead_cpu"] == pytest.approx(report["extract_cpu_s"] / report["spacy_cpu_s"], rel=0.05)
    assert report["sentences_per_s_per_core"] > 0 and report["peak_rss_mb"] > 50


def test_default_output_is_the_readable_report() -> None:
    result = runner.invoke(load_commands(), ["bench", "--articles", "2"])
    assert result.exit_code == 0, result.output
    assert "coder / spaCy" in result.stdout and "sentences/s" in result.stdout


def test_corpus_option_codes_the_given_articles_instead_of_the_samples(tmp_path) -> None:
    texts = [
        "Gunmen killed three villagers in Dashkasan on Tuesday, officials said.",
        "Protesters marched through Yerevan. Police detained twelve of them.",
    ]
    for number, text in enumerate(texts):
        (tmp_path / f"article{number}.txt").write_text(text, encoding="utf-8")
    result = runner.invoke(load_commands(), ["bench", "--articles", "2", "--corpus", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["characters"] == sum(map(len, texts))
    assert report["sentences"] == 3


def test_rounds_alternate_the_passes_and_report_the_median_ratio() -> None:
    result = runner.invoke(load_commands(), ["bench", "--articles", "2", "--rounds", "3", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    per_round = report["overhead_per_round"]
    assert report["rounds"] == 3 and len(per_round) == 3
    assert report["overhead"] == sorted(per_round)[1]
    assert all(overhead > 0 for overhead in per_round)


def test_one_round_by_default(report) -> None:
    assert report["rounds"] == 1 and report["overhead_per_round"] == [report["overhead"]]
