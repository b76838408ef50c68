"""ACLED's coding rules from data/codebook.json: the rulings themselves, the deeds they type, and the real coder."""

from __future__ import annotations

import pytest

from clashwatch.extract.codebook import Sides, constrain, has_evidence
from clashwatch.extract.event_types import RuleClassifier
from clashwatch.records import Article

STATE, REBELS, RIOTERS, PROTESTERS, CIVILIANS = 1, 2, 5, 6, 7


def sides(inter1, inter2, crowd=False, civilian_victims=False, casualties=False):
    return Sides(inter1, inter2, crowd, civilian_victims, casualties)


@pytest.mark.parametrize(
    ("sub_event_type", "given", "allowed", "armed_sides"),
    [
        ("Armed clash", sides(CIVILIANS, STATE, crowd=True), "Mob violence", ()),
        ("Armed clash", sides(STATE, CIVILIANS, civilian_victims=True), "Attack", ()),
        # civilians the deed does not show as a crowd or as victims stand for the armed group that fought
        ("Armed clash", sides(CIVILIANS, STATE), "Armed clash", ("actor1",)),
        ("Armed clash", sides(CIVILIANS, CIVILIANS), "Armed clash", ("actor1", "actor2")),
        ("Armed clash", sides(REBELS, STATE), "Armed clash", ()),
        ("Violent demonstration", sides(STATE, PROTESTERS, casualties=True), "Excessive force against protesters", ()),
        ("Violent demonstration", sides(STATE, PROTESTERS), "Protest with intervention", ()),
        ("Violent demonstration", sides(RIOTERS, STATE), "Violent demonstration", ()),
        ("Non-state actor overtakes territory", sides(STATE, REBELS), "Government regains territory", ()),
        ("Government regains territory", sides(REBELS, None), "Non-state actor overtakes territory", ()),
        ("Peaceful protest", sides(PROTESTERS, None), "Peaceful protest", ()),
    ],
)
def test_rulings(sub_event_type, given, allowed, armed_sides):
    ruling = constrain(sub_event_type, given)
    assert (ruling.sub_event_type, ruling.armed_sides) == (allowed, armed_sides)


def test_evidence_a_sub_type_needs():
    assert has_evidence("Violent demonstration", {"protest", "riot_violence"}, set())
    assert not has_evidence("Violent demonstration", {"mob", "riot_violence"}, set())
    assert not has_evidence("Excessive force against protesters", {"protest", "intervention"}, set())
    assert has_evidence("Attack", {"violence"}, {"civilian"})
    assert not has_evidence("Attack", {"violence"}, {"armed", "unknown"})
    assert has_evidence("Attack", {"violence"}, {"armed", "civilian"})


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("Rebels set up a base in the hills above the town.", "Headquarters or base established"),
        ("The militia established its headquarters in the old customs house.", "Headquarters or base established"),
        ("Police recovered a cache of rifles from a farmhouse.", "Disrupted weapons use"),
        ("Customs officers confiscated 300 pistols hidden in a lorry.", "Disrupted weapons use"),
        ("Insurgents captured the district of Kalma on Monday.", "Non-state actor overtakes territory"),
    ],
)
def test_deeds_of_a_verb_and_its_object(nlp, text, sub_event_type):
    assert [mention.sub_event_type for mention in RuleClassifier().classify(nlp(text)[:])] == [sub_event_type]


def test_police_capturing_a_suspect_is_no_territory(nlp):
    mentions = RuleClassifier().classify(nlp("Police captured the suspect in Kano.")[:])
    assert [mention.sub_event_type for mention in mentions] == ["Arrests"]


def _main(coder, text):
    return coder.code(Article(text=text))[0]


def test_a_crowd_fighting_police_is_a_riot_of_rioters(coder):
    event = _main(coder, "Youths clashed with police at the market in Lagos, Nigeria.")
    assert (event.event_type, event.sub_event_type) == ("Riots", "Mob violence")
    assert event.actor1.startswith("Rioters") and event.inter1 == RIOTERS


def test_guards_read_as_civilians_in_a_clash_stand_for_an_armed_group(coder):
    # the actor step reads "security guards" as civilians; the deed says both sides fought
    text = "Members of a local militia clashed with security guards escorting foreign workers in Shiroro, Nigeria."
    event = _main(coder, text)
    assert event.sub_event_type == "Armed clash"
    assert CIVILIANS not in (event.inter1, event.inter2)
    assert event.actor2 == "Unidentified Armed Group (Nigeria)"


def test_peaceful_protest_has_no_second_actor(coder):
    event = _main(coder, "Teachers protested outside the education ministry in Nairobi as police watched.")
    assert event.sub_event_type == "Peaceful protest" and event.actor2 is None


def test_force_by_security_forces_is_not_a_violent_demonstration(coder):
    event = _main(coder, "Security forces opened fire on demonstrators in Lagos, killing at least seven people.")
    assert event.sub_event_type == "Excessive force against protesters"
    assert event.actor1.startswith("Protesters") and event.inter2 == STATE
