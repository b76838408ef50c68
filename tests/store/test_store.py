import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from clashwatch.records import Article, Claim, Event, Span, Stance
from clashwatch.store import EventFilter, Store, resolve_url

TEXT = (
    "Sept. 13 (Test Wire) -- Azerbaijani forces shelled positions near Jermuk, killing 3 soldiers, "
    "Armenia's defence ministry said. Azerbaijan denied the claim."
)


def report(article: Article, phrase: str, claimant: str | None = None, **fields) -> Event:
    """An event as the coder gives it: one claim by this article, evidence pointing into its text."""
    start = article.text.index(phrase)
    sentence = Span.of(article.text, 0, article.text.index(".", start) + 1)
    event = Event(**fields)
    event.add_evidence("event_type", Span.of(article.text, start, start + len(phrase)))
    event.add_evidence("sentence", sentence)
    claimant_span = cue_span = None
    if claimant:
        claimant_start = article.text.index(claimant)
        claimant_span = Span.of(article.text, claimant_start, claimant_start + len(claimant))
        cue_span = Span.of(article.text, claimant_span.end + 1, claimant_span.end + 5)  # "said"
    event.claims.append(
        Claim(
            article_id=article.id,
            claimant=claimant,
            stance=Stance.ALLEGED if claimant else Stance.ASSERTED,
            claimant_span=claimant_span,
            cue_span=cue_span,
            outlet=article.outlet,
            published=article.published,
            version={"fatalities": fields.get("fatalities"), "event_date": "2022-09-13"},
            evidence=[sentence],
        )
    )
    return event


@pytest.fixture()
def article() -> Article:
    return Article(
        TEXT,
        title="Shelling near Jermuk",
        outlet="Test Wire",
        published=date(2022, 9, 13),
        dateline=Span.of(TEXT, 0, 22),
        source_path="story.txt",
        source_id="wire-42",
        collected=datetime(2026, 11, 25, 9, 30, tzinfo=UTC),
    )


@pytest.fixture()
def shelling(article: Article) -> Event:
    return report(
        article,
        "shelled",
        "Armenia's defence ministry",
        event_date=date(2022, 9, 13),
        time_precision=1,
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        actor1="Military Forces of Azerbaijan (2003-)",
        inter1=1,
        actor2="Military Forces of Armenia (2018-)",
        inter2=1,
        interaction=11,
        country="Armenia",
        iso3="ARM",
        admin1="Vayots Dzor",
        location="Jermuk",
        latitude=39.8414,
        longitude=45.6669,
        geo_precision=1,
        fatalities=3,
        geonameid=616629,
        weapons=["artillery"],
        actor1_iso3="AZE",
        actor2_iso3="ARM",
        disorder_type="Political violence",
    )


@pytest.fixture()
def store(store_url: str) -> Store:
    with Store(store_url) as opened:
        yield opened


def test_event_round_trips_with_claims_and_evidence(store: Store, article: Article, shelling: Event) -> None:
    result = store.save_article(article, [shelling])
    assert result.new and result.event_ids == [f"{article.id}-0"]
    stored = store.get_event(result.event_ids[0])
    shelling.id = result.event_ids[0]
    assert stored == shelling


def test_article_round_trips(store: Store, article: Article) -> None:
    store.save_article(article, [])
    assert store.has_article(article.id) and not store.has_article("nope")
    assert store.get_article(article.id) == article
    assert store.get_article("nope") is None


def test_saving_an_article_twice_adds_nothing(store: Store, article: Article, shelling: Event) -> None:
    first = store.save_article(article, [shelling])
    again = store.save_article(article, [shelling, shelling])
    assert not again.new and again.event_ids == first.event_ids
    assert store.count_articles() == 1 and store.count_events() == 1


def test_event_ids_are_stable_and_kept_when_given(store: Store, article: Article, shelling: Event) -> None:
    named = report(article, "denied", event_type="Strategic developments")
    named.id = "custom-id"
    assert store.save_article(article, [shelling, named]).event_ids == [f"{article.id}-0", "custom-id"]


def test_filters(store: Store, article: Article, shelling: Event) -> None:
    other_text = "Police dispersed protesters in Tbilisi with tear gas on Sunday."
    other = Article(other_text, outlet="Courier", published=date(2024, 4, 28))
    protest = report(other, "dispersed", event_date=date(2024, 4, 28), event_type="Protests",
                     sub_event_type="Protest with intervention", actor1="Protesters (Georgia)",
                     actor2="Police Forces of Georgia (2024-)", country="Georgia", iso3="GEO")
    store.save_article(article, [shelling])
    store.save_article(other, [protest])

    def ids(**filters) -> list[str]:
        return [event.event_type for event in store.list_events(EventFilter(**filters))]

    assert ids() == ["Protests", "Explosions/Remote violence"]  # newest first
    assert ids(country="arm") == ids(country="Armenia") == ["Explosions/Remote violence"]
    assert ids(event_type="protests") == ["Protests"]
    assert ids(sub_event_type="Shelling/artillery/missile attack") == ["Explosions/Remote violence"]
    assert ids(actor="police forces") == ["Protests"]
    assert ids(actor="%") == []  # a substring, not a LIKE pattern
    assert ids(since=date(2023, 1, 1)) == ["Protests"]
    assert ids(until=date(2023, 1, 1)) == ["Explosions/Remote violence"]
    assert ids(query="Jermuk") == ["Explosions/Remote violence"]  # article text and evidence
    assert ids(query="tear gas") == ["Protests"]
    assert ids(query='"unbalanced (quote') == []  # user text never becomes FTS syntax
    assert store.count_events(EventFilter(query="Tbili*")) == 1
    assert [e.event_type for e in store.list_events(order="oldest", limit=1)] == ["Explosions/Remote violence"]
    assert [e.event_type for e in store.list_events(offset=1)] == ["Explosions/Remote violence"]
    assert len(list(store.iter_events(batch_size=1))) == 2
    with pytest.raises(ValueError, match="unknown order"):
        store.list_events(order="random")


def test_merge_re_points_claims_and_deletes_the_emptied_event(store: Store, article: Article, shelling: Event) -> None:
    second_text = "Armenia said Azerbaijani artillery hit Jermuk overnight, killing 3 soldiers."
    second = Article(second_text, outlet="Other Wire")
    second_report = report(second, "hit", "Armenia", event_type="Explosions/Remote violence", iso3="ARM")
    [kept] = store.save_article(article, [shelling]).event_ids
    [merged] = store.save_article(second, [second_report]).event_ids
    store.merge_events(kept, merged)
    assert store.get_event(merged) is None
    event = store.get_event(kept)
    assert [claim.article_id for claim in event.claims] == [article.id, second.id]
    assert [claim.outlet for claim in event.claims] == ["Test Wire", "Other Wire"]
    assert event.claims[1].evidence[0].text.startswith("Armenia said")
    assert store.count_events(EventFilter(query="overnight")) == 1  # the moved claim's sentence is searchable
    event.contested = True
    store.update_event(event)
    assert store.get_event(kept).contested
    with pytest.raises(KeyError):
        store.merge_events(kept, "missing")


def test_database_is_sqlite_wal_with_foreign_keys(tmp_path: Path, article: Article, shelling: Event) -> None:
    path = tmp_path / "wal.db"
    with Store(str(path)) as store:
        store.save_article(article, [shelling])
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone()[0] == migration_head()
        tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"articles", "events", "claims", "evidence", "article_search", "claim_search"} <= tables
        fields = {row[0] for row in raw.execute("SELECT field FROM evidence")}
        assert {"event_type", "sentence", "_claim"} <= fields
    with Store(str(path)) as reopened:  # opening an up-to-date database migrates nothing and keeps the data
        assert reopened.count_events() == 1


def test_resolve_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"
    monkeypatch.setenv("CLASHWATCH_DB", "sqlite:///from-env.db")
    assert resolve_url(None) == "sqlite:///from-env.db"
    monkeypatch.delenv("CLASHWATCH_DB")
    monkeypatch.chdir(tmp_path)
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'clashwatch.db'}"


def migration_head() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from clashwatch.store.db import STORE_DIR

    config = Config()
    config.set_main_option("script_location", str(STORE_DIR / "migrations"))
    return ScriptDirectory.from_config(config).get_current_head()


# Migration 0003 adds these on PostgreSQL outside the models: the ORM never writes them.
POSTGRES_ONLY = {"geom", "ix_events_geom", "ix_articles_text_search", "ix_evidence_text_search"}


@pytest.mark.filterwarnings("ignore:Did not recognize type 'geometry'")  # SQLAlchemy reflecting PostGIS's column
def test_models_and_migrations_agree(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from clashwatch.store.models import Base

    core_tables = {"articles", "events", "claims", "evidence"}

    def core_only(item, name, kind, reflected, compare_to) -> bool:
        # Filters both sides, so tables of other stages' models (imported by other tests) are left out too.
        if name in POSTGRES_ONLY:
            return False
        return name in core_tables if kind == "table" else item.table.name in core_tables

    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": core_only})
        assert compare_metadata(context, Base.metadata) == []


def test_batches_save_once_and_lookups_find_what_is_stored(store: Store, article: Article, shelling: Event) -> None:
    other = Article("Police dispersed protesters in Tbilisi.", source_path="feed.jsonl:7")
    first = store.save_articles([(article, [shelling]), (other, [])])
    assert [result.new for result in first] == [True, True]
    again = store.save_articles([(other, []), (article, [shelling])])  # a resent batch adds nothing
    assert [result.new for result in again] == [False, False] and again[1].event_ids == first[0].event_ids
    assert store.count_articles() == 2 and store.count_events() == 1
    many_ids = [f"missing-{number}" for number in range(1200)]  # more than one lookup chunk
    assert store.stored_article_ids([*many_ids, article.id, other.id]) == {article.id, other.id}
    assert store.stored_sources(["story.txt", "feed.jsonl:7", "feed.jsonl:8"]) == {"story.txt", "feed.jsonl:7"}
