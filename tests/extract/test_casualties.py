"""Fatality and injury counts read from real spaCy parses."""

from __future__ import annotations

import pytest

from clashwatch.extract.casualties import count_casualties, parse_quantity


@pytest.mark.parametrize(
    ("words", "value"),
    [(["twenty", "-", "five"], 25), (["1,200"], 1200), (["dozens"], 12), (["two", "hundred"], 200), (["several"], 3), (["fish"], None)],
)
def test_parse_quantity(words, value):
    assert parse_quantity(words) == value


@pytest.mark.parametrize(
    ("text", "fatalities", "injuries"),
    [
        ("Gunmen shot dead a man in the market.", 1, None),
        ("At least 5 militants were killed and 7 wounded in the raid.", 5, None),
        ("Russian forces shelled Kharkiv, killing two civilians and injuring dozens.", 2, 12),
        ("Two people died after a bomb exploded near a bus station.", 2, None),
        ("The bodies of four men were found in a river.", 4, None),
        ("A 25-year-old woman was killed.", 1, None),
        ("An unknown number of people were killed.", 3, None),
        ("Several people were injured.", None, 3),
        ("No casualties were reported.", 0, 0),
        ("Police arrested three men for the murder of a shopkeeper.", None, None),
        ("Dozens of teachers protested outside the ministry.", None, None),
    ],
)
def test_counts(nlp, text, fatalities, injuries):
    casualties = count_casualties(nlp(text)[:])
    assert (casualties.fatalities, casualties.injuries) == (fatalities, injuries)
    if casualties.fatalities:
        span = casualties.fatalities_span
        assert span is not None and text[span.start : span.end] == span.text


def test_by_side_adds_different_victims(nlp):
    casualties = count_casualties(nlp("12 soldiers and 3 civilians were killed in the attack.")[:])
    assert casualties.fatalities == 15
    assert casualties.by_side == {"soldiers": 12, "civilians": 3}


def test_conflicting_figures_take_the_lower(nlp):
    casualties = count_casualties(nlp("The army said 10 rebels were killed, while the rebels said 4 rebels were killed.")[:])
    assert casualties.fatalities == 4
