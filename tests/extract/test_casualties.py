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
        ("At least 5 militants were killed and 7 wounded in the raid.", 5, 7),
        ("Russian forces shelled Kharkiv, killing two civilians and injuring dozens.", 2, 12),
        ("Two people died after a bomb exploded near a bus station.", 2, None),
        ("The bodies of four men were found in a river.", 4, None),
        ("A 25-year-old woman was killed.", 1, None),
        ("An unknown number of people were killed.", 3, None),
        ("Several people were injured.", None, 3),
        ("No casualties were reported.", 0, 0),
        ("Police arrested three men for the murder of a shopkeeper.", None, None),
        ("Dozens of teachers protested outside the ministry.", None, None),
        # coordinated verbs share the victims; a gapped passive keeps its subject
        ("A man was shot and killed by two armed men.", 1, None),
        ("A shopkeeper was beaten and later died in hospital.", 1, None),
        ("A civilian was killed and two others wounded.", 1, 2),
        ("Rebels ambushed the convoy, killing and injuring dozens of soldiers.", 12, 12),
        ("Gunmen opened fire on a bus and killed an 8-year-old.", 1, None),
        ("Both of the farmers were killed.", 2, None),
        ("The driver succumbed to his injuries.", 1, None),
        ("The attack resulted in the killing of a village chief.", 1, None),
        ("The explosion caused an unknown number of fatalities.", 3, None),
        ("Villagers were killed and injured when the market was shelled.", 3, 3),
        ("Soldiers shot and killed 6 ethnic minority farmers.", 6, None),
        ("About five soldiers and policemen were killed.", 5, None),
        ("The number of fatalities is disputed.", None, None),
        ("He was arrested for his killing of local traders.", None, None),
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


def test_a_date_is_never_the_victims_count(nlp):
    casualties = count_casualties(nlp("On 16 April 2022, in Kingston, a man and a woman were shot and killed.")[:])
    assert casualties.fatalities in (None, 2)
