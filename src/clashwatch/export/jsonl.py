"""Events as JSON objects with every field, their claims and evidence; and back again."""

from __future__ import annotations

from datetime import date
from typing import Any

from clashwatch.records import Claim, Event, Span, Stance, to_jsonable

_EVENT_DATES = ("event_date", "date_start", "date_end")


def event_to_json(event: Event) -> dict[str, Any]:
    return to_jsonable(event)


def event_from_json(data: dict[str, Any]) -> Event:
    values = dict(data)
    for name in _EVENT_DATES:
        values[name] = _date(values.get(name))
    values["claims"] = [_claim_from_json(claim) for claim in values.get("claims", [])]
    values["evidence"] = {name: [Span(**span) for span in spans] for name, spans in values.get("evidence", {}).items()}
    return Event(**values)


def _claim_from_json(data: dict[str, Any]) -> Claim:
    values = dict(data)
    values["stance"] = Stance(values.get("stance", Stance.ASSERTED.value))
    values["published"] = _date(values.get("published"))
    for name in ("claimant_span", "cue_span"):
        values[name] = Span(**values[name]) if values.get(name) else None
    values["evidence"] = [Span(**span) for span in values.get("evidence", [])]
    return Claim(**values)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
