"""Link time and peak memory on synthetic reports: ``python -m clashwatch.link.bench [N ...]``.

Synthetic reports stand for a conflict dataset at a constant density: 40 countries, about 1.1 events per country
and day (3.4 reports), so a larger dataset covers more days, as a growing store does. Each event is told by one to
five reports with jittered coordinates, shuffled actor order, varying tolls and word choice, dated on its day or
the next. They are made as they are linked (``link_stream``), in date order, so memory holds one stretch of days.
Each size runs in a fresh process, so its peak RSS is its own. Time should grow with the number of reports (blocking
by country or grid cell and day, pairs scored as arrays), not with its square.
"""

from __future__ import annotations

import heapq
import math
import multiprocessing
import random
import resource
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from clashwatch.link.events import link_events, link_stream
from clashwatch.link.features import EVENT_CONFIG, PRECISION_SLACK_DAYS
from clashwatch.records import Claim, Event, Span, Stance

_TYPES = (("Battles", "Armed clash"), ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
          ("Protests", "Peaceful protest"), ("Violence against civilians", "Attack"))
_VERBS = ("clashed with", "fought", "attacked", "shelled", "exchanged fire with", "ambushed")
COUNTRIES = 40
REPORTS_PER_DAY = 137  # over all countries: 100,000 reports take two years
_START = date(2000, 1, 1)


@dataclass(frozen=True)
class LinkBench:
    reports: int
    events: int
    days: int
    seconds: float
    compared_pairs: int
    peak_rss_mb: float
    batch: int  # new reports linked afterwards into the events of their period
    batch_existing: int
    batch_seconds: float

    def report(self) -> str:
        return (f"{self.reports:>9,} reports over {self.days:,} days -> {self.events:>9,} events in "
                f"{self.seconds:7.1f} s ({self.reports / self.seconds:,.0f} reports/s), "
                f"{self.compared_pairs:,} pairs compared, peak RSS {self.peak_rss_mb:,.0f} MB; then "
                f"{self.batch:,} new reports into {self.batch_existing:,} events of their period in "
                f"{self.batch_seconds:.2f} s")


def _report(event_number: int, telling: int, day: date, rng: random.Random, country: int, place: tuple[float, float],
            kind: tuple[str, str], sides: list[str]) -> Event:
    rng.shuffle(sides)
    sentence = (f"{sides[0]} {rng.choice(_VERBS)} {sides[1]} near Town{event_number} on {day:%B %d}, "
                f"killing {rng.randint(0, 30)} people.")
    fatalities = rng.randint(0, 30)
    reported_day = day + timedelta(days=rng.choice((0, 0, 0, 1)))
    report = Event(
        id=f"r{event_number}-{telling}", event_date=reported_day, time_precision=1, event_type=kind[0],
        sub_event_type=kind[1], actor1=sides[0], actor2=sides[1], location=f"Town{event_number}",
        latitude=place[0] + rng.gauss(0, 0.02), longitude=place[1] + rng.gauss(0, 0.02), geo_precision=1,
        iso3=f"C{country:02d}", fatalities=fatalities,
    )
    report.claims.append(Claim(article_id=f"a{event_number}-{telling}", stance=Stance.ASSERTED, published=reported_day,
                               evidence=[Span(0, len(sentence), sentence)],
                               version={"actor1": sides[0], "actor2": sides[1], "fatalities": fatalities}))
    return report


def synthetic_reports(count: int, seed: int = 7) -> Iterator[Event]:
    """``count`` reports at the benchmark's constant density, in order of their date."""
    rng = random.Random(seed)
    days = max(1, math.ceil(count / REPORTS_PER_DAY))
    waiting: list[tuple[date, int, Event]] = []  # reports dated after the day being made
    made = event_number = 0
    while made < count:
        event_number += 1
        day = _START + timedelta(days=min(days - 1, made * days // count))
        while waiting and waiting[0][0] <= day:
            yield heapq.heappop(waiting)[2]
        country = rng.randrange(COUNTRIES)
        place = (-10 + country * 1.5 + rng.random() * 3, 10 + country * 1.1 + rng.random() * 4)
        kind = rng.choice(_TYPES)
        sides = [f"Military Forces of Country{country}", f"Rebels {rng.randrange(5)} of Country{country}"]
        for telling in range(min(rng.randint(1, 5), count - made)):
            report = _report(event_number, telling, day, rng, country, place, kind, sides)
            made += 1
            if report.event_date == day:
                yield report
            else:
                heapq.heappush(waiting, (report.event_date, made, report))
    while waiting:
        yield heapq.heappop(waiting)[2]


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(count: int, batch: int = 1_000) -> LinkBench:
    """Links ``count`` synthetic reports in this process, a stretch of days at a time; then links ``batch`` more
    (the next days) into the events of their period, as ``link_new`` does with a store that read them by date."""
    reports = synthetic_reports(count + batch)
    started = time.perf_counter()
    events = pairs = 0
    recent: list[Event] = []
    for result in link_stream(report for _, report in zip(range(count), reports)):
        events += len(result.events)
        pairs += result.compared_pairs
        recent = (recent + result.events)[-20 * batch:]
    seconds = time.perf_counter() - started
    new = list(reports)
    widen = timedelta(days=max(PRECISION_SLACK_DAYS.values()) + EVENT_CONFIG.max_gap_days)
    first_day = min(report.event_date for report in new) - widen
    existing = [event for event in recent if event.event_date >= first_day]
    started = time.perf_counter()
    link_events(new, existing)
    batch_seconds = time.perf_counter() - started
    return LinkBench(count, events, math.ceil(count / REPORTS_PER_DAY), seconds, pairs, _peak_rss_mb(),
                     len(new), len(existing), batch_seconds)


def _in_fresh_process(function, *arguments):
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(function, arguments)


def main(argv: list[str]) -> None:
    sizes = [int(value) for value in argv] or [100_000, 1_000_000]
    results = []
    for count in sizes:
        results.append(_in_fresh_process(run, count))
        print(results[-1].report(), flush=True)
    if len(results) > 1:
        first, last = results[0], results[-1]
        print(f"{last.reports / first.reports:.0f}x the reports: {last.seconds / first.seconds:.1f}x the time, "
              f"{last.compared_pairs / max(1, first.compared_pairs):.1f}x the pairs, "
              f"{last.peak_rss_mb / first.peak_rss_mb:.1f}x the peak memory; a new batch took "
              f"{last.batch_seconds / first.batch_seconds:.2f}x the time", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
