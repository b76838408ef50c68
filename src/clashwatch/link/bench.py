"""Link time and peak memory on synthetic reports: ``python -m clashwatch.link.bench [N ...]``.

Synthetic reports stand for a conflict dataset: underlying events spread over 40 countries and two years, each
told by one to five reports with jittered coordinates, shuffled actor order, varying tolls and word choice.
Time should grow near-linearly with the number of reports (blocking), not with its square.
"""

from __future__ import annotations

import random
import resource
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta

from clashwatch.link.events import link_events
from clashwatch.records import Claim, Event, Span, Stance

_TYPES = (("Battles", "Armed clash"), ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
          ("Protests", "Peaceful protest"), ("Violence against civilians", "Attack"))
_VERBS = ("clashed with", "fought", "attacked", "shelled", "exchanged fire with", "ambushed")


@dataclass(frozen=True)
class LinkBench:
    reports: int
    events: int
    seconds: float
    compared_pairs: int
    peak_rss_mb: float

    def report(self) -> str:
        return (f"{self.reports:>7} reports -> {self.events:>7} events in {self.seconds:7.1f} s "
                f"({self.reports / self.seconds:,.0f} reports/s), {self.compared_pairs:,} pairs compared, "
                f"peak RSS {self.peak_rss_mb:,.0f} MB")


def synthetic_reports(count: int, seed: int = 7) -> list[Event]:
    rng = random.Random(seed)
    reports: list[Event] = []
    start = date(2022, 1, 1)
    event_number = 0
    while len(reports) < count:
        event_number += 1
        country = rng.randrange(40)
        lat, lon = -10 + country * 1.5 + rng.random() * 3, 10 + country * 1.1 + rng.random() * 4
        day = start + timedelta(days=rng.randrange(730))
        event_type, sub_type = rng.choice(_TYPES)
        sides = [f"Military Forces of Country{country}", f"Rebels {rng.randrange(5)} of Country{country}"]
        town = f"Town{event_number}"
        for telling in range(min(rng.randint(1, 5), count - len(reports))):
            rng.shuffle(sides)
            sentence = (f"{sides[0]} {rng.choice(_VERBS)} {sides[1]} near {town} on {day:%B %d}, "
                        f"killing {rng.randint(0, 30)} people.")
            report = Event(
                id=f"r{event_number}-{telling}", event_date=day + timedelta(days=rng.choice((0, 0, 0, 1))),
                time_precision=1, event_type=event_type, sub_event_type=sub_type, actor1=sides[0], actor2=sides[1],
                location=town, latitude=lat + rng.gauss(0, 0.02), longitude=lon + rng.gauss(0, 0.02), geo_precision=1,
                iso3=f"C{country:02d}", fatalities=rng.randint(0, 30),
            )
            span = Span(0, len(sentence), sentence)
            report.claims.append(Claim(article_id=f"a{event_number}-{telling}", stance=Stance.ASSERTED,
                                       published=day, evidence=[span],
                                       version={"actor1": sides[0], "actor2": sides[1], "fatalities": report.fatalities}))
            reports.append(report)
    return reports


def run(count: int) -> LinkBench:
    reports = synthetic_reports(count)
    started = time.perf_counter()
    result = link_events(reports)
    seconds = time.perf_counter() - started
    events = sum(1 for _ in result.events)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return LinkBench(count, events, seconds, result.compared_pairs, peak)


def main(argv: list[str]) -> None:
    for count in [int(value) for value in argv] or [10_000, 100_000]:
        print(run(count).report(), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
