"""Where an event happened: the places its sentence locates it in, else the article's main place.

A place named in the sentence is an event location when the grammar puts the event there (a locative preposition:
"in", "near", "along"; "the village of X"; "10 km north of X"; the object of "shelled"), not when it names a party
("Armenia said", "accused Armenia"), an owner ("Armenia's defense ministry") or part of an organisation
("Azerbaijan Defense Ministry"), and never when it is a nationality word ("Azerbaijani forces").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from clashwatch.extract.places.gazetteer import great_circle_km
from clashwatch.extract.places.toponym import Toponym
from clashwatch.extract.places.toponyms import AREA_NOUNS, DIRECTION_WORDS, NEAR_WORDS, PLACE_PART_NOUNS, SETTLEMENT_NOUNS
from clashwatch.nlp import doc_text

EVENT_PREPOSITIONS = {
    "in", "near", "at", "along", "around", "outside", "inside", "across", "into", "on", "over", "within",
    "throughout", "toward", "towards", "through", "off", "nearby", "onto", "beyond", "upon",
}
# Links that keep walking up from a name to the word that governs the whole place phrase.
PHRASE_LINKS = {"compound", "conj", "appos", "amod", "nmod", "nummod", "npadvmod"}
PARTY_ROLES = {"nsubj", "iobj", "attr", "agent", "poss", "dative"}
# The object of most verbs in conflict news is where the event struck ("shelled Kharkiv", "Kyiv was hit");
# the object of these is a party ("accused Armenia", "urged Azerbaijan").
OBJECT_ROLES = {"dobj", "nsubjpass"}
PARTY_VERBS = {
    "accuse", "blame", "urge", "call", "condemn", "tell", "ask", "warn", "say", "criticize", "criticise", "support",
    "back", "recognize", "recognise", "sanction", "thank", "join", "lead", "represent", "invite", "praise", "deny",
    "reject", "hold", "help", "aid", "arm", "fund", "defeat", "beat", "meet", "contact", "pressure", "threaten",
    "allege", "consider", "describe", "name", "leave",
}
MODIFIER_LINKS = {"compound", "amod", "nmod"}
MAX_STEPS = 8
# How much a place named as the scene of events outweighs one named in passing, and a specific place a vague one.
LOCATED_WEIGHT = 2.0
SPECIFICITY_WEIGHT = {"town": 3.0, "admin2": 2.5, "admin1": 2.0, "region": 2.0}
ACTOR_COUNTRY_WEIGHT = 2.0
REGION_RADIUS_KM = 300.0


def event_locations(sentence: SpacySpan, toponyms: list[Toponym], actor_iso3s: list[str]) -> list[Toponym]:
    """Where the event described in ``sentence`` happened (several when it names several); when the sentence names
    none, the article's best location with a lower precision. [] only when the article names no place at all."""
    doc = sentence.doc
    located = _distinct(
        toponym
        for toponym in toponyms
        if sentence.start_char <= toponym.span.start < sentence.end_char
        and not toponym.is_demonym
        and _is_event_toponym(doc, toponym)
    )
    located = [toponym for toponym in located if not any(_inside(toponym, other) for other in located)]
    located = [toponym for toponym in located if not any(_bearing_of(doc, toponym, other) for other in located)]
    scenes = {toponym.span for toponym in located}
    located = [toponym for toponym in located if toponym.qualifies not in scenes or toponym.qualifies is None]
    if located and all(toponym.feature not in SPECIFICITY_WEIGHT for toponym in located):
        # "Fighting in Ukraine": ACLED never codes a country; the article's main place within it is better.
        within = [_article_best(doc, toponyms, actor_iso3s, within=toponym) for toponym in located]
        located = [refined or toponym for refined, toponym in zip(within, located)]
    if located:
        return located
    best = _article_best(doc, toponyms, actor_iso3s)
    return [best] if best else []


def is_event_place(name: SpacySpan | None) -> bool:
    """Whether the grammar makes the place named by ``name`` the scene of its sentence's event."""
    if name is None:
        return False
    token: Token = name.root
    for _ in range(MAX_STEPS):
        if token.dep_ in PARTY_ROLES:
            return False
        if token.dep_ in OBJECT_ROLES:
            return token.head.pos_ == "VERB" and token.head.lemma_ not in PARTY_VERBS
        if token.dep_ == "pobj":
            preposition = token.head
            if preposition.lower_ in EVENT_PREPOSITIONS:
                return True
            if preposition.lower_ != "of":
                return False
            governor = preposition.head
            if governor.lower_ in AREA_NOUNS | SETTLEMENT_NOUNS | NEAR_WORDS or DIRECTION_WORDS.match(governor.text):
                return True
            if governor.pos_ == "PROPN":
                return False  # "the Consulate of Ukraine", "the University of Kabul": part of a name
            token = governor
        elif token.dep_ in MODIFIER_LINKS and token.head.pos_ == "NOUN" and not _is_place_noun(token.head):
            return False  # "an anti-France demonstration", "the Ukraine consulate": the name qualifies a thing
        elif token.dep_ in PHRASE_LINKS and token.head.i != token.i:
            token = token.head
        else:
            return False
    return False


def _is_place_noun(token: Token) -> bool:
    return token.lower_ in AREA_NOUNS | SETTLEMENT_NOUNS | NEAR_WORDS | PLACE_PART_NOUNS or bool(DIRECTION_WORDS.match(token.text))


def _is_event_toponym(doc: Doc, toponym: Toponym) -> bool:
    return is_event_place(doc.char_span(toponym.span.start, toponym.span.end, alignment_mode="expand"))


def _distinct(toponyms) -> list[Toponym]:
    seen, kept = set(), []
    for toponym in toponyms:
        identity = (toponym.name, toponym.latitude, toponym.longitude)
        if identity not in seen:
            seen.add(identity)
            kept.append(toponym)
    return kept


def _bearing_of(doc: Doc, toponym: Toponym, other: Toponym) -> bool:
    """``toponym`` only tells where ``other`` lies: "near Afgooye, west of Mogadishu"."""
    if toponym.relative is None or other.span.end > toponym.relative.start:
        return False
    return doc_text(doc)[other.span.end : toponym.relative.start].strip() == ","


def _inside(toponym: Toponym, other: Toponym) -> bool:
    """``toponym`` is a wider area that ``other``, also named, lies in ("Dashkasan, Azerbaijan")."""
    if other is toponym or other.specificity >= toponym.specificity:
        return False
    if toponym.feature == "country":
        return other.country_iso3 == toponym.country_iso3
    if toponym.feature == "admin1":
        return other.country_iso3 == toponym.country_iso3 and other.admin1 == toponym.name
    if toponym.feature == "region":
        # Curated regions have a centre, not a boundary: "Khan Younis in the southern Gaza Strip".
        distance = great_circle_km(toponym.latitude, toponym.longitude, other.latitude, other.longitude)
        return other.country_iso3 == toponym.country_iso3 and distance <= REGION_RADIUS_KM
    return False


def _article_best(
    doc: Doc, toponyms: list[Toponym], actor_iso3s: list[str], within: Toponym | None = None
) -> Toponym | None:
    """The article's main place: named most often, as a scene of events, specifically, in the actors' countries."""
    pool = [toponym for toponym in toponyms if not toponym.is_demonym] or list(toponyms)
    if within is not None:
        pool = [toponym for toponym in pool if _inside(within, toponym)]
    if not pool:
        return None
    weights: Counter = Counter()
    first: dict[tuple, Toponym] = {}
    for toponym in pool:
        identity = (toponym.name, toponym.latitude, toponym.longitude)
        first.setdefault(identity, toponym)
        weight = SPECIFICITY_WEIGHT.get(toponym.feature, 1.0)
        if toponym.country_iso3 in actor_iso3s:
            weight *= ACTOR_COUNTRY_WEIGHT
        if _is_event_toponym(doc, toponym):
            weight *= LOCATED_WEIGHT
        weights[identity] += weight
    best = first[max(weights, key=lambda identity: (weights[identity], -first[identity].span.start))]
    fallback_precision = 2 if best.feature == "town" else 3
    return replace(best, geo_precision=max(best.geo_precision, fallback_precision), relative=None)
