"""One event per happening: the bundled samples, coded by the real coder, give the events a reader counts in them."""

from __future__ import annotations

import pytest

from clashwatch.ingest import read_paths
from clashwatch.paths import PACKAGE_DATA
from clashwatch.records import Article

# What a reader finds in each sample: (sub-event type, location, fatalities) per happening, background left out.
HUMAN_READING = {
    "Shelling damages homes": [("Shelling/artillery/missile attack", "Kharkiv", 2)],
    "Al-Shabaab militants attacked": [("Armed clash", "Afgooye", 11)],
    "Suspected jihadist gunmen": [("Armed clash", "Djenne", 3)],
    "Several hundred farmers": [("Peaceful protest", "Niamey", 0)],
    "Thousands march in Tbilisi": [("Peaceful protest", "Tbilisi", 0)],
    "Angry traders clashed": [("Mob violence", "Oshodi", 0)],
    "Police in Dhaka arrested": [("Arrests", "Dhaka", 0)],
    "The United Nations special envoy": [],
}


def sample_articles() -> dict[str, Article]:
    articles = [item for item in read_paths([PACKAGE_DATA / "samples"]) if isinstance(item, Article)]
    return {opening: next(a for a in articles if opening in a.text[:300]) for opening in HUMAN_READING}


@pytest.fixture(scope="module")
def coded(coder) -> dict[str, list]:
    return {opening: coder.code(article) for opening, article in sample_articles().items()}


@pytest.mark.parametrize("opening", HUMAN_READING)
def test_each_sample_gives_one_event_per_happening(coded, opening):
    news = [event for event in coded[opening] if not event.is_background]
    assert [(event.sub_event_type, event.location, event.fatalities) for event in news] == HUMAN_READING[opening]


def test_a_deed_told_by_both_sides_is_one_contested_event_with_both_claims(coded):
    (fight,) = [event for event in coded["Al-Shabaab militants attacked"] if not event.is_background]
    assert {claim.claimant for claim in fight.claims} == {"Somali army officer", "Al-Shabaab"}
    assert fight.contested
    # The group's own version stays beside the army's: it says its fighters overran the base.
    assert "Non-state actor overtakes territory" in {claim.version["sub_event_type"] for claim in fight.claims}


def test_the_groups_long_war_is_background_not_a_new_event(coded):
    background = [event for event in coded["Al-Shabaab militants attacked"] if event.is_background]
    assert [event.location for event in background] == ["Mogadishu"]


def test_the_part_of_a_city_is_the_place_and_the_city_no_second_event(coded):
    (riot,) = coded["Angry traders clashed"]
    assert riot.location == "Oshodi" and riot.country == "Nigeria"
