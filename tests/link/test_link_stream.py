"""Linking a long, date-ordered stream a stretch at a time gives the clusters of one run over everything."""

from dataclasses import replace

import pytest

from clashwatch.link.bench import synthetic_reports
from clashwatch.link.events import link_events, link_stream
from clashwatch.link.features import EVENT_CONFIG
from clashwatch.records import Claim, Event, Span

# Word weights are learnt per stretch; without the text feature the stream must match one run exactly.
NO_TEXT = replace(EVENT_CONFIG, weights={**EVENT_CONFIG.weights, "text": 0.0})


def _clusters(results) -> set[tuple[str, ...]]:
    return {tuple(sorted(members)) for result in results for members in result.members.values()}


def test_a_stream_links_as_one_run_does() -> None:
    reports = list(synthetic_reports(3000))
    results = list(link_stream(reports, config=NO_TEXT, chunk_size=300))
    whole = link_events(reports, config=NO_TEXT)
    assert len(results) > 5  # it did work a stretch at a time
    assert _clusters(results) == _clusters([whole])
    assert any(len(members) > 1 for members in whole.members.values())
    assert sum(result.compared_pairs for result in results) == whole.compared_pairs


def test_reports_out_of_date_order_are_refused() -> None:
    reports = list(synthetic_reports(400))
    with pytest.raises(ValueError, match="in order of their first possible day"):
        list(link_stream(list(reversed(reports))))


def test_undated_reports_are_linked_among_themselves_at_the_end() -> None:
    def undated(report_id: str, article: str) -> Event:
        sentence = "Militants attacked a police post in Town1, killing three officers."
        event = Event(id=report_id, event_type="Battles", sub_event_type="Armed clash", iso3="NGA",
                      actor1="Militants", actor2="Police Forces of Nigeria")
        event.claims.append(Claim(article_id=article, evidence=[Span(0, len(sentence), sentence)]))
        return event

    dated = list(synthetic_reports(50))
    results = list(link_stream([undated("u1", "a1"), *dated, undated("u2", "a2")]))
    assert results[-1].members == {"u1": ["u1", "u2"]}
