"""Text search finds an event by its article's words and by its own evidence sentences, on every backend."""

from datetime import UTC, date, datetime

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


def _border_reports(store: Store, count: int) -> None:
    """``count`` articles, each with one event; every article says "border", one event in three says "convoy"."""
    for index in range(count):
        article = Article(f"Report {index}: fighting on the border.", published=date(2022, 9, 1 + index % 28))
        sentence = f"A convoy was hit near Town{index}." if index % 3 == 0 else f"Shelling near Town{index}."
        event = Event(event_date=date(2022, 9, 1 + index % 28), event_type="Battles")
        event.claims.append(Claim(article_id=article.id, evidence=[Span(0, len(sentence), sentence)]))
        store.save_article(article, [event])


@pytest.mark.parametrize("query", ["border", "convoy", "town7", "convoy town9", "nothing"])
def test_walking_and_looking_up_find_the_same_events(store_url: str, query: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from clashwatch.store import search

    with Store(store_url) as store:
        _border_reports(store, 30)
        wanted = EventFilter(query=query)
        looked_up = [event.id for event in store.list_events(wanted, limit=7)], store.count_events(wanted)
        # Any match counts as dense: SQLite then walks the events in order, probing each for a matching claim.
        monkeypatch.setattr(search, "_WALK_WHEN_MATCHES_SQUARED_PER_EVENT", 0)
        walked = [event.id for event in store.list_events(wanted, limit=7)], store.count_events(wanted)
    assert walked == looked_up
    assert looked_up[1] == {"border": 30, "convoy": 10, "town7": 1, "convoy town9": 1, "nothing": 0}[query]


def _plan_of_newest_page(store: Store, query: str) -> str:
    from sqlalchemy import select

    from clashwatch.store.models import EventRow

    statement = (select(EventRow.id).where(*store.conditions(EventFilter(query=query)))
                 .order_by(EventRow.event_date.desc()).limit(5))
    compiled = statement.compile(store.engine, compile_kwargs={"literal_binds": True})
    with store.engine.connect() as connection:
        return " | ".join(row[-1] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}"))


def test_a_common_word_walks_the_date_index_instead_of_sorting_its_matches(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clashwatch.store import search

    with Store(str(tmp_path / "walk.db")) as store:
        _border_reports(store, 60)
        # 60 matches of 60 events: 60^2 < 60 x 1,000, so the matches are few enough to look up and sort.
        assert "TEMP B-TREE FOR ORDER BY" in _plan_of_newest_page(store, "border")
        monkeypatch.setattr(search, "_WALK_WHEN_MATCHES_SQUARED_PER_EVENT", 50)  # now 60^2 > 60 x 50: dense
        walked = _plan_of_newest_page(store, "border")
        assert "ix_events_event_date" in walked and "TEMP B-TREE FOR ORDER BY" not in walked
        assert "TEMP B-TREE FOR ORDER BY" in _plan_of_newest_page(store, "town7")  # one match stays looked up


def test_a_store_indexed_before_migration_0006_is_searchable_after_it(tmp_path) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, insert

    from clashwatch.store.db import STORE_DIR
    from clashwatch.store.models import ArticleRow, ClaimRow, EventRow, EvidenceRow

    path = tmp_path / "old.db"
    config = Config(str(STORE_DIR / "alembic.ini"))
    config.set_main_option("script_location", str(STORE_DIR / "migrations"))
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0005_watch")
        connection.execute(insert(ArticleRow).values(id="a1", title="Border report", text="Fighting on the border.",
                                                     published_inferred=False, ingested_at=datetime.now(UTC)))
        connection.execute(insert(EventRow).values(id="e1", event_type="Battles", contested=False))
        connection.execute(insert(ClaimRow).values(id=7, event_id="e1", article_id="a1", stance="asserted",
                                                   version={}, created=datetime.now(UTC)))
        connection.execute(insert(EvidenceRow).values(claim_id=7, field="_claim", start=0, end=19,
                                                      text="Shelling near Sotk."))
        connection.exec_driver_sql(
            "INSERT INTO text_search (owner, owner_id, body) VALUES ('article', 'a1', 'Border report Fighting'),"
            " ('event', 'e1', 'Shelling near Sotk.')")
    engine.dispose()
    with Store(str(path)) as store:
        assert [event.id for event in store.list_events(EventFilter(query="sotk"))] == ["e1"]
        assert store.count_events(EventFilter(query="border report")) == 1
        assert store.count_events(EventFilter(query="kelbajar")) == 0
