"""MUC-4 terrorism templates (GRIT's processed form): perpetrators, targets, victims and weapons per document.

Roles come from the same machinery as ACLED actors: the parse says who acts (``argument_role``) around an attack verb
or noun in the first violent sentences of the (truecased) report; a perpetrator is an organisation when it is a named
group or its head noun names a body ("front", "army", "cartel"); a victim is a named person on the receiving end,
reported by name alone; a physical target is a building, installation, vehicle or piece of infrastructure attacked;
weapons come from a lexicon. Scoring follows GRIT (Du et al., 2021): per document and role, a predicted string is
correct when it equals, after normalisation, a mention of a not-yet-matched gold entity; micro P/R/F1 over all roles.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from clashwatch.evaluate.metrics import PRF, prf
from clashwatch.extract.actors import HUMAN_NOUNS, actor_dictionary, argument_role, noun_phrase_chars

ROLES = ("perp_individual_id", "perp_organization_id", "phys_tgt_id", "hum_tgt_name", "incident_instrument_id")
GRIT_TEST_MICRO_F1 = 0.545  # GRIT's published micro-F1 on the MUC-4 test split
# Reports lead with their incident and name its parties within the first few violent sentences; later ones mostly
# recount background incidents that the template omits (dev micro F1 by count: 3 0.159, 6 0.170, 8 0.168, 12 0.166).
_INCIDENT_SENTENCES = 6

_ATTACK_LEMMAS = frozenset(
    "attack kill murder assassinate bomb shoot kidnap abduct burn destroy explode blow damage dynamite ambush "
    "massacre injure wound raid hit detonate hurl throw set fire machinegun torture execute seize hijack "
    "plant strike assault".split()
)
# Perpetrator heads beyond the actor dictionary's human nouns; a subject that is none of these ("a bomb exploded")
# is no perpetrator.
_PERPETRATOR_NOUNS = frozenset("assassin suspect squad column band subversive group killer hitman".split())
_ATTACK_NOUNS = frozenset(
    "attack murder assassination killing kidnapping abduction bombing massacre ambush explosion raid".split()
)
# What MUC counts as a physical target: buildings, installations, vehicles and infrastructure, not places or people.
_PHYSICAL_TARGET_HEADS = frozenset(
    "building house home office headquarters station substation plant factory facility installation bank store "
    "shop hotel embassy church school university hospital residence farm vehicle car bus truck jeep helicopter "
    "plane aircraft boat tower pylon line powerline pipeline bridge road tank dam mine warehouse airport port "
    "barracks garrison post branch agency institute center centre company firm premises restaurant club "
    "network system infrastructure ministry court prison jail theater cinema supermarket market tracks train".split()
)
_HARM_TO_PEOPLE = frozenset(
    "kill murder assassinate shoot kidnap abduct massacre injure wound torture execute attack "
    "assassination killing kidnapping abduction".split()
)
_ORGANISATION_HEADS = frozenset(
    "front army movement force cartel party government police battalion command group organization commando "
    "alliance brigade council union extraditables guard".split()
)
_WEAPON_HEADS = frozenset(
    "bomb dynamite explosive grenade rocket mortar machinegun rifle mine gun pistol revolver "
    "launcher charge device firearm shotgun submachinegun missile stone molotov cocktail gel weapon".split()
)
_NON_TARGETS = frozenset({"it", "them", "him", "her", "they", "this", "that", "which", "who", "people", "one"})
_ARTICLES = re.compile(r"\b(a|an|the)\b")
_LINE_BREAK = re.compile(r"(?<!\n)\n(?!\n)")
_WORD = re.compile(r"[a-z]+")


@dataclass
class Muc4Document:
    doc_id: str
    text: str
    roles: dict[str, list[list[str]]]  # role -> entities -> coreferent mention strings


@dataclass
class Muc4Report:
    documents: int
    micro: PRF
    by_role: dict[str, PRF]
    grit_test_micro_f1: float = GRIT_TEST_MICRO_F1
    predictions: dict[str, dict[str, list[str]]] = field(default_factory=dict)


def load_muc4(path: Path, limit: int | None = None) -> list[Muc4Document]:
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    documents = [Muc4Document(doc_id, item["doc"], item["roles"]) for doc_id, item in data.items()]
    return documents[:limit] if limit else documents


def readable(text: str) -> str:
    """Wire text the parser can read: truecased, with capitalised sentence starts and line breaks as spaces.

    A word that is neither a function word nor an English dictionary word is taken for a name and capitalised, so
    the tagger sees "Antonio Roldan Betancur" as a person. Every character keeps its offset, so spans found in
    this text index the original upper-case text too.
    """
    lowered = _LINE_BREAK.sub(" ", text).lower()
    named = _WORD.sub(lambda word: word.group(0) if is_english_word(word.group(0)) else word.group(0).title(), lowered)
    return re.sub(r"(^|[.!?]\s+|\n\s*)([a-z])", lambda match: match.group(1) + match.group(2).upper(), named)


@lru_cache(maxsize=1)
def _english_lexicon() -> tuple[frozenset[str], tuple[tuple[str, str], ...]]:
    """Dictionary words and inflection rules from the spaCy English lemmatizer's tables (WordNet-derived)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from clashwatch.nlp import load_pipeline

    lookups = load_pipeline().get_pipe("lemmatizer").lookups
    words = set(STOP_WORDS)
    for lemmas in lookups.get_table("lemma_index").values():
        words.update(lemmas)
    for exceptions in lookups.get_table("lemma_exc").values():
        words.update(exceptions)
    rules = {(suffix, base) for pairs in lookups.get_table("lemma_rules").values() for suffix, base in pairs}
    return frozenset(words), tuple(sorted(rules))


@lru_cache(maxsize=65536)
def is_english_word(word: str) -> bool:
    """Whether a lower-case word is a common English word (or an inflection of one) rather than a name."""
    words, rules = _english_lexicon()
    if word in words or len(word) < 3:
        return True
    return any(
        word.endswith(suffix) and word[: len(word) - len(suffix)] + replacement in words
        for suffix, replacement in rules
        if suffix
    )


def normalise(mention: str) -> str:
    """GRIT's comparison form: lower case, no punctuation, no articles, single spaces."""
    text = mention.lower()
    text = "".join(char for char in text if char not in string.punctuation)
    return " ".join(_ARTICLES.sub(" ", text).split())


def _phrase(original: str, token: Token, with_complements: bool = False) -> str:
    """The noun phrase at ``token`` without articles; perpetrators keep "of ..." ("members of the FMLN")."""
    start, end = noun_phrase_chars(token)
    for child in token.rights if with_complements else ():
        if child.dep_ == "prep" and child.lower_ == "of":
            end = max(end, child.right_edge.idx + len(child.right_edge.text))
    words = original[start:end].split()
    while words and words[0].lower() in {"a", "an", "the", "some", "several", "two", "three", "four", "five"}:
        words = words[1:]
    return " ".join(words)


def _is_person(token: Token) -> bool:
    return token.ent_type_ == "PERSON" or (token.pos_ == "PROPN" and token.ent_type_ in {"", "PERSON"})


def _is_human(token: Token) -> bool:
    return _is_person(token) or token.lemma_.lower() in HUMAN_NOUNS


def _is_organisation(token: Token, phrase: str) -> bool:
    if token.lemma_.lower() in _ORGANISATION_HEADS or token.ent_type_ in {"ORG", "NORP"} and token.pos_ == "PROPN":
        return True
    return any(True for _ in actor_dictionary().find_groups(phrase, None, None))


def extract_roles(doc: Doc, original: str) -> dict[str, list[str]]:
    """Predicted role fillers of one MUC-4 document, as strings of ``original`` (the upper-case wire text)."""
    found: dict[str, list[str]] = {role: [] for role in ROLES}
    incident_sentences = [
        events
        for sentence in doc.sents
        if (events := [token for token in sentence if _is_attack(token)])
    ]
    for events in incident_sentences[:_INCIDENT_SENTENCES]:
        sentence = events[0].sent
        for event in events:
            for argument in _arguments(event):
                role = _nominal_role(argument) if event.pos_ == "NOUN" else argument_role(argument)
                if argument.lower_ in _NON_TARGETS or argument.pos_ == "PRON":
                    continue
                phrase = _phrase(original, argument, with_complements=role == "agent")
                if role == "agent":
                    if _is_organisation(argument, phrase):
                        found["perp_organization_id"].append(phrase)
                    elif _is_human(argument) or argument.lemma_.lower() in _PERPETRATOR_NOUNS:
                        found["perp_individual_id"].append(phrase)
                        found["perp_organization_id"].extend(_organisations_of_members(argument, original))
                elif role == "patient" and argument.lemma_.lower() not in _WEAPON_HEADS:
                    if _is_person(argument) and event.lemma_.lower() in _HARM_TO_PEOPLE:
                        found["hum_tgt_name"].append(_person_name(original, argument))
                    elif argument.lemma_.lower() in _PHYSICAL_TARGET_HEADS:
                        found["phys_tgt_id"].append(phrase)
        for token in sentence:
            if token.pos_ == "NOUN" and token.lemma_.lower() in _WEAPON_HEADS and token.dep_ != "compound":
                found["incident_instrument_id"].append(_phrase(original, token))
    return {role: _distinct(mentions) for role, mentions in found.items()}


def _is_attack(token: Token) -> bool:
    """An attack verb ("killed"), an attack noun with its arguments ("the murder of the governor"), or a verb whose
    subject or "by" object is the perpetrator ("carried out by the FMLN", "X claimed responsibility")."""
    lemma = token.lemma_.lower()
    if token.pos_ == "NOUN":
        return lemma in _ATTACK_NOUNS
    if token.pos_ != "VERB":
        return False
    children = {child.lower_ for child in token.children}
    return lemma in _ATTACK_LEMMAS or (lemma == "carry" and "out" in children) or (
        lemma == "claim" and "responsibility" in children
    )


def _nominal_role(argument: Token) -> str | None:
    """Roles around an attack noun: "by X" acts, "of X" / "on X" / "against X" suffers, "X's attack" acts."""
    if argument.dep_ == "poss":
        return "agent"
    if argument.dep_ == "pobj":
        preposition = argument.head.lower_
        return "agent" if preposition == "by" else "patient" if preposition in {"of", "on", "against"} else None
    return None


def _person_name(original: str, token: Token) -> str:
    """The name alone, without titles and descriptions: "governor Antonio Roldan Betancur" -> the three names."""
    entity = next((ent for ent in token.doc.ents if ent.start <= token.i < ent.end and ent.label_ == "PERSON"), None)
    if entity is not None:
        return original[entity.start_char : entity.end_char]
    start = token
    while start.i > 0 and (previous := token.doc[start.i - 1]).pos_ == "PROPN" and previous.head is token:
        start = previous
    return original[start.idx : token.idx + len(token.text)]


def _organisations_of_members(person: Token, original: str) -> list[str]:
    """ "members of the FMLN" and "FMLN guerrillas" acted for the FMLN."""
    members_of = [
        grandchild
        for child in person.children
        if child.dep_ == "prep" and child.lower_ == "of"
        for grandchild in child.children
        if grandchild.dep_ == "pobj" and not _is_human(grandchild)
    ]
    named_by = [
        child
        for child in person.lefts
        if child.dep_ == "compound" and child.pos_ == "PROPN" and child.ent_type_ != "PERSON"
    ]
    return [_phrase(original, token) for token in members_of] + [
        original[token.left_edge.idx : token.idx + len(token.text)] for token in named_by
    ]


def _arguments(event: Token) -> Iterable[Token]:
    """The nouns around an event that can fill a role: subjects, objects, possessors, prepositional objects."""
    for child in event.children:
        if child.dep_ in {"nsubj", "nsubjpass", "dobj", "poss"}:
            yield child
            yield from child.conjuncts
        elif child.dep_ in {"prep", "agent"}:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    yield grandchild
                    yield from grandchild.conjuncts


def _distinct(mentions: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for mention in mentions:
        if normalise(mention):
            seen.setdefault(normalise(mention), mention)
    return list(seen.values())


def match_counts(predicted: list[str], gold: list[list[str]]) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) of one role in one document."""
    unmatched = [{normalise(mention) for mention in entity} for entity in gold]
    correct = 0
    for mention in predicted:
        key = normalise(mention)
        hit = next((entity for entity in unmatched if key in entity), None)
        if hit is not None:
            unmatched.remove(hit)
            correct += 1
    return correct, len(predicted) - correct, len(gold) - correct


def evaluate_muc4(path: Path, limit: int | None = None, nlp: Language | None = None) -> Muc4Report:
    from clashwatch.nlp import load_pipeline

    nlp = nlp or load_pipeline()
    documents = load_muc4(path, limit)
    totals = {role: [0, 0, 0] for role in ROLES}
    predictions = {}
    for document, doc in zip(documents, nlp.pipe((readable(d.text) for d in documents), batch_size=16)):
        predicted = extract_roles(doc, document.text)
        predictions[document.doc_id] = predicted
        for role in ROLES:
            counts = match_counts(predicted[role], document.roles.get(role, []))
            totals[role] = [total + count for total, count in zip(totals[role], counts)]
    by_role = {role: prf(*counts) for role, counts in totals.items()}
    micro = prf(*(sum(counts[index] for counts in totals.values()) for index in range(3)))
    return Muc4Report(len(documents), micro, by_role, predictions=predictions)
