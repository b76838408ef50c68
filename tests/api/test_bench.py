"""The API latency benchmark runs end to end on a small synthetic database (the real numbers need 100k events)."""

from __future__ import annotations

from clashwatch.api.bench import build_database, run
from clashwatch.store import Store


def test_synthetic_database_is_queryable_like_a_coded_one(tmp_path):
    database = tmp_path / "bench.db"
    build_database(database, 2_000)
    with Store(str(database)) as store:
        assert store.count_events() == 2_000
        assert store.count_articles() == 20
        from clashwatch.store import EventFilter

        assert 0 < store.count_events(EventFilter(query="convoy")) < 2_000 * 1.01
        assert 0 < store.count_events(EventFilter(country="SDN")) < 2_000


def test_benchmark_reports_every_scenario(tmp_path):
    result = run(events=1_000, requests=2, database=tmp_path / "bench.db")
    assert result.events == 1_000
    assert all(len(scenario.milliseconds) == 2 for scenario in result.scenarios)
    report = result.report()
    assert "text search (place name)" in report and "all requests" in report
