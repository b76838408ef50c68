"""The place stage's entry point: every place mention of a parsed article, recognised and resolved."""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc

from clashwatch.extract.places.gazetteer import ABBREVIATION, DEMONYM, Gazetteer, load_gazetteer
from clashwatch.extract.places.resolve import Resolution, drop_foreign_namesakes, resolve
from clashwatch.extract.places.toponym import Toponym, precision_of
from clashwatch.extract.places.toponyms import confirm_spellings, find_mentions


class Geoparser:
    """Cheap to construct: the gazetteer index is opened once per process and shared."""

    def __init__(self, index_path: Path | None = None):
        self.gazetteer: Gazetteer = load_gazetteer(index_path)
        self._iso2s_by_iso3: dict[str, set[str]] = {}
        for iso2, country in self.gazetteer.countries.items():
            self._iso2s_by_iso3.setdefault(country.iso3, set()).add(iso2)

    def find_toponyms(self, doc: Doc, actor_iso3s: list[str] | None = None) -> list[Toponym]:
        """Every place mention in ``doc``, resolved; ``actor_iso3s`` (optional) favours places in those countries."""
        actor_iso2s = {iso2 for iso3 in set(actor_iso3s or ()) for iso2 in self._iso2s_by_iso3.get(iso3, ())}
        mentions = confirm_spellings(find_mentions(doc, self.gazetteer), actor_iso2s)
        resolutions = drop_foreign_namesakes(resolve(mentions, actor_iso2s), doc)
        kept = {id(resolution.mention) for resolution in resolutions}
        return [self._toponym(resolution, kept) for resolution in resolutions]

    def country_name(self, iso3: str) -> str | None:
        return next((country.name for country in self.gazetteer.countries.values() if country.iso3 == iso3), None)

    def _toponym(self, resolution: Resolution, kept: set[int]) -> Toponym:
        mention, candidate = resolution.mention, resolution.candidate
        place = candidate.place
        country = self.gazetteer.country(place.country_iso2)
        # Keep the reporter's spelling where the gazetteer's main name is in another alphabet's romanisation.
        readable = place.name.isascii() or candidate.name_kind in (DEMONYM, ABBREVIATION)
        return Toponym(
            span=mention.span,
            name=place.name if readable else mention.span.text,
            geonameid=place.geonameid,
            latitude=place.latitude,
            longitude=place.longitude,
            country_iso3=country.iso3 if country else None,
            country=country.name if country else None,
            admin1=place.admin1,
            admin2=place.admin2,
            feature=place.feature,
            geo_precision=precision_of(place.feature, mention.relative is not None),
            score=round(resolution.confidence, 3),
            relative=mention.relative,
            is_demonym=candidate.name_kind == DEMONYM,
            qualifies=mention.qualifies.span if mention.qualifies is not None and id(mention.qualifies) in kept else None,
        )
