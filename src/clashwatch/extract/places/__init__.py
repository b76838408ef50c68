"""The place stage: find place mentions in an article, resolve them to gazetteer places, pick an event's location.

Entry points: ``Geoparser().find_toponyms(doc) -> list[Toponym]`` and ``event_locations(sentence, toponyms,
actor_iso3s) -> list[Toponym]``; ``build_index()`` builds the gazetteer (``clashwatch setup`` runs it).
"""

from clashwatch.extract.places.gazetteer import build_index, default_index_path
from clashwatch.extract.places.geoparser import Geoparser
from clashwatch.extract.places.locations import event_locations
from clashwatch.extract.places.toponym import Toponym

__all__ = ["Geoparser", "Toponym", "build_index", "default_index_path", "event_locations"]
