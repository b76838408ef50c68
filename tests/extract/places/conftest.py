"""The real gazetteer index (built into the cache on first use) shared by the place-stage tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def geoparser():
    from clashwatch.extract.places import Geoparser

    return Geoparser()


@pytest.fixture(scope="session")
def toponyms_of(nlp, geoparser):
    def parse(text: str):
        doc = nlp(text)
        return doc, geoparser.find_toponyms(doc)

    return parse
