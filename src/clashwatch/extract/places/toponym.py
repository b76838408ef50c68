"""The record the place stage hands to the event coder."""

from __future__ import annotations

from dataclasses import dataclass

from clashwatch.records import Span

# Most to least specific; event_locations prefers the former.
SPECIFICITY = ("town", "admin2", "admin1", "region", "stream", "sea", "country", "continent")


@dataclass
class Toponym:
    span: Span  # character offsets into the article text
    name: str  # gazetteer name, e.g. "Dashkasan"
    geonameid: int | None  # GeoNames id (None for curated regions without one)
    latitude: float
    longitude: float
    country_iso3: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    feature: str  # see SPECIFICITY
    geo_precision: int  # ACLED: 1 town/exact, 2 near / part of a region, 3 provincial capital fallback
    score: float
    relative: Span | None = None  # "10 km north of X" phrase: keep X, lower precision, phrase as evidence
    is_demonym: bool = False  # "Azerbaijani" names a country but never the place an event happened
    qualifies: Span | None = None  # the place this area locates: "Balochistan" in "Winder town (Las Bela, Balochistan)"

    @property
    def specificity(self) -> int:
        return SPECIFICITY.index(self.feature) if self.feature in SPECIFICITY else len(SPECIFICITY)


def precision_of(feature: str, relative: bool) -> int:
    """ACLED's geo_precision for a place named in the text."""
    if feature == "town":
        return 2 if relative else 1
    if feature == "admin2":
        return 2
    return 3
