"""Text search finds an event by its article's words and by its own evidence sentences, on every backend."""

from datetime import date

import pytest

from clashwatch.records import Article, Claim, Event, Span
from clashwatch.store import EventFilter, Store


@pytest.fixture()
def store(store_url: str) -> Store:
    with Store(store_url) as opened:
        yield opened


def test_an_event_is_found_by_a_sentence_its_article_lacks(store: Store) -> None:
    # A claim's sentence may come from elsewhere than the article's own text (a linked report, a corrected
    # transcription); the event must still be found by its words.
    article = Article("Clashes were reported on the border on Monday.", published=date(2022, 9, 12))
    sentence = Span(0, 46, "Clashes near Kelbajar were reported on Monday.")
    event = Event(event_date=date(2022, 9, 12), event_type="Battles")
    event.claims.append(Claim(article_id=article.id, evidence=[sentence]))
    [event_id] = store.save_article(article, [event]).event_ids

    def found(query: str) -> list[str]:
        return [event.id for event in store.list_events(EventFilter(query=query))]

    assert found("Kelbajar") == [event_id]  # only in the event's sentence
    assert found("border") == [event_id]  # only in the article's text
    assert found("Kelbajar border") == []  # every word must be in one document
    assert store.count_events(EventFilter(query="kelba*")) == 1
