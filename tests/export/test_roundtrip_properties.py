"""Property-based round trip: an event stored, read back, exported as JSON Lines and re-imported keeps every field,
claim and evidence span."""

from __future__ import annotations

import io
import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from clashwatch.export import event_from_json, write_events
from clashwatch.records import ACLED_TYPOLOGY, Article, Claim, Event, Span, Stance
from clashwatch.store import Store

# Any text SQLite and JSON can hold (lone surrogates are not text).
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
NAME = st.none() | TEXT
SMALL = st.none() | st.integers(min_value=0, max_value=2**62)
DAY = st.none() | st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
COORDINATE = st.none() | st.floats(min_value=-90, max_value=90, allow_nan=False)


@st.composite
def coded_articles(draw) -> tuple[Article, list[Event]]:
    text = draw(TEXT.filter(str.strip))
    article = Article(text=text, title=draw(NAME), outlet=draw(NAME), published=draw(DAY))

    def span() -> Span:
        start = draw(st.integers(0, len(text)))
        return Span.of(text, start, draw(st.integers(start, len(text))))

    events = []
    for index in range(draw(st.integers(1, 3))):
        event_type = draw(st.sampled_from(sorted(ACLED_TYPOLOGY)))
        event = Event(
            id=f"{article.id}-{index}",
            event_date=draw(DAY), date_start=draw(DAY), date_end=draw(DAY),
            time_precision=draw(st.none() | st.integers(1, 3)),
            event_type=event_type, sub_event_type=draw(st.sampled_from(ACLED_TYPOLOGY[event_type])),
            actor1=draw(NAME), assoc_actor_1=draw(NAME), inter1=draw(st.none() | st.integers(1, 8)),
            actor2=draw(NAME), assoc_actor_2=draw(NAME), inter2=draw(st.none() | st.integers(1, 8)),
            interaction=draw(st.none() | st.integers(10, 88)), country=draw(NAME), iso3=draw(NAME),
            admin1=draw(NAME), admin2=draw(NAME), location=draw(NAME), latitude=draw(COORDINATE),
            longitude=draw(COORDINATE), geo_precision=draw(st.none() | st.integers(1, 3)), fatalities=draw(SMALL),
            geonameid=draw(SMALL), feature_precision=draw(NAME), injuries=draw(SMALL),
            weapons=draw(st.lists(TEXT, max_size=3)), target=draw(NAME), actor1_iso3=draw(NAME), actor2_iso3=draw(NAME),
            cameo_code=draw(NAME), plover=draw(NAME), disorder_type=draw(NAME), is_background=draw(st.booleans()),
            contested=draw(st.booleans()),
        )  # fmt: skip
        event.claims.append(
            Claim(
                article_id=article.id,
                claimant=draw(NAME),
                stance=draw(st.sampled_from(list(Stance))),
                claimant_span=draw(st.none() | st.just(None).map(lambda _: span())),
                cue_span=draw(st.none() | st.just(None).map(lambda _: span())),
                negated=draw(st.booleans()),
                hypothetical=draw(st.booleans()),
                future=draw(st.booleans()),
                historical=draw(st.booleans()),
                outlet=article.outlet,
                published=article.published,
                version=draw(st.dictionaries(TEXT, st.none() | TEXT | st.integers(-(2**53), 2**53), max_size=3)),
                evidence=[span()],
            )
        )
        fields = st.sampled_from(["event_type", "actor1", "location", "fatalities", "event_date"])
        for field in draw(st.lists(fields, max_size=4, unique=True)):
            event.add_evidence(field, *(span() for _ in range(draw(st.integers(1, 2)))))
        events.append(event)
    return article, events


@settings(max_examples=25)  # each example builds a database
@given(coded=coded_articles())
def test_store_export_and_reimport_keep_every_field(tmp_path_factory, coded):
    article, events = coded
    with Store(f"sqlite:///{tmp_path_factory.mktemp('store') / 'events.db'}") as store:
        store.save_article(article, events)
        stored = [store.get_event(event.id) for event in events]
        assert store.get_article(article.id).text == article.text
    assert stored == events
    out = io.StringIO()
    write_events(stored, "jsonl", out)
    assert [event_from_json(json.loads(line)) for line in out.getvalue().splitlines()] == events
