"""Alerts: new events matching a rule are written to stdout, a JSON Lines file, or POSTed to a webhook.

A TOML rules file::

    [[rule]]
    name = "deaths on the Armenia-Azerbaijan border"
    countries = ["Armenia", "Azerbaijan"]    # names or ISO3 codes; any when absent
    event_types = ["Battles", "Explosions/Remote violence"]
    sub_event_types = []                     # any when absent or empty
    actor = "Azerbaijan"                     # a substring of any actor
    min_fatalities = 1

    [output]
    stdout = true                            # the default when no other output is named
    jsonl = "alerts.jsonl"
    webhook = "https://hooks.example.org/clashwatch"

Each alert is one JSON object: the rule's name and the event's main fields. An event is alerted once per rule in
a run; a later report that only adds a source to it is not a new alert.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from clashwatch.records import ACLED_TYPOLOGY, EVENT_TYPE_OF, Event, to_jsonable
from clashwatch.store import EventFilter, Store
from clashwatch.watch.sources import check_table, read_toml

_RULE_FIELDS = {"name", "countries", "event_types", "sub_event_types", "actor", "min_fatalities"}
_OUTPUT_FIELDS = {"stdout", "jsonl", "webhook"}
_SUMMARY_FIELDS = (
    "id", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "iso3", "admin1", "location",
    "latitude", "longitude", "fatalities", "injuries", "contested",
)  # fmt: skip


class AlertsFileError(ValueError):
    pass


@dataclass(frozen=True)
class AlertRule:
    name: str
    countries: frozenset[str] = frozenset()  # lower-case names and ISO3 codes
    event_types: frozenset[str] = frozenset()
    sub_event_types: frozenset[str] = frozenset()
    actor: str | None = None
    min_fatalities: int = 0

    def matches(self, event: Event) -> bool:
        if event.is_background:
            return False
        if self.countries and not {(event.country or "").lower(), (event.iso3 or "").lower()} & self.countries:
            return False
        if self.event_types and event.event_type not in self.event_types:
            return False
        if self.sub_event_types and event.sub_event_type not in self.sub_event_types:
            return False
        if self.actor:
            actors = (event.actor1, event.actor2, event.assoc_actor_1, event.assoc_actor_2)
            if not any(self.actor.lower() in (actor or "").lower() for actor in actors):
                return False
        return (event.fatalities or 0) >= self.min_fatalities


@dataclass
class Alerts:
    rules: list[AlertRule]
    stdout: TextIO | None = None
    jsonl: Path | None = None
    webhook: str | None = None
    on_error: Callable[[str], None] = lambda message: print(message, file=sys.stderr)
    _sent: set[tuple[str, str]] = field(default_factory=set)

    def send_new(self, store: Store, added_since: datetime) -> int:
        """Sends an alert for each event given a claim at or after ``added_since`` that some rule matches."""
        alerts = []
        for event in store.iter_events(EventFilter(added_since=added_since)):
            for rule in self.rules:
                if (rule.name, event.id) not in self._sent and rule.matches(event):
                    self._sent.add((rule.name, event.id))
                    alerts.append(alert_record(rule, event))
        for alert in alerts:
            self.deliver(alert)
        return len(alerts)

    def deliver(self, alert: dict[str, Any]) -> None:
        line = json.dumps(alert, ensure_ascii=False)
        if self.stdout is not None:
            print(line, file=self.stdout, flush=True)
        if self.jsonl is not None:
            try:
                with self.jsonl.open("a", encoding="utf-8") as stream:
                    stream.write(line + "\n")
            except OSError as error:
                self.on_error(f"alert not written to {self.jsonl}: {error.strerror or error}")
        if self.webhook is not None:
            self._post(alert)

    def _post(self, alert: dict[str, Any]) -> None:
        import httpx

        try:
            response = httpx.post(self.webhook, json=alert, timeout=10.0)
        except httpx.HTTPError as error:
            self.on_error(f"alert not delivered to {self.webhook}: {error or type(error).__name__}")
            return
        if response.status_code >= 400:
            self.on_error(f"alert not delivered to {self.webhook}: HTTP {response.status_code}")


def alert_record(rule: AlertRule, event: Event) -> dict[str, Any]:
    summary = {name: to_jsonable(getattr(event, name)) for name in _SUMMARY_FIELDS}
    return {"rule": rule.name, **summary, "sources": len({claim.article_id for claim in event.claims})}


def load_alerts(path: str | Path, stdout: TextIO | None = None) -> Alerts:
    """The rules and outputs of a rules file; ``stdout`` is where ``stdout = true`` writes."""
    path = Path(path)
    document = read_toml(path, "the alert rules", AlertsFileError)
    entries = document.get("rule")
    if not isinstance(entries, list) or not entries:
        raise AlertsFileError(f"{path}: no rules; add at least one [[rule]] with a name")
    rules = [_rule(entry, f"{path}: rule {number}") for number, entry in enumerate(entries, start=1)]
    output = document.get("output", {})
    if not isinstance(output, dict) or set(output) - _OUTPUT_FIELDS:
        raise AlertsFileError(f"{path}: [output] takes only {', '.join(sorted(_OUTPUT_FIELDS))}")
    jsonl, webhook = output.get("jsonl"), output.get("webhook")
    if webhook is not None and not (isinstance(webhook, str) and webhook.startswith(("http://", "https://"))):
        raise AlertsFileError(f"{path}: [output] webhook must be an http(s) URL")
    if jsonl is not None and not isinstance(jsonl, str):
        raise AlertsFileError(f"{path}: [output] jsonl must be a file path")
    to_stdout = output.get("stdout", jsonl is None and webhook is None)
    return Alerts(
        rules,
        stdout=(stdout or sys.stdout) if to_stdout else None,
        jsonl=(path.parent / jsonl) if jsonl else None,
        webhook=webhook,
    )


def _rule(entry: object, where: str) -> AlertRule:
    entry = check_table(entry, _RULE_FIELDS, where, AlertsFileError)
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise AlertsFileError(f"{where}: every rule needs a name")
    lists = {}
    for key in ("countries", "event_types", "sub_event_types"):
        values = entry.get(key, [])
        if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
            raise AlertsFileError(f"{where} ({name}): {key} must be a list of text")
        lists[key] = frozenset(value.lower() for value in values) if key == "countries" else frozenset(values)
    _check_types(lists["event_types"], lists["sub_event_types"], f"{where} ({name})")
    actor = entry.get("actor")
    if actor is not None and not isinstance(actor, str):
        raise AlertsFileError(f"{where} ({name}): actor must be text")
    minimum = entry.get("min_fatalities", 0)
    if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 0:
        raise AlertsFileError(f"{where} ({name}): min_fatalities must be a whole number of at least 0")
    return AlertRule(name, lists["countries"], lists["event_types"], lists["sub_event_types"], actor, minimum)


def _check_types(event_types: frozenset[str], sub_event_types: frozenset[str], where: str) -> None:
    """A misspelt type would silently match nothing; name the known ones instead."""
    for wanted, known, key in ((event_types, ACLED_TYPOLOGY, "event_types"), (sub_event_types, EVENT_TYPE_OF, "sub_event_types")):
        unknown = sorted(wanted - set(known))
        if unknown:
            raise AlertsFileError(f"{where}: unknown {key} {', '.join(map(repr, unknown))}; expected some of "
                                  f"{', '.join(sorted(known))}")  # fmt: skip
