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

import numpy
from spacy.tokens import Doc

from clashwatch.extract.places.gazetteer import ALIAS, DEMONYM, Candidate, Place
from clashwatch.extract.places.names import name_key
from clashwatch.extract.places.toponyms import Mention
from clashwatch.nlp import sentence_start

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
# "Russian forces shelled Donetsk": a nationality names a party (often the attacker), weak evidence of where.
DEMONYM_CONTEXT_WEIGHT = 0.25
QUALIFIER_BONUS = 6.0
PROXIMITY_WEIGHT = 5.0
PROXIMITY_SCALE_KM = 150.0
PROXIMITY_OPTIONS = 20
# Below 1, unlikely readings of the other names still count a little: a cluster of small namesakes in one county
# (Alexandria, Brandon, Kensington in Minnesota) can then outweigh each name's famous namesake.
PROXIMITY_SHARPNESS = 0.25
EARTH_RADIUS_KM = 6371.0
LOCAL_FEATURES = {"town", "admin2"}
# A town this large is a place in its own right, never dropped as a namesake of an unknown local place.
NAMESAKE_POPULATION = 100_000
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
    if mention.qualifies is not None and place.feature in ADMIN_FEATURES:
        score += HINT_BONUS  # "(Bougouni, Sikasso)" after a town names its districts and provinces
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


_PROXIMITY, _CONTAINMENT = "proximity", "containment"


@dataclass(frozen=True)
class _Standing:
    """What a candidate's context bonus needs that no round of resolution changes."""

    in_actor_country: bool
    qualified: bool  # a qualifier or container written with the name contains the place
    nearness: str | None  # how the other names' places bear on it: _PROXIMITY, _CONTAINMENT or not at all


def _standing(candidate: Candidate, mention: Mention, actor_iso2s: set[str]) -> _Standing:
    place = candidate.place
    # A qualifier may itself be ambiguous ("Georgia"): any of its candidates that contains this place counts.
    qualifiers = mention.qualifiers + mention.containers
    if place.feature in LOCAL_FEATURES:
        nearness = _PROXIMITY
    elif place.feature in {"admin1", "country"} and not _names_a_town_within(place, mention):
        nearness = _CONTAINMENT
    else:
        nearness = None
    return _Standing(
        in_actor_country=place.country_iso2 in actor_iso2s,
        qualified=any(contains(other.place, place) for qualifier in qualifiers for other in qualifier.candidates),
        nearness=nearness,
    )


class _ArticleContext:
    """What the other mentions of the article currently say: their likely places, countries and provinces."""

    def __init__(self, mentions: list[Mention], keys: list[str], scores: list[list[float]], local: _LocalPlaces):
        self.keys = keys  # each mention's name key
        self.local = local
        chosen = [mention.candidates[max(range(len(row)), key=row.__getitem__)] for mention, row in zip(mentions, scores)]
        self.countries: Counter = Counter()
        self.countries_by_key: dict[str, Counter] = {}
        for key, candidate in zip(self.keys, chosen):
            if candidate.place.country_iso2:
                weight = DEMONYM_CONTEXT_WEIGHT if candidate.name_kind == DEMONYM else 1.0
                self.countries[candidate.place.country_iso2] += weight
                self.countries_by_key.setdefault(key, Counter())[candidate.place.country_iso2] += weight
        self.provinces = {
            (candidate.place.country_iso2, candidate.place.name): key
            for key, candidate in zip(self.keys, chosen)
            if candidate.place.feature == "admin1"
        }
        # Each distinct name's likeliest local places, weighted by how likely they are, for the proximity signal.
        options: list[tuple[str, float, float, float]] = []
        self.area_options: dict[tuple[str, str | None, str | None], float] = {}
        seen: set[str] = set()
        for key, mention, row in zip(self.keys, mentions, scores):
            if key in seen:
                continue
            seen.add(key)
            ranked = sorted(zip(mention.candidates, _softmax(row)), key=lambda pair: -pair[1])[:PROXIMITY_OPTIONS]
            options += [
                (key, candidate.place.latitude, candidate.place.longitude, probability**PROXIMITY_SHARPNESS)
                for candidate, probability in ranked
                if candidate.place.feature in LOCAL_FEATURES
            ]
            for candidate, probability in ranked:
                if candidate.place.feature in LOCAL_FEATURES:
                    place = candidate.place
                    for area in ((key, place.country_iso2, place.admin1), (key, place.country_iso2, None)):
                        self.area_options[area] = max(self.area_options.get(area, 0.0), probability**PROXIMITY_SHARPNESS)
        options.sort(key=lambda option: option[0])
        self.option_keys = [option[0] for option in options]
        self.option_points = numpy.radians(numpy.array([option[1:3] for option in options]).reshape(-1, 2))
        self.option_weights = numpy.array([option[3] for option in options])
        self.group_starts = [index for index, key in enumerate(self.option_keys) if index == 0 or self.option_keys[index - 1] != key]
        self._mentions = mentions
        self._proximity: dict[tuple[str, int], float] | None = None
        self._others: dict[str, tuple[Counter, float]] = {}

    def bonus(self, candidate: Candidate, standing: _Standing, key: str) -> float:
        place = candidate.place
        others, total = self._other_countries(key)
        # Normalised by at least one place's worth, so that a lone nationality word weighs only what it counts.
        score = COUNTRY_CONTEXT_WEIGHT * others[place.country_iso2] / max(total, 1.0) if place.country_iso2 else 0.0
        if standing.in_actor_country:
            score += ACTOR_COUNTRY_BONUS
        province_key = self.provinces.get((place.country_iso2, place.admin1))
        if place.feature in LOCAL_FEATURES and province_key is not None and province_key != key:
            score += PROVINCE_CONTEXT_BONUS
        if standing.qualified:
            score += QUALIFIER_BONUS
        if standing.nearness is _PROXIMITY:
            score += PROXIMITY_WEIGHT * self.proximity(place, key)
        elif standing.nearness is _CONTAINMENT:
            score += PROXIMITY_WEIGHT * self.containment(place, key)
        return score

    def _other_countries(self, key: str) -> tuple[Counter, float]:
        """The countries the article's other names point to, and their total weight: repeats of the same name do
        not vouch for themselves. Once per name: every candidate of its mentions asks."""
        if key not in self._others:
            others = self.countries - self.countries_by_key.get(key, Counter())
            self._others[key] = (others, sum(others.values()))
        return self._others[key]

    def containment(self, area: Place, key: str) -> float:
        """The counterpart of proximity for a province or a country: how many other names likely lie inside it."""
        admin1 = area.name if area.feature == "admin1" else None
        best: dict[str, float] = {}
        for (other_key, country, other_admin1), weight in self.area_options.items():
            if other_key != key and country == area.country_iso2 and other_admin1 == admin1:
                best[other_key] = max(best.get(other_key, 0.0), weight)
        names = {option_key for option_key in self.option_keys if option_key != key}
        return sum(best.values()) / len(names) if names else 0.0

    def proximity(self, place: Place, key: str) -> float:
        """How near the place lies to the likely places of the article's other names (0..1)."""
        if self._proximity is None:
            self._proximity = self._supports()
        return self._proximity[(key, place.id)]

    def _supports(self) -> dict[tuple[str, int], float]:
        """``proximity`` of every name's local places, from one distance matrix rather than one pass per place."""
        local = self.local
        if not self.group_starts:
            return dict.fromkeys(local.pairs, 0.0)
        latitudes, longitudes = self.option_points[:, 0], self.option_points[:, 1]
        haversine = (
            numpy.sin((latitudes - local.latitude) / 2) ** 2
            + local.cosine * numpy.cos(latitudes) * numpy.sin((longitudes - local.longitude) / 2) ** 2
        )
        distances = 2 * EARTH_RADIUS_KM * numpy.arcsin(numpy.sqrt(numpy.clip(haversine, 0.0, 1.0)))
        support = self.option_weights * numpy.exp(-distances / PROXIMITY_SCALE_KM)
        best_per_name = numpy.maximum.reduceat(support, self.group_starts, axis=1)
        # Each place's own name does not vouch for it: its column counts as 0, which leaves the sum exact.
        group_keys = [self.option_keys[start] for start in self.group_starts]
        own = local.key_numbers[:, None] == numpy.array([local.key_number[key] for key in group_keys])
        best_per_name[own] = 0.0
        others = len(group_keys) - own.sum(axis=1)
        total = numpy.zeros(len(local.pairs))
        for column in range(len(group_keys)):
            total += best_per_name[:, column]
        means = numpy.divide(total, others, out=numpy.zeros(len(local.pairs)), where=others > 0)
        return dict(zip(local.pairs, means.tolist()))


class _LocalPlaces:
    """Every name's local candidate places (towns, districts) and their coordinates, which each round's proximity
    needs and no round changes."""

    def __init__(self, mentions: list[Mention], keys: list[str]):
        places = {
            (key, candidate.place.id): candidate.place
            for key, mention in zip(keys, mentions)
            for candidate in mention.candidates
            if candidate.place.feature in LOCAL_FEATURES
        }
        self.pairs = list(places)
        self.key_number = {key: number for number, key in enumerate(dict.fromkeys(keys))}
        self.key_numbers = numpy.array([self.key_number[key] for key, _ in self.pairs], dtype=int)
        self.latitude = numpy.array([[math.radians(place.latitude)] for place in places.values()])
        self.longitude = numpy.array([[math.radians(place.longitude)] for place in places.values()])
        self.cosine = numpy.array([[math.cos(math.radians(place.latitude))] for place in places.values()])


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
    local = _LocalPlaces(mentions, keys)
    # A name with one candidate is resolved whatever its score: its context bonus changes nothing.
    standings = [
        [_standing(candidate, mention, actor_iso2s) for candidate in mention.candidates] if len(mention.candidates) > 1 else []
        for mention in mentions
    ]
    for _ in range(ROUNDS):
        context = _ArticleContext(mentions, keys, scores, local)
        scores = [
            [score + context.bonus(candidate, standing, key) for score, candidate, standing in zip(row, mention.candidates, standing_row)]
            if standing_row
            else row
            for mention, row, key, standing_row in zip(mentions, priors, keys, standings)
        ]
    resolutions = []
    for mention, row in zip(mentions, scores):
        best = max(range(len(row)), key=row.__getitem__)
        resolutions.append(Resolution(mention, mention.candidates[best], _softmax(row)[best]))
    return resolutions


def _anchors(resolution: Resolution) -> bool:
    """Whether a resolved name fixes where things happen by itself: a province, a region, a city. Not a country:
    "demonstrated in Valence against the invasion of Ukraine" names the country as the cause, not the place."""
    place = resolution.candidate.place
    return resolution.candidate.name_kind != DEMONYM and (
        place.feature in {"admin1", "region"} or (place.feature in LOCAL_FEATURES and place.population >= NAMESAKE_POPULATION)
    )


def drop_foreign_namesakes(resolutions: list[Resolution], doc: Doc) -> list[Resolution]:
    """Drops small places alone in their country when their sentence is anchored elsewhere and the name has no
    candidate there: "Al Tabar area ..., Maysan province" names an Iraqi hamlet the gazetteer lacks, not the Czech
    village Tabar. The event is then located by the names that are known."""
    countries_by_name: dict[str, set[str | None]] = {}
    for resolution in resolutions:
        countries_by_name.setdefault(name_key(resolution.mention.span.text), set()).add(resolution.candidate.place.country_iso2)
    # Per sentence: the countries its anchors were resolved to, and every country they could have been read in
    # ("Zaragoza, La Libertad": La Libertad is a province of Peru and of El Salvador).
    anchored_by_sentence: dict[int, set[str | None]] = {}
    possible_by_sentence: dict[int, set[str | None]] = {}
    for resolution in resolutions:
        if _anchors(resolution):
            sentence = sentence_start(doc, resolution.mention.start)
            anchored_by_sentence.setdefault(sentence, set()).add(resolution.candidate.place.country_iso2)
            possible = {
                candidate.place.country_iso2
                for candidate in resolution.mention.candidates
                if candidate.place.feature == resolution.candidate.place.feature
            }
            possible_by_sentence.setdefault(sentence, set()).update(possible)

    def foreign_namesake(resolution: Resolution) -> bool:
        place = resolution.candidate.place
        sentence = sentence_start(doc, resolution.mention.start)
        anchored = anchored_by_sentence.get(sentence, set())
        if place.feature not in LOCAL_FEATURES or place.population >= NAMESAKE_POPULATION or not anchored:
            return False
        if place.country_iso2 in possible_by_sentence[sentence]:
            return False
        key = name_key(resolution.mention.span.text)
        others = set().union(*(countries for other, countries in countries_by_name.items() if other != key))
        if place.country_iso2 in others:
            return False
        return not any(candidate.place.country_iso2 in anchored for candidate in resolution.mention.candidates)

    return [resolution for resolution in resolutions if not foreign_namesake(resolution)]
