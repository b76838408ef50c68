"""PostgreSQL only: the PostGIS point follows each event's coordinates, and text search uses the GIN indexes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import select, text

from clashwatch.records import Article, Claim, Event, Span
from clashwatch.store import EventFilter, Store
from clashwatch.store.models import EventRow
from clashwatch.store.pgserver import TemporaryServer
from clashwatch.store.search import text_search_condition, tsquery

pytestmark = pytest.mark.postgres

TEXT = "Artillery shelled the outskirts of Jermuk overnight, Armenia's defence ministry said."


@pytest.fixture()
def store(postgres_server: TemporaryServer) -> Iterator[Store]:
    with Store(postgres_server.create_database()) as opened:
        yield opened


def located_event(article: Article, latitude: float | None, longitude: float | None) -> Event:
    sentence = Span.of(article.text, 0, len(article.text))
    event = Event(event_date=date(2022, 9, 13), event_type="Explosions/Remote violence", latitude=latitude,
                  longitude=longitude, location="Jermuk" if latitude is not None else None)
    event.claims.append(Claim(article.id, evidence=[sentence]))
    return event


def point_of(store: Store, event_id: str) -> tuple | None:
    with store.engine.connect() as connection:
        return connection.execute(
            text("SELECT ST_X(geom), ST_Y(geom), ST_SRID(geom) FROM events WHERE id = :id"), {"id": event_id}
        ).one()


def test_geometry_follows_latitude_and_longitude(store: Store) -> None:
    article = Article(TEXT, title="Shelling near Jermuk")
    [located, unlocated] = store.save_article(
        article, [located_event(article, 39.8414, 45.6669), located_event(article, None, None)]
    ).event_ids
    assert point_of(store, located) == (45.6669, 39.8414, 4326)
    assert point_of(store, unlocated) == (None, None, None)

    moved = store.get_event(unlocated)
    moved.latitude, moved.longitude = 40.1792, 44.4991  # the linker resolved it to Yerevan
    store.update_event(moved)
    assert point_of(store, unlocated) == (44.4991, 40.1792, 4326)

    with store.engine.connect() as connection:
        near_jermuk = connection.scalars(
            text("SELECT id FROM events WHERE ST_DWithin(geom::geography, ST_MakePoint(45.67, 39.84)::geography, 5000)")
        ).all()
        index = connection.scalar(text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_events_geom'"))
    assert near_jermuk == [located]
    assert "USING gist (geom)" in index


def test_text_search_finds_words_and_prefixes(store: Store) -> None:
    article = Article(TEXT, title="Shelling near Jermuk")
    store.save_article(article, [located_event(article, 39.8414, 45.6669)])
    assert store.count_events(EventFilter(query="jermuk DEFENCE")) == 1
    assert store.count_events(EventFilter(query="Jerm*")) == 1
    assert store.count_events(EventFilter(query="Jerm")) == 0  # whole words unless asked for a prefix
    assert store.count_events(EventFilter(query="Jermuk Kharkiv")) == 0  # every word is required
    assert store.count_events(EventFilter(query="(Jermuk's) | !defence")) == 1  # punctuation is no query syntax
    assert store.count_events(EventFilter(query="&& !")) == 0


def test_tsquery_keeps_only_word_tokens() -> None:
    assert tsquery("Jerm* it's (x|y) !:*") == "Jerm:* & it & s & x & y"
    assert tsquery("& | !") == ""


def test_text_search_uses_the_gin_indexes(store: Store) -> None:
    article = Article(TEXT)
    store.save_article(article, [located_event(article, None, None)])
    statement = select(EventRow.id).where(text_search_condition(store.engine, "Jermuk"))
    sql = statement.compile(store.engine, compile_kwargs={"literal_binds": True})
    with store.engine.connect() as connection:
        connection.execute(text("SET enable_seqscan = off"))  # a tiny table would otherwise be scanned anyway
        plan = "\n".join(connection.exec_driver_sql(f"EXPLAIN {sql}").scalars())
    assert "ix_articles_text_search" in plan and "ix_evidence_text_search" in plan
