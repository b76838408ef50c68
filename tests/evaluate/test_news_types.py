"""The news-types evaluator: reading CASE 2021 TSVs, its scores on hand-made answers, and real runs of the coder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clashwatch.cli import load_commands
from clashwatch.evaluate.news_types import (
    CASE_CODES,
    NO_EVENT,
    Snippet,
    evaluate_news_types,
    predicted_code,
    read_snippets,
    score,
)
from clashwatch.records import EVENT_TYPE_OF

NEWS_SETS = Path(__file__).parents[1] / "data" / "news-types"


def write_tsv(path, rows):
    path.write_text("id\tEventSnippet\tSubType\n" + "".join(f"{i}\t{text}\t{code}\n" for i, text, code in rows))
    return path


def test_every_case_code_names_an_acled_sub_event_type():
    assert len(CASE_CODES) == 25
    assert set(CASE_CODES.values()) == set(EVENT_TYPE_OF)
    assert predicted_code("Peaceful protest") == "PEACE_PROTEST"
    assert predicted_code(None) == NO_EVENT


def test_unknown_code_is_an_error_naming_its_line(tmp_path):
    path = write_tsv(tmp_path / "bad.tsv", [("a", "Police arrested him.", "ARREST"), ("b", "A flood.", "FLOOD")])
    with pytest.raises(ValueError, match=r"bad.tsv:3: unknown CASE 2021 code 'FLOOD'"):
        read_snippets(path)


def test_scores_count_events_on_non_acled_snippets_against_precision():
    snippets = [
        Snippet("1", "", "ARREST"),
        Snippet("2", "", "ARREST"),
        Snippet("3", "", "ATTACK"),
        Snippet("4", "", "DIPLO"),
        Snippet("5", "", "NATURAL_DISASTER"),
    ]
    report = score(snippets, ["ARREST", NO_EVENT, "ATTACK", "ATTACK", NO_EVENT], 0.0)
    # ARREST: P 1, R 0.5 -> F1 2/3; ATTACK: P 0.5, R 1 -> F1 2/3
    assert report["macro_f1"] == pytest.approx(2 / 3)
    assert report["weighted_f1"] == pytest.approx(2 / 3)
    assert report["acled_no_event_rate"] == pytest.approx(1 / 3)
    assert report["non_acled_no_event_rate"] == pytest.approx(0.5)
    assert report["top_confusions"] == {"ARREST -> no event": 1, "no event -> ATTACK": 1}


def test_real_coder_on_a_small_file(tmp_path, coder):
    path = write_tsv(
        tmp_path / "small.tsv",
        [
            ("p", "Hundreds of teachers marched peacefully to the ministry to demand pay.", "PEACE_PROTEST"),
            ("a", "Police arrested 12 members of the banned group in a dawn raid on Tuesday.", "ARREST"),
            ("n", "Floods swept away dozens of homes after days of heavy rain.", "NATURAL_DISASTER"),
        ],
    )
    report = evaluate_news_types(path, coder)
    assert report["n"] == 3 and report["n_acled"] == 2
    assert report["per_code_f1"] == {"ARREST": 1.0, "PEACE_PROTEST": 1.0}
    assert report["non_acled_no_event_rate"] == 1.0


@pytest.mark.parametrize("name", ["dev.tsv", "heldout.tsv"])
def test_news_sets_cover_every_code_and_are_disjoint(name):
    snippets = read_snippets(NEWS_SETS / name)
    codes = {snippet.code for snippet in snippets}
    assert set(CASE_CODES) <= codes and len(codes) == 30
    other = read_snippets(NEWS_SETS / ("heldout.tsv" if name == "dev.tsv" else "dev.tsv"))
    assert not {snippet.text for snippet in snippets} & {snippet.text for snippet in other}


def test_cli_prints_json(tmp_path):
    path = write_tsv(tmp_path / "one.tsv", [("a", "Gunmen abducted a priest from his parish house.", "ABDUCT_DISSAP")])
    result = CliRunner().invoke(load_commands(), ["evaluate", "news-types", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["n"] == 1
