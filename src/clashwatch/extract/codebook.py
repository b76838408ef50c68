"""ACLED's coding rules as constraints: read from ``data/codebook.json`` and applied to every coded event here.

Three kinds of rule live in the file. Deeds told by a verb and the thing it acts on ("set up a base", "seized a
weapons cache", "captured the town") are cues the event typer reads (``deed_family``). What a sentence must tell
before a learned model may give it a sub-type (a demonstration needs demonstrators) is checked by ``has_evidence``.
Rules on who the sides are (civilians are never a side in a battle; a peaceful protest has no second actor; a violent
demonstration needs demonstrators doing the violence; a change of territory is typed by its new holder) are applied by
the coder once the actors are known (``constrain``), which may retype the event and so send it back to the actor step.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from clashwatch.paths import PACKAGE_DATA
from clashwatch.records import EVENT_TYPE_OF

CODEBOOK_PATH = PACKAGE_DATA / "codebook.json"


@dataclass(frozen=True)
class DeedRule:
    family: str  # the event lexicon's cue family the deed stands for
    verbs: frozenset[str]
    objects: frozenset[str]


@dataclass(frozen=True)
class Codebook:
    data: dict
    deeds: tuple[DeedRule, ...]

    def inter(self, kind: str) -> frozenset[int]:
        return frozenset(self.data["inter"][kind])


@lru_cache(maxsize=1)
def codebook() -> Codebook:
    data = json.loads(CODEBOOK_PATH.read_text(encoding="utf-8"))
    deeds = tuple(
        DeedRule(family, frozenset(rule["verbs"]), frozenset(rule["objects"]))
        for family, rule in data["deeds"].items()
        if not family.startswith("_")
    )
    return Codebook(data, deeds)


def _acted_on(verb: Token) -> list[Token]:
    """The things a verb acts on: its object or passive subject, with the nouns they are made of ("a cache of
    weapons", "weapons cache") and their conjuncts."""
    things = [child for child in verb.children if child.dep_ in ("dobj", "nsubjpass")]
    if verb.lemma_.lower() == "set":  # "set up a base": the particle's verb takes the object
        particles = [child for child in verb.children if child.dep_ == "prt"]
        things += [grand for particle in particles for grand in particle.children if grand.dep_ == "pobj"]
    found = []
    for thing in things:
        for noun in (thing, *thing.conjuncts):
            found.append(noun)
            found += [child for child in noun.children if child.dep_ in ("compound", "amod")]
            of = [child for child in noun.children if child.dep_ == "prep" and child.lower_ == "of"]
            found += [grand for child in of for grand in child.children]
    return found


def deed_family(verb: Token) -> str | None:
    """The cue family of a deed the codebook lists, read off the verb and what it acts on, or None."""
    lemma = verb.lemma_.lower()
    for rule in codebook().deeds:
        if lemma in rule.verbs and any(thing.lemma_.lower() in rule.objects for thing in _acted_on(verb)):
            return rule.family
    return None


@lru_cache(maxsize=1)
def deed_verbs() -> frozenset[str]:
    return frozenset(verb for rule in codebook().deeds for verb in rule.verbs)


@dataclass(frozen=True)
class Sides:
    """What the rules need to know of an event's sides: the two actors' inter codes (None where none was found),
    whether the deed's doers are a crowd of ordinary people and its victims civilians, and any casualties."""

    inter1: int | None
    inter2: int | None
    crowd_doers: bool
    civilian_victims: bool
    casualties: bool


@dataclass(frozen=True)
class Ruling:
    """The sub-event type the rules allow, and which actors ("actor1", "actor2") stand for an armed group instead
    of the civilians they were read as."""

    sub_event_type: str
    armed_sides: tuple[str, ...] = ()


def constrain(sub_event_type: str, sides: Sides) -> Ruling:
    """What ACLED's rules allow for an event of ``sub_event_type`` with these sides."""
    book = codebook()
    rules = book.data
    civilians, state = book.inter("civilians"), book.inter("state")
    battles = rules["battles_without_civilians"]
    if EVENT_TYPE_OF[sub_event_type] == "Battles" and civilians & {sides.inter1, sides.inter2}:
        if sides.inter1 in civilians and sides.crowd_doers:
            return Ruling(battles["crowd_actor1"])
        if sides.inter2 in civilians and sides.civilian_victims and sides.inter1 not in civilians:
            return Ruling(battles["civilian_victims"])
        read_as_civilians = (("actor1", sides.inter1), ("actor2", sides.inter2))
        return Ruling(sub_event_type, tuple(side for side, inter in read_as_civilians if inter in civilians))
    violent = rules["violent_demonstration"]
    if sub_event_type == violent["sub_event_type"] and sides.inter1 in state:
        return Ruling(violent["by_state_with_casualties"] if sides.casualties else violent["by_state"])
    territory = rules["territory"]
    if sub_event_type in territory["sub_event_types"]:
        if sides.inter1 in state:
            return Ruling(territory["state_holder"])
        if sides.inter1 in book.inter("non_state_armed"):
            return Ruling(territory["non_state_holder"])
    return Ruling(sub_event_type)


def armed_stand_in() -> tuple[str, int]:
    """The name and inter code of the actor that replaces civilians read as a side of a battle."""
    stand_in = codebook().data["battles_without_civilians"]["armed_stand_in"]
    return stand_in["name"], stand_in["inter"]


def has_evidence(sub_event_type: str, families: set[str], victims: set[str]) -> bool:
    """True when a sentence's cue families and the kinds of its deed's victims tell what ``sub_event_type`` needs
    (see "evidence"): a sub-type refuses victims only when all those whose kind is known are of a refused kind."""
    needed = codebook().data["evidence"].get(sub_event_type, {})
    known = victims - {"unknown"}
    refused = bool(known) and known <= set(needed.get("victims_not", []))
    return all(families & set(group) for group in needed.get("cues", [])) and not refused


def drops_actor2(sub_event_type: str) -> bool:
    return sub_event_type in codebook().data["protests_without_actor2"]["sub_event_types"]
