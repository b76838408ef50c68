"""The store queries behind the API, called directly."""

from __future__ import annotations

import pytest

from clashwatch.store import EventFilter
from clashwatch.store.queries import (
    BoundingBox,
    EventQuery,
    Sort,
    article_evidence,
    event_page,
    event_sources,
    event_stats,
)


def test_bounding_box_parsing():
    assert BoundingBox.parse("10,-5,20.5,5") == BoundingBox(10, -5, 20.5, 5)
    assert BoundingBox.parse("170,-10,-170,10").west == 170  # crosses the antimeridian
    for bad in ("1,2,3", "1,2,3,4,5", "x,1,2,3", "-181,0,0,1", "0,10,1,5", "0,-91,1,5"):
        with pytest.raises(ValueError):
            BoundingBox.parse(bad)


def test_sort_parsing():
    assert Sort.parse("-fatalities") == Sort("fatalities", True)
    assert Sort.parse("event_date") == Sort("event_date", False)
    with pytest.raises(ValueError, match="unknown sort key"):
        Sort.parse("id; DROP TABLE events")


@pytest.mark.parametrize(
    ("spellings", "field"),
    [
        (("Battles", "battles", " BATTLES "), "event_type"),
        (("Armed clash", "ARMED CLASH"), "sub_event_type"),
        (("SOM", "som", "Somalia", "somalia"), "country"),
    ],
)
def test_any_spelling_of_a_known_value_matches_the_same_events(store, spellings, field):
    totals = {event_page(store, EventQuery(EventFilter(**{field: spelling}))).total for spelling in spellings}
    assert len(totals) == 1 and totals.pop() > 0


def test_unknown_type_matches_nothing(store):
    assert event_page(store, EventQuery(EventFilter(event_type="Picnics"))).total == 0


def test_page_order_is_kept_after_fetching_rows(store):
    page = event_page(store, EventQuery(), sort=Sort("fatalities", True), limit=8)
    fatalities = [event.fatalities for event in page.events]
    assert fatalities == sorted(fatalities, key=lambda value: -1 if value is None else value, reverse=True)
    assert all(not event.claims for event in page.events)  # summaries only


def test_count_stops_past_its_cap_but_never_before_the_page_end(store):
    exact = event_page(store, EventQuery(), count_up_to=None)
    assert exact.total_exact and exact.total == store.count_events() > 6
    capped = event_page(store, EventQuery(), limit=2, count_up_to=3)
    assert (capped.total, capped.total_exact) == (3, False)
    assert [event.id for event in capped.events] == [event.id for event in exact.events[:2]]
    deep = event_page(store, EventQuery(), limit=2, offset=4, count_up_to=3)
    assert (deep.total, deep.total_exact) == (6, False)  # counted to this page's end at least
    everything = event_page(store, EventQuery(), count_up_to=exact.total)
    assert (everything.total, everything.total_exact) == (exact.total, True)  # exactly the cap is still exact


def test_stats_agree_with_pages(store):
    query = EventQuery(EventFilter(country="NGA"))
    stats = event_stats(store, query)
    assert stats.total == event_page(store, query).total > 0
    assert {iso3 for iso3, _name, _count in stats.by_country} == {"NGA"}
    assert sum(count for _day, _type, count in stats.by_day) <= stats.total


def test_article_evidence_points_into_the_article(store, hostile_id):
    article = store.get_article(hostile_id)
    references = article_evidence(store, hostile_id)
    assert references, "the coder found no evidence in the hostile article"
    for reference in references:
        assert reference.article_id == hostile_id
        assert article.text[reference.span.start : reference.span.end] == reference.span.text
        assert [source.id for source in event_sources(store, reference.event_id)] == [hostile_id]
