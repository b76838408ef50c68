from dataclasses import replace

import pytest

from clashwatch.link.storage import explain, link_new, merge, relink, split
from clashwatch.records import Article
from clashwatch.store import Store


@pytest.fixture
def store():
    with Store(":memory:") as opened:
        yield opened


def _save(store, report):
    """Stores a hand-built report as its own article's coded event; returns the stored event id."""
    article = Article(text=report.claims[0].evidence[0].text, published=report.claims[0].published)
    claim = replace(report.claims[0], article_id=article.id)
    coded = replace(report, id=f"{article.id}-0", claims=[claim])
    return store.save_article(article, [coded]).event_ids[0]


def test_link_new_merges_reports_and_is_idempotent(store, border_fight, make_report, places):
    ids = [_save(store, report) for report in border_fight]
    elsewhere = _save(store, make_report("kharkiv-0", "Fighting near Kharkiv.", place=places["Kharkiv"],
                                         location="Kharkiv", iso3="UKR"))
    summary = link_new(store)

    assert summary.new_reports == 4 and summary.events_changed == 1
    assert store.count_events() == 2
    fight = next(event for event in store.list_events() if event.id != elsewhere)
    assert fight.id in ids and fight.contested and len(fight.claims) == 3
    assert fight.actor1 == "Military Forces of Azerbaijan (2003-)"
    assert "linker" in explain(store, fight.id)

    assert link_new(store).new_reports == 0  # nothing new: nothing changes
    assert store.count_events() == 2


def test_new_batch_links_into_stored_event(store, border_fight):
    _save(store, border_fight[0])
    link_new(store)
    _save(store, border_fight[1])
    summary = link_new(store)
    assert summary.events_changed == 1
    assert store.count_events() == 1
    assert len(store.list_events()[0].claims) == 2


def test_split_survives_relinking_and_merge_undoes_it(store, border_fight):
    ids = [_save(store, report) for report in border_fight]
    link_new(store)
    event_id = store.list_events()[0].id
    baku = ids[2]
    new_id = split(store, event_id, baku)

    assert store.count_events() == 2
    assert len(store.get_event(event_id).claims) == 2
    assert len(store.get_event(new_id).claims) == 1
    assert "analyst-split" in explain(store, new_id)
    link_new(store)  # nothing new; the split stands
    assert store.count_events() == 2

    merge(store, event_id, new_id)
    assert store.count_events() == 1
    assert store.get_event(event_id).contested


def test_relink_reclusters_everything_and_keeps_the_analysts_split(store, border_fight, make_report, places):
    ids = [_save(store, report) for report in border_fight]
    elsewhere = _save(store, make_report("kharkiv-0", "Fighting near Kharkiv.", place=places["Kharkiv"],
                                         location="Kharkiv", iso3="UKR"))
    link_new(store)
    event_id = next(event.id for event in store.list_events() if event.id != elsewhere)
    baku = ids[2]
    split(store, event_id, baku)
    assert store.count_events() == 3

    summary = relink(store)
    assert summary.new_reports == 4
    assert store.count_events() == 3  # the split stands, Kharkiv stays apart
    by_size = sorted(len(event.claims) for event in store.list_events())
    assert by_size == [1, 1, 2]
    assert sum(len(event.claims) for event in store.list_events()) == 4  # no claim lost or duplicated
    assert relink(store).merges == summary.merges  # the same reports give the same events
    assert store.count_events() == 3


def test_relink_links_reports_no_run_has_seen(store, border_fight):
    for report in border_fight:
        _save(store, report)
    assert relink(store).events_changed == 1
    assert store.count_events() == 1
    assert len(store.list_events()[0].claims) == 3


def test_the_events_left_to_link_are_queued_and_leave_the_queue_when_linked_or_merged(store, border_fight):
    from sqlalchemy import text

    def queued() -> set[str]:
        with store.engine.connect() as connection:
            return set(connection.scalars(text("SELECT event_id FROM unlinked_events")))

    first, second, third = (_save(store, report) for report in border_fight)
    assert queued() == {first, second, third}
    store.merge_events(first, second)  # an analyst's merge before any linking: the emptied event leaves too
    assert queued() == {first, third}
    assert link_new(store).new_reports == 2
    assert queued() == set()
