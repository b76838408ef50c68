"""Toponym resolution: which of a name's candidate places the article means.

Each candidate gets a prior (how prominent the place is: population, kind of place, a capital, the name being its
main name rather than an alias) and a context bonus: the countries of the article's other places and of its actors
(places in one article tend to lie in one or two countries), the provinces the article names ("Alexandria ... Rapides
Parish" -> Louisiana), and a qualifier written next to the name ("Alexandria, La.", "Mansehra (Khyber Pakhtunkhwa)").
The article's context comes from the other mentions' current best guesses, refined over a few rounds.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from clashwatch.extract.places.gazetteer import ALIAS, Candidate, Place, great_circle_km
from clashwatch.extract.places.names import name_key
from clashwatch.extract.places.toponyms import Mention

ADMIN_FEATURES = {"admin1", "admin2", "region"}
FEATURE_PRIOR = {"country": 1.5, "continent": 1.0, "region": 1.0, "sea": 0.5}
# Curated places have no population figure; these stand in for one (log10 of a comparable population).
UNPOPULATED_SIZE = {"region": 6.5, "sea": 5.5, "stream": 5.0}
# Towns keep old and foreign names as aliases ("Salisbury" for Harare): weaker evidence than for areas.
ALIAS_PENALTY = {"town": 1.5}
AREA_ALIAS_PENALTY = 0.7
CAPITAL_BONUS = 1.5
HINT_BONUS = 3.0
NESTED_AREA_PENALTY = 1.5
COUNTRY_CONTEXT_WEIGHT = 3.0
ACTOR_COUNTRY_BONUS = 1.5
PROVINCE_CONTEXT_BONUS = 2.0
QUALIFIER_BONUS = 6.0
PROXIMITY_WEIGHT = 3.0
PROXIMITY_SCALE_KM = 150.0
PROXIMITY_OPTIONS = 5
LOCAL_FEATURES = {"town", "admin2"}
ROUNDS = 3


@dataclass
class Resolution:
    mention: Mention
    candidate: Candidate
    confidence: float  # the chosen candidate's share of the softmax over the mention's candidates


def prior(candidate: Candidate, mention: Mention) -> float:
    place = candidate.place
    size = math.log10(place.population + 1) if place.population else UNPOPULATED_SIZE.get(place.feature, 2.0)
    score = size + FEATURE_PRIOR.get(place.feature, 0.0) + (CAPITAL_BONUS if place.capital else 0.0)
    if candidate.name_kind == ALIAS:
        score -= ALIAS_PENALTY.get(place.feature, AREA_ALIAS_PENALTY)
    if mention.area_hint and place.feature in ADMIN_FEATURES:
        score += HINT_BONUS
    if mention.settlement_hint and place.feature == "town":
        score += HINT_BONUS
    if not mention.area_hint and place.feature in {"admin1", "admin2"} and _names_a_town_within(place, mention):
        # "Kalbajar" is both a town and the district around it; news means the town unless it says "district".
        score -= NESTED_AREA_PENALTY
    return score


def _names_a_town_within(area: Place, mention: Mention) -> bool:
    return any(
        other.place.feature == "town"
        and other.place.country_iso2 == area.country_iso2
        and area.name in (other.place.admin1, other.place.admin2)
        for other in mention.candidates
    )


def contains(area: Place, place: Place) -> bool:
    if area.feature == "country":
        return place.country_iso2 == area.country_iso2
    if area.feature == "admin1":
        return place.country_iso2 == area.country_iso2 and place.admin1 == area.name and place is not area
    if area.feature == "admin2":
        return place.country_iso2 == area.country_iso2 and place.admin2 == area.name and place is not area
    return False


class _ArticleContext:
    """What the other mentions of the article currently say: their likely places, countries and provinces."""

    def __init__(self, mentions: list[Mention], scores: list[list[float]], actor_iso2s: set[str]):
        self.keys = [name_key(mention.span.text) for mention in mentions]
        self.actor_iso2s = actor_iso2s
        chosen = [mention.candidates[max(range(len(row)), key=row.__getitem__)] for mention, row in zip(mentions, scores)]
        self.countries = Counter(
            (key, candidate.place.country_iso2) for key, candidate in zip(self.keys, chosen) if candidate.place.country_iso2
        )
        self.provinces = {
            (candidate.place.country_iso2, candidate.place.name): key
            for key, candidate in zip(self.keys, chosen)
            if candidate.place.feature == "admin1"
        }
        # Each distinct name's likeliest local places, weighted by how likely they are, for the proximity signal.
        self.local_options: dict[str, list[tuple[Place, float]]] = {}
        for key, mention, row in zip(self.keys, mentions, scores):
            if key in self.local_options:
                continue
            probabilities = _softmax(row)
            ranked = sorted(zip(mention.candidates, probabilities), key=lambda pair: -pair[1])[:PROXIMITY_OPTIONS]
            self.local_options[key] = [
                (candidate.place, probability) for candidate, probability in ranked if candidate.place.feature in LOCAL_FEATURES
            ]
        self._proximity: dict[tuple[str, int], float] = {}

    def bonus(self, candidate: Candidate, mention: Mention, key: str) -> float:
        place = candidate.place
        # Repeats of the same name do not vouch for themselves.
        others = Counter({country: count for (other_key, country), count in self.countries.items() if other_key != key})
        total = sum(others.values())
        score = COUNTRY_CONTEXT_WEIGHT * others[place.country_iso2] / total if total and place.country_iso2 else 0.0
        if place.country_iso2 in self.actor_iso2s:
            score += ACTOR_COUNTRY_BONUS
        province_key = self.provinces.get((place.country_iso2, place.admin1))
        if place.feature in LOCAL_FEATURES and province_key is not None and province_key != key:
            score += PROVINCE_CONTEXT_BONUS
        # A qualifier may itself be ambiguous ("Georgia"): any of its candidates that contains this place counts.
        if any(contains(other.place, place) for qualifier in mention.qualifiers for other in qualifier.candidates):
            score += QUALIFIER_BONUS
        if place.feature in LOCAL_FEATURES:
            score += PROXIMITY_WEIGHT * self.proximity(place, key)
        return score

    def proximity(self, place: Place, key: str) -> float:
        """How near the place lies to the likely places of the article's other names (0..1)."""
        if (key, place.id) not in self._proximity:
            supports = [
                max((probability * math.exp(-great_circle_km(place.latitude, place.longitude, other.latitude,
                                                             other.longitude) / PROXIMITY_SCALE_KM)
                     for other, probability in options), default=0.0)
                for other_key, options in self.local_options.items()
                if other_key != key and options
            ]
            self._proximity[(key, place.id)] = sum(supports) / len(supports) if supports else 0.0
        return self._proximity[(key, place.id)]


def _softmax(row: list[float]) -> list[float]:
    best = max(row)
    exponentials = [math.exp(score - best) for score in row]
    total = sum(exponentials)
    return [value / total for value in exponentials]


def resolve(mentions: list[Mention], actor_iso2s: set[str] | None = None) -> list[Resolution]:
    actor_iso2s = actor_iso2s or set()
    keys = [name_key(mention.span.text) for mention in mentions]
    priors = [[prior(candidate, mention) for candidate in mention.candidates] for mention in mentions]
    scores = priors
    for _ in range(ROUNDS):
        context = _ArticleContext(mentions, scores, actor_iso2s)
        scores = [
            [score + context.bonus(candidate, mention, key) for score, candidate in zip(row, mention.candidates)]
            for mention, row, key in zip(mentions, priors, keys)
        ]
    resolutions = []
    for mention, row in zip(mentions, scores):
        best = max(range(len(row)), key=row.__getitem__)
        resolutions.append(Resolution(mention, mention.candidates[best], _softmax(row)[best]))
    return resolutions
