"""Latency of ``GET /api/events`` over a large synthetic database, through a real ``clashwatch serve`` process.

    python -m clashwatch.api.bench --events 100000 --requests 60

The events are made up (random places, types, actors, dates) and inserted with bulk SQL, not through the coder,
so building 100k takes seconds. Every scenario is one kind of dashboard request (a filter, a sort, a deep page);
latency is measured by an HTTP client on the same machine, after a few warm-up requests.
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text

from clashwatch.store import Store
from clashwatch.store.models import ArticleRow, ClaimRow, EventRow

# (country, iso3, latitude, longitude, admin1 regions)
_COUNTRIES = [
    ("Ukraine", "UKR", 49.0, 32.0, ["Kharkiv", "Donetsk", "Zaporizhia", "Kherson"]),
    ("Somalia", "SOM", 5.0, 46.0, ["Banaadir", "Lower Shabelle", "Bay", "Hiraan"]),
    ("Sudan", "SDN", 15.0, 30.0, ["Khartoum", "North Darfur", "South Kordofan"]),
    ("Mali", "MLI", 15.0, -2.0, ["Mopti", "Gao", "Timbuktu", "Segou"]),
    ("Nigeria", "NGA", 9.0, 8.0, ["Borno", "Lagos", "Kaduna", "Zamfara"]),
    ("Myanmar", "MMR", 21.0, 96.0, ["Sagaing", "Shan", "Rakhine", "Kachin"]),
    ("Syria", "SYR", 35.0, 38.0, ["Idlib", "Aleppo", "Deir ez-Zor"]),
    ("Colombia", "COL", 4.0, -73.0, ["Cauca", "Antioquia", "Narino"]),
    ("Mexico", "MEX", 23.0, -102.0, ["Guerrero", "Michoacan", "Sinaloa"]),
    ("Pakistan", "PAK", 30.0, 70.0, ["Khyber Pakhtunkhwa", "Balochistan", "Punjab"]),
    ("DR Congo", "COD", -2.0, 27.0, ["North Kivu", "Ituri", "South Kivu"]),
    ("Georgia", "GEO", 42.0, 43.5, ["Tbilisi", "Imereti"]),
]
_TYPES = {
    "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    "Explosions/Remote violence": [
        "Shelling/artillery/missile attack",
        "Air/drone strike",
        "Remote explosive/landmine/IED",
    ],
    "Violence against civilians": ["Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": ["Arrests", "Looting/property destruction", "Agreement"],
}
_ACTORS = ["Military Forces", "Police Forces", "Unidentified Armed Group", "Protesters", "Rioters", "Civilians",
           "Rebel Militia", "Communal Militia"]  # fmt: skip
# Common words occur in most texts; each place name in a few (as a town's name does in a real collection).
_PLACE_NAMES = 3000
_WORDS = ["shelling", "village", "checkpoint", "market", "convoy", "drone", "border", "district", "clashes", "curfew",
          "ambush", "bridge", "hospital", "school", "fuel", "election", "strike", "militants", "patrol",
          "harvest"]  # fmt: skip
_SCENARIOS = {
    "first page (newest)": {},
    "type filter": {"event_type": "Battles"},
    "country filter": {"country": "SDN"},
    "date range (1 month)": {"since": "2024-03-01", "until": "2024-03-31"},
    "bounding box": {"bbox": "25,0,40,20"},
    "text search (place name)": {"q": "town42"},
    "text search (common word)": {"q": "convoy"},
    "text search (prefix, ~2% of events)": {"q": "town123*"},
    "text search (prefix, most events)": {"q": "town1*"},
    "sort by fatalities": {"sort": "-fatalities"},
    "actor substring": {"actor": "militia"},
    "combined filters": {"event_type": "Explosions/Remote violence", "country": "UKR", "since": "2023-01-01"},
    "deep page (offset 5000)": {"offset": 5000},
    "contested only": {"contested": "true"},
}


def build_database(path: Path, events: int, seed: int = 11) -> float:
    """Fills a new database with ``events`` synthetic events (one claim each, text indexed); returns seconds."""
    started = time.perf_counter()
    random.seed(seed)
    store = Store(str(path))
    now = datetime.now(UTC)
    article_ids = [f"bench-article-{index}" for index in range(max(1, events // 100))]
    fts_table = store.engine.dialect.name == "sqlite"  # the FTS5 tables that the store fills itself
    with store.engine.begin() as connection:
        connection.execute(
            insert(ArticleRow),
            [{"id": article_id, "text": _synthetic_text(60, 5), "published_inferred": False, "ingested_at": now}
             for article_id in article_ids],
        )  # fmt: skip
        for first in range(0, events, 10_000):
            batch = [_synthetic_event(index) for index in range(first, min(first + 10_000, events))]
            connection.execute(insert(EventRow), batch)
            connection.execute(
                insert(ClaimRow),
                [{"event_id": row["id"], "article_id": random.choice(article_ids), "stance": "asserted",
                  "negated": False, "hypothetical": False, "future": False, "historical": False, "version": {},
                  "created": now} for row in batch],
            )  # fmt: skip
            if fts_table:
                connection.execute(
                    text("INSERT INTO claim_search (rowid, body) SELECT id, :body FROM claims WHERE event_id = :id"),
                    [{"id": row["id"], "body": _synthetic_text(12, 2)} for row in batch],
                )
        if fts_table:
            connection.execute(
                text("INSERT INTO article_search (article_id, body) SELECT id, text FROM articles")
            )
        connection.execute(text("ANALYZE"))
    store.close()
    return time.perf_counter() - started


def _synthetic_text(common: int, places: int) -> str:
    words = random.choices(_WORDS, k=common) + [f"town{random.randrange(_PLACE_NAMES)}" for _ in range(places)]
    random.shuffle(words)
    return " ".join(words)


def _synthetic_event(index: int) -> dict:
    country, iso3, latitude, longitude, regions = random.choice(_COUNTRIES)
    event_type = random.choice(list(_TYPES))
    day = date(2018, 1, 1) + timedelta(days=random.randrange(9 * 365))
    return {
        "id": f"bench-{index:07d}",
        "event_date": day if random.random() > 0.02 else None,
        "time_precision": 1,
        "event_type": event_type,
        "sub_event_type": random.choice(_TYPES[event_type]),
        "actor1": f"{random.choice(_ACTORS)} ({country})",
        "actor2": f"{random.choice(_ACTORS)} ({country})" if random.random() < 0.6 else None,
        "country": country,
        "iso3": iso3,
        "admin1": random.choice(regions),
        "location": f"Place {random.randrange(500)}",
        "latitude": latitude + random.uniform(-3, 3),
        "longitude": longitude + random.uniform(-3, 3),
        "geo_precision": random.choice((1, 2, 3)),
        "fatalities": random.choice((0, 0, 0, 1, 2, 3, 5, 10, 20)) if random.random() > 0.1 else None,
        "weapons": [],
        "is_background": False,
        "contested": random.random() < 0.02,
    }


@dataclass
class ScenarioTiming:
    name: str
    params: dict
    milliseconds: list[float] = field(default_factory=list)

    def percentile(self, share: float) -> float:
        return _percentile(self.milliseconds, share)


@dataclass
class ApiBench:
    events: int
    build_seconds: float
    scenarios: list[ScenarioTiming]

    def report(self) -> str:
        every = [ms for scenario in self.scenarios for ms in scenario.milliseconds]
        lines = [
            f"GET /api/events over {self.events} events (SQLite); database built in {self.build_seconds:.1f} s",
            f"{'scenario':<36} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}",
        ]
        for scenario in self.scenarios:
            lines.append(
                f"{scenario.name:<36} {scenario.percentile(0.5):>8.1f} {scenario.percentile(0.95):>8.1f} "
                f"{max(scenario.milliseconds):>8.1f}"
            )
        lines.append(f"{'all requests':<36} {_percentile(every, 0.5):>8.1f} {_percentile(every, 0.95):>8.1f} "
                     f"{max(every):>8.1f}  ({len(every)} requests)")  # fmt: skip
        return "\n".join(lines)


def _percentile(values: list[float], share: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def measure(base_url: str, requests: int, warmup: int = 3) -> list[ScenarioTiming]:
    import httpx

    timings = []
    with httpx.Client(base_url=base_url, timeout=30) as client:
        for name, params in _SCENARIOS.items():
            timing = ScenarioTiming(name, params)
            for attempt in range(warmup + requests):
                started = time.perf_counter()
                response = client.get("/api/events", params={"limit": 50, **params})
                elapsed = (time.perf_counter() - started) * 1000
                response.raise_for_status()
                if attempt >= warmup:
                    timing.milliseconds.append(elapsed)
            timings.append(timing)
    return timings


def run(events: int, requests: int, database: Path | None = None) -> ApiBench:
    """Builds the synthetic database (at ``database`` when given and absent: kept for reuse) and times requests.
    An existing ``database`` is measured as it is."""
    with tempfile.TemporaryDirectory(prefix="clashwatch-api-bench-") as folder:
        database = database or Path(folder) / "bench.db"
        build_seconds = 0.0 if database.exists() else build_database(database, events)
        with Store(str(database)) as store:
            events = store.count_events()
        with _serving(database) as base_url:
            return ApiBench(events, build_seconds, measure(base_url, requests))


class _serving:
    """``clashwatch serve`` on a free loopback port for the duration of a ``with`` block."""

    def __init__(self, database: Path) -> None:
        self.database = database

    def __enter__(self) -> str:
        import httpx

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        command = [sys.executable, "-c", "from clashwatch.cli import main; main()", "serve", "--db", str(self.database),
                   "--port", str(port)]  # fmt: skip
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base_url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                httpx.get(f"{base_url}/openapi.json", timeout=2).raise_for_status()
                return base_url
            except httpx.TransportError:
                time.sleep(0.2)
        self.process.kill()
        raise RuntimeError("clashwatch serve did not start")

    def __exit__(self, *exc_info: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=15)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="p50/p95 latency of GET /api/events on synthetic data.")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=60, help="Timed requests per scenario.")
    parser.add_argument("--db", type=Path, help="Database to build and keep (or, if it exists, to measure as is).")
    args = parser.parse_args(argv)
    print(run(args.events, args.requests, args.db).report())


if __name__ == "__main__":
    main()
