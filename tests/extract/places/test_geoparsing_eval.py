"""A small slice of GeoWebNews and LGL: the numbers in docs/accuracy.md come from the full runs."""

import pytest

from clashwatch.evaluate.geoparsing import evaluate_documents, read_corpus


@pytest.fixture(scope="module")
def corpora(eval_data):
    folder = eval_data / "geoparsing"
    if not folder.is_dir():
        pytest.skip(f"no geoparsing corpora in {folder}")
    return {name: read_corpus(folder / f"{name}.xml").documents for name in ("GeoWebNews_GWN", "LGL_lgl")}


def test_gold_offsets_point_at_the_toponyms(corpora):
    assert len(corpora["LGL_lgl"]) == 588 and len(corpora["GeoWebNews_GWN"]) == 200
    for documents in corpora.values():
        for document in documents[:50]:
            for toponym in document.toponyms:
                assert document.text[toponym.start : toponym.end] == toponym.text


def test_geowebnews_keeps_only_toponyms_with_coordinates(corpora):
    toponyms = [toponym for document in corpora["GeoWebNews_GWN"] for toponym in document.toponyms]
    assert len(toponyms) == 2601 and all(toponym.latitude is not None for toponym in toponyms)


@pytest.mark.parametrize("name", ["GeoWebNews_GWN", "LGL_lgl"])
def test_a_slice_is_recognised_and_resolved(corpora, nlp, geoparser, name):
    scores = evaluate_documents(corpora[name][:40], name)
    assert scores.gold > 300 and scores.resolved > 300
    assert scores.f1 > 0.7 and scores.lenient_f1 > 0.75
    assert scores.accuracy_161 > 0.8
