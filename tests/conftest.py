"""Shared fixtures: the real spaCy pipeline and coder, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from clashwatch.paths import eval_data_dir, seed_dir


@pytest.fixture(scope="session")
def nlp():
    from clashwatch.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def coder(nlp):
    from clashwatch.extract import EventCoder

    return EventCoder(nlp=nlp)


@pytest.fixture(scope="session")
def eval_data() -> Path:
    path = eval_data_dir()
    if not path.is_dir():
        pytest.skip(f"human-annotated eval data not found at {path} (set CLASHWATCH_EVAL_DATA to run these tests)")
    return path


@pytest.fixture(scope="session")
def seed_article_text() -> str:
    path = seed_dir() / "armenia-azerbaijan-2022-09.txt"
    if not path.is_file():
        pytest.skip(f"the seed article is not at {path} (it is news text, kept outside the repository)")
    return path.read_text(encoding="utf-8")
