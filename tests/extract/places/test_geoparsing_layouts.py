"""The evaluator's XML layouts, on small hand-written files: which layout was read, offsets turned into spans that
spell the gold names, and a clear failure for anything else."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from clashwatch.cli import load_commands
from clashwatch.evaluate.geoparsing import (
    LAYOUT_GAZTAG,
    LAYOUT_LOCATION,
    UnknownLayoutError,
    evaluate_file,
    read_corpus,
)

GEOVIRUS_LAYOUT = Path(__file__).parent / "data" / "geovirus_layout.xml"

LGL_LAYOUT = """<articles><article docid="7"><text>Flooding closed roads around Tulsa.</text><toponyms>
<toponym><start>29</start><end>34</end><phrase>Tulsa</phrase>
<gaztag geonameid="4553433"><name>Tulsa</name><lat>36.154</lat><lon>-95.993</lon></gaztag></toponym>
</toponyms></article></articles>"""


def test_geovirus_offsets_count_from_one():
    corpus = read_corpus(GEOVIRUS_LAYOUT)
    assert corpus.layout == LAYOUT_LOCATION
    names = [[toponym.text for toponym in document.toponyms] for document in corpus.documents]
    assert names == [["Nairobi", "Mombasa"], ["Lagos", "Kano"]]
    nairobi = corpus.documents[0].toponyms[0]
    assert corpus.documents[0].text[nairobi.start : nairobi.end] == "Nairobi"
    assert (nairobi.latitude, nairobi.longitude) == (-1.2864, 36.8172)


def test_the_same_layout_counting_from_zero_is_read_as_such(tmp_path):
    zero_based = tmp_path / "zero.xml"
    zero_based.write_text(
        "<articles><article><text>Rain fell on Nairobi and Mombasa.</text><locations>"
        "<location><name>Nairobi</name><start>13</start><end>20</end><lat>-1.29</lat><lon>36.82</lon></location>"
        "<location><name>Mombasa</name><start>25</start><end>32</end><lat>-4.04</lat><lon>39.67</lon></location>"
        "</locations></article></articles>"
    )
    toponyms = read_corpus(zero_based).documents[0].toponyms
    assert [toponym.text for toponym in toponyms] == ["Nairobi", "Mombasa"]


def test_lgl_layout_is_named(tmp_path):
    path = tmp_path / "lgl.xml"
    path.write_text(LGL_LAYOUT)
    corpus = read_corpus(path)
    assert corpus.layout == LAYOUT_GAZTAG
    assert [(toponym.text, toponym.latitude) for toponym in corpus.documents[0].toponyms] == [("Tulsa", 36.154)]


@pytest.mark.parametrize("content", [
    "<articles><article><text>Shelling near Kharkiv.</text><places><place>Kharkiv</place></places></article></articles>",
    "<corpus><doc>Shelling near Kharkiv.</doc></corpus>",
    "<articles><article><text>unclosed",
])
def test_an_unknown_layout_is_an_error_not_a_zero(tmp_path, content):
    path = tmp_path / "other.xml"
    path.write_text(content)
    with pytest.raises(UnknownLayoutError):
        read_corpus(path)
    result = CliRunner().invoke(load_commands(), ["evaluate", "geoparsing", str(path)])
    assert result.exit_code == 2
    assert "layout" in result.output or "XML" in result.output


def test_geovirus_layout_is_scored(geoparser):
    scores = evaluate_file(GEOVIRUS_LAYOUT)
    assert scores.layout == LAYOUT_LOCATION and scores.gold == 4
    # four unambiguous cities: each found at its exact span and resolved within 161 km
    assert scores.exact_matches == 4 and scores.resolved == 4 and scores.accuracy_161 == 1.0


def test_cli_prints_the_layout(geoparser):
    result = CliRunner().invoke(load_commands(), ["evaluate", "geoparsing", str(GEOVIRUS_LAYOUT)])
    assert result.exit_code == 0, result.output
    assert f"layout: {LAYOUT_LOCATION}" in result.output
