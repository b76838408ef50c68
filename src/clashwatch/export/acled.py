"""Events as rows of ACLED's CSV export: the same column names in the same order, filled where ClashWatch knows."""

from __future__ import annotations

from functools import lru_cache

from clashwatch.records import Event, normalise_text

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
_CIVILIANS = 7  # ACLED's inter code for civilians


def acled_row(event: Event) -> dict[str, object]:
    """One CSV row; unknown values are empty, except fatalities, which ACLED codes 0 when none are reported."""
    copied = {name: getattr(event, name) for name in ACLED_COLUMNS if hasattr(event, name)}
    row: dict[str, object] = {name: "" for name in ACLED_COLUMNS}
    row.update({name: "" if value is None else value for name, value in copied.items()})
    row.update(
        event_id_cnty=event.id,
        event_date=event.event_date.isoformat() if event.event_date else "",
        year=event.event_date.year if event.event_date else "",
        civilian_targeting="Civilian targeting" if event.inter2 == _CIVILIANS else "",
        iso=numeric_iso(event.iso3) or "",
        source="; ".join(outlets(event)),
        notes=notes(event),
        fatalities=event.fatalities or 0,
    )
    return row


def outlets(event: Event) -> list[str]:
    return list(dict.fromkeys(claim.outlet for claim in event.claims if claim.outlet))


def notes(event: Event) -> str:
    """The sentences the event was coded from, each once, in the order of its claims."""
    spans = [span for claim in event.claims for span in claim.evidence] or event.evidence.get("sentence", [])
    return " ".join(dict.fromkeys(normalise_text(span.text) for span in spans))


@lru_cache(maxsize=512)
def numeric_iso(iso3: str | None) -> int | None:
    """ISO 3166-1 numeric code (ACLED's ``iso`` column) of an alpha-3 code."""
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3.upper()) if iso3 else None
    return int(country.numeric) if country else None
