"""Property-based tests of the coding steps that parse text (time expressions, casualty counts, admin
parentheticals) and of the coder: whatever the text, no exception, and every evidence span is a slice of it."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from clashwatch.extract.casualties import count_casualties, parse_quantity
from clashwatch.extract.dates import find_time_expressions
from clashwatch.records import Article, Span

DATE_WORDS = st.sampled_from(
    ["on", "Monday", "Sept.", "12,", "2022", "late", "May", "last", "week", "between", "March", "3", "and", "5", "-",
     "2019-2020", "the", "1990s", "early", "Tuesday,", "Feb.", "30", "31", "ago", "two", "days", "since", "(AP)",
     "--", "KYIV,", "next", "month", "Jan", "0", "99", "yesterday", "\n", "9/11", "century", "21st", "."]
)  # fmt: skip
CASUALTY_WORDS = st.sampled_from(
    ["At", "least", "twenty", "-", "five", "people", "were", "killed", "and", "1,200", "wounded", "dozens", "no",
     "one", "died", "soldiers", "civilians", "three", "of", "them", "injured", "hundreds", "a", "thousand", "two",
     "militants", "dead", "0", "police", "said", ",", "."]
)  # fmt: skip
PLACE_WORDS = st.sampled_from(
    ["Shelling", "hit", "Winder", "town", "(", ")", "Las", "Bela", ",", "Balochistan", "Dashkasan", "Kalbajar",
     "district", "of", "Ninewa", "in", "Kabul", "Afghanistan", "near", "Goma", "North", "Kivu", "(", "(", ")", "."]
)  # fmt: skip


def sentence_of(words: list[str]) -> str:
    return " ".join(words) or "."


def assert_slice(text: str, span: Span | None) -> None:
    if span is not None:
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start : span.end] == span.text


@given(text=st.one_of(st.text(max_size=200), st.lists(DATE_WORDS, max_size=40).map(sentence_of)),
       anchor=st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))))  # fmt: skip
def test_time_expressions_are_slices_of_the_text_with_ordered_ranges(text, anchor):
    for expression in find_time_expressions(text, anchor):
        assert_slice(text, expression.span)
        if expression.start is not None and expression.end is not None:
            assert expression.start <= expression.end


@given(words=st.lists(st.sampled_from(["twenty", "-", "five", "1,200", "hundred", "thousand", "dozens", "and", "0",
                                       "million", "9" * 30, "one"]), max_size=8))  # fmt: skip
def test_quantities_are_none_or_non_negative(words):
    value = parse_quantity(words)
    assert value is None or value >= 0


@given(words=st.lists(CASUALTY_WORDS, min_size=1, max_size=30))
def test_casualty_counts_are_non_negative_with_spans_in_the_sentence(nlp, words):
    text = sentence_of(words)
    for sentence in nlp(text).sents:
        casualties = count_casualties(sentence)
        for count in (casualties.fatalities, casualties.injuries):
            assert count is None or count >= 0
        assert_slice(text, casualties.fatalities_span)
        assert_slice(text, casualties.injuries_span)


@given(words=st.lists(PLACE_WORDS, min_size=1, max_size=30))
def test_admin_parentheticals_give_toponyms_that_are_slices_of_the_text(coder, words):
    text = sentence_of(words)
    for toponym in coder.geoparser.find_toponyms(coder.parse(text)):
        assert_slice(text, toponym.span)
        assert_slice(text, toponym.relative)
        assert_slice(text, toponym.qualifies)


ARTICLE_WORDS = st.one_of(
    DATE_WORDS, CASUALTY_WORDS, PLACE_WORDS,
    st.sampled_from(["\n\n", "Rebels", "attacked", "protesters", "gathered", "\u00e9", "\u200b"]),
)  # fmt: skip


@given(words=st.lists(ARTICLE_WORDS, min_size=1, max_size=80))
def test_every_evidence_span_of_a_coded_article_is_a_slice_of_its_text(coder, words):
    text = sentence_of(words)
    article = Article(text=text)
    for event in coder.code(article):
        for spans in event.evidence.values():
            for span in spans:
                assert_slice(text, span)
        for claim in event.claims:
            assert_slice(text, claim.claimant_span)
            assert_slice(text, claim.cue_span)
            for span in claim.evidence:
                assert_slice(text, span)
