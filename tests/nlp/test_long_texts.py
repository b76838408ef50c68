"""Long texts: cut into chunks spaCy accepts, joined back into one Doc whose offsets are the original text's."""

from __future__ import annotations

import pytest

from clashwatch.ingest import read_paths
from clashwatch.limits import InputRejected
from clashwatch.nlp import chunk_bounds, parse_texts
from clashwatch.paths import PACKAGE_DATA
from clashwatch.records import Article


def sample_texts() -> list[str]:
    return [item.text.strip() for item in read_paths([PACKAGE_DATA / "samples"]) if isinstance(item, Article)]


def covers(text: str, bounds: list[tuple[int, int]]) -> bool:
    return bounds[0][0] == 0 and bounds[-1][1] == len(text) and all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))


def test_chunks_end_after_a_blank_line_when_the_second_half_of_the_chunk_has_one():
    text = "One sentence here. Another one.\n\nA second paragraph follows. And more words to fill it up."
    bounds = chunk_bounds(text, 50)
    assert covers(text, bounds)
    assert text[: bounds[0][1]] == "One sentence here. Another one.\n\n"


def test_chunks_end_after_a_sentence_else_after_a_space_else_at_the_limit():
    text = "Alpha beta gamma. Delta epsilon zeta eta theta iota kappa lambda"
    assert text[: chunk_bounds(text, 30)[0][1]] == "Alpha beta gamma. "
    words = "word " * 20
    assert all(words[start:end].endswith(" ") for start, end in chunk_bounds(words, 12)[:-1])
    unbroken = "x" * 25
    assert chunk_bounds(unbroken, 10) == [(0, 10), (10, 20), (20, 25)]


@pytest.mark.parametrize("size", [7, 100, 1000])
def test_chunks_cover_the_text_exactly_and_keep_under_the_size(size):
    text = "\n\n".join(sample_texts())
    bounds = chunk_bounds(text, size)
    assert covers(text, bounds)
    assert all(0 < end - start <= size for start, end in bounds)


def test_a_text_parsed_in_chunks_is_one_doc_with_the_original_offsets(nlp):
    text = "\n\n".join(sample_texts())
    (doc, context), = parse_texts(nlp, [(text, "all")], chunk_chars=2_000)
    assert context == "all"
    assert doc.text == text
    assert all(text[token.idx : token.idx + len(token.text)] == token.text for token in doc)
    assert all(text[entity.start_char : entity.end_char] == entity.text for entity in doc.ents)
    whole = nlp(text)
    # Cut at blank lines, the chunks are parsed as the whole text is: the same entities at the same offsets.
    assert [(e.start_char, e.label_) for e in doc.ents] == [(e.start_char, e.label_) for e in whole.ents]


@pytest.mark.parametrize("n_process", [1, 2])
def test_short_and_long_texts_come_back_in_order_whatever_the_processes(nlp, n_process):
    texts = sample_texts()
    long_text = "\n\n".join(texts[:3])
    items = [(text, f"short {i}") for i, text in enumerate(texts[:4])] + [(long_text, "long")]
    items += [(text, f"after {i}") for i, text in enumerate(texts[4:6])]
    parsed = list(parse_texts(nlp, items, batch_size=2, chunk_chars=len(long_text) - 1, n_process=n_process))
    assert [context for _, context in parsed] == [context for _, context in items]
    assert [doc.text for doc, _ in parsed] == [text for text, _ in items]


def test_an_article_coded_in_chunks_gets_the_events_of_the_whole_article(coder, nlp):
    text = "\n\n".join(sample_texts()[:3])
    whole = coder.code_doc(Article(text=text), nlp(text))
    (doc, _), = parse_texts(nlp, [(text, None)], chunk_chars=1_500)
    chunked = coder.code_doc(Article(text=text), doc)
    assert len(chunked) == len(whole) > 0
    assert [(e.event_type, e.location, e.event_date, e.evidence) for e in chunked] == [
        (e.event_type, e.location, e.event_date, e.evidence) for e in whole
    ]


def test_an_article_over_the_cap_is_refused_with_the_limit_named(nlp):
    from clashwatch.extract import EventCoder

    small = EventCoder(nlp=nlp, max_article_bytes=10_000)
    texts = sample_texts()
    short, long = Article(text=texts[0]), Article(text=" ".join(texts) * 20)
    with pytest.raises(InputRejected, match=r"MB is over the limit of .* MB per article .*CLASHWATCH_MAX_ARTICLE_MB"):
        small.code(long)
    coded = []
    with pytest.raises(InputRejected):
        for article, events in small.code_many([short, long, short]):
            coded.append(article)
    assert coded == [short]  # the articles before the refused one are coded first
