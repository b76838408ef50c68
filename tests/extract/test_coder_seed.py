"""The canonical example: the September 2022 Armenia-Azerbaijan border fighting, coded end to end."""

from __future__ import annotations

from datetime import date

import pytest

from clashwatch.records import Article, Stance


@pytest.fixture(scope="module")
def seed(coder, seed_article_text):
    article = Article(text=seed_article_text)
    return article, coder.code(article)


def news(events):
    return [event for event in events if not event.is_background]


def test_publication_date_comes_from_the_dateline_with_an_inferred_year(seed):
    article, _ = seed
    assert article.published == date(2022, 9, 12)
    assert article.published_inferred
    assert article.outlet == "UPI"


def test_the_fighting_is_dated_early_tuesday_after_the_monday_dateline(seed):
    _, events = seed
    fighting = [event for event in news(events) if event.event_type in ("Battles", "Explosions/Remote violence")]
    assert fighting
    assert {event.event_date for event in fighting} == {date(2022, 9, 13)}
    assert all(event.time_precision == 1 for event in fighting)


def test_armenia_alleges_azerbaijani_shelling(seed):
    _, events = seed
    alleged = [
        event
        for event in news(events)
        if event.sub_event_type == "Shelling/artillery/missile attack"
        and (event.actor1 or "").startswith("Military Forces of Azerbaijan")
    ]
    assert alleged, [(e.sub_event_type, e.actor1, e.claims[0].claimant) for e in events]
    claim = alleged[0].claims[0]
    assert claim.stance is Stance.ALLEGED
    assert "Armenia" in claim.claimant
    assert claim.claimant_span is not None and "defense ministry" in claim.claimant_span.text.lower()


def test_azerbaijan_alleges_armenian_shelling_near_three_towns(seed):
    _, events = seed
    alleged = [
        event
        for event in news(events)
        if event.sub_event_type == "Shelling/artillery/missile attack"
        and (event.actor1 or "").startswith("Military Forces of Armenia")
    ]
    assert {event.location for event in alleged} >= {"Dashkasan", "Kalbajar", "Lachin"}
    for event in alleged:
        assert event.iso3 == "AZE"
        assert event.claims[0].stance is Stance.ALLEGED
        assert "Azerbaijan" in event.claims[0].claimant


def test_the_2020_peace_deal_is_background_not_news(seed):
    _, events = seed
    background = [event for event in events if event.is_background]
    assert any(event.event_date and (event.event_date.year, event.event_date.month) == (2020, 11) for event in background)
    assert not [event for event in news(events) if event.sub_event_type == "Agreement"]
    assert all(event.event_date is None or event.event_date.year == 2022 for event in news(events))


def test_every_evidence_span_quotes_the_article(seed):
    article, events = seed
    for event in events:
        assert event.evidence["event_type"] and event.evidence["sentence"]
        for spans in event.evidence.values():
            for span in spans:
                assert article.text[span.start : span.end] == span.text
