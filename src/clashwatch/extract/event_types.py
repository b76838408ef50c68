"""Event detection and typing: does a sentence report an event, and which ACLED event / sub-event type is it?

The shipped ``RuleClassifier`` finds cue phrases (``data/event_lexicon.json``: families such as "protest",
"shelling", "arrest"), drops cues the syntax says did not happen here (negated, modal, or the topic of a statement:
"urge an end to hostilities", "protest against the killing of ..."), then applies ACLED's precedence rules to the
families that remain (a protest met with tear gas is a protest with intervention; shelling that kills civilians is
shelling; violence against armed actors is a clash, against unarmed ones an attack).
``load_classifier()`` returns the shipped typer: these rules with a learned linear model beside them that reads
their cues, the syntax and the words (``clashwatch.extract.trained``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from spacy.tokens import Span as SentenceSpan
from spacy.tokens import Token

from clashwatch.extract.alternation import PatternIndex, word_alternation, word_alternations
from clashwatch.extract.codebook import deed_family, deed_verbs
from clashwatch.nlp import doc_fact, doc_text, span_text
from clashwatch.paths import PACKAGE_DATA

# The typology lives with the records (the store filters by it without loading spaCy); re-exported here.
from clashwatch.records import ACLED_TYPOLOGY, EVENT_TYPE_OF, Span

# CAMEO code and PLOVER category that each sub-event type corresponds to (CAMEO 1.1b3 / PLOVER 2023 definitions).
_CAMEO_PLOVER: dict[str, tuple[str | None, str | None]] = {
    "Armed clash": ("193", "FIGHT"),
    "Government regains territory": ("192", "FIGHT"),
    "Non-state actor overtakes territory": ("192", "FIGHT"),
    "Chemical weapon": ("2041", "ASSAULT"),
    "Air/drone strike": ("195", "FIGHT"),
    "Suicide bomb": ("1831", "ASSAULT"),
    "Shelling/artillery/missile attack": ("194", "FIGHT"),
    "Remote explosive/landmine/IED": ("183", "ASSAULT"),
    "Grenade": ("183", "ASSAULT"),
    "Sexual violence": ("1821", "ASSAULT"),
    "Attack": ("180", "ASSAULT"),
    "Abduction/forced disappearance": ("181", "ASSAULT"),
    "Peaceful protest": ("141", "PROTEST"),
    "Protest with intervention": ("141", "PROTEST"),
    "Excessive force against protesters": ("175", "ASSAULT"),
    "Violent demonstration": ("145", "PROTEST"),
    "Mob violence": ("145", "ASSAULT"),
    "Agreement": ("057", "AGREE"),
    "Arrests": ("173", "COERCE"),
    "Change to group/activity": ("150", "MOBILIZE"),
    "Disrupted weapons use": (None, "COERCE"),
    "Headquarters or base established": (None, "MOBILIZE"),
    "Looting/property destruction": ("171", "COERCE"),
    "Non-violent transfer of territory": ("192", "RETREAT"),
    "Other": (None, None),
}

# When two sentences of one report give the same event different sub-types, the later, graver one wins
# ("people protested" then "police fired tear gas"): ranks within each event type, low to high.
_ESCALATION = {
    "Peaceful protest": 0,
    "Protest with intervention": 1,
    "Excessive force against protesters": 2,
    "Violent demonstration": 3,
}

_LEXICON_PATH = PACKAGE_DATA / "event_lexicon.json"


def disorder_type(event_type: str, sub_event_type: str) -> str:
    if event_type == "Protests" or sub_event_type == "Violent demonstration":
        return "Demonstrations"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return "Political violence"


def graver_sub_event(first: str, second: str) -> str:
    """The sub-type a report keeps when two of its sentences type the same protest differently."""
    if first in _ESCALATION and second in _ESCALATION and _ESCALATION[second] > _ESCALATION[first]:
        return second
    return first


@dataclass
class EventMention:
    event_type: str
    sub_event_type: str
    trigger: Span  # in article offsets
    score: float
    cameo_code: str | None
    plover: str | None
    disorder_type: str
    weapons: list[Span] = field(default_factory=list)


def make_mention(sub_event_type: str, trigger: Span, score: float, weapons: list[Span]) -> EventMention:
    """A mention of ``sub_event_type`` with the event type, CAMEO code, PLOVER category and disorder type it implies."""
    event_type = EVENT_TYPE_OF[sub_event_type]
    cameo, plover = _CAMEO_PLOVER[sub_event_type]
    return EventMention(
        event_type=event_type,
        sub_event_type=sub_event_type,
        trigger=trigger,
        score=score,
        cameo_code=cameo,
        plover=plover,
        disorder_type=disorder_type(event_type, sub_event_type),
        weapons=weapons,
    )


class EventClassifier(Protocol):
    def classify(self, sent: SentenceSpan) -> list[EventMention]: ...


@dataclass(frozen=True)
class Cue:
    """One phrase of a cue family found in a sentence."""

    family: str
    span: Span
    token: Token  # the syntactic head of the phrase


@dataclass(frozen=True)
class _Lexicon:
    families: PatternIndex
    weapons: re.Pattern[str]
    targets: dict[str, re.Pattern[str]]  # "armed", "civilian", "security": people and the sites that stand for them
    people: re.Pattern[str]  # nouns that name people, armed or not
    topic_heads: frozenset[str]
    protest_topic_heads: frozenset[str]  # a protest is only the topic of a plan, call or ban, not of another protest word
    modal_auxiliaries: frozenset[str]
    symbols: re.Pattern[str]  # things burnt at protests to make a point ("burnt an effigy"), no riot or arson
    property_verbs: frozenset[str]  # destroying or taking whatever thing is their object
    taking_verbs: frozenset[str]
    not_property: re.Pattern[str]  # objects of those verbs that are no one's property (drugs, power, a town)
    weapon_verbs: frozenset[str]  # aiming or firing: the weapon named with them tells the kind of attack
    weapon_families: dict[str, re.Pattern[str]]
    natural_damage_lemmas: frozenset[str]  # property-damage verbs that fire, floods or storms also do
    statement_lemmas: frozenset[str]  # a purpose ("to denounce") hanging on these is a statement's, not a crowd's


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = json.loads(_LEXICON_PATH.read_text(encoding="utf-8"))
    suppressors = data["suppressors"]
    targets = data["targets"]
    return _Lexicon(
        families=word_alternations(data["families"]),
        weapons=word_alternation(data["weapons"]),
        targets={
            "armed": word_alternation(targets["armed"] + targets["armed_sites"]),
            "civilian": word_alternation(targets["civilian"] + targets["civilian_sites"]),
            "security": word_alternation(targets["security"]),
        },
        people=word_alternation(targets["armed"] + targets["civilian"]),
        topic_heads=frozenset(suppressors["topic_heads"]),
        protest_topic_heads=frozenset(suppressors["protest_topic_heads"]),
        modal_auxiliaries=frozenset(suppressors["modal_auxiliaries"]),
        symbols=word_alternation(suppressors["symbols"]),
        property_verbs=frozenset(data["property"]["verbs"]),
        taking_verbs=frozenset(data["property"]["taking_verbs"]),
        not_property=word_alternation(data["property"]["not_property"]),
        weapon_verbs=frozenset(data["weapon_use"]["verbs"]),
        weapon_families={family: word_alternation(words) for family, words in data["weapon_use"]["weapon_families"].items()},
        natural_damage_lemmas=frozenset(suppressors["natural_damage_lemmas"]),
        statement_lemmas=frozenset(suppressors["statement_lemmas"]),
    )


def _matches(pattern: re.Pattern[str], sent: SentenceSpan) -> Iterable[tuple[Span, SentenceSpan]]:
    for match in pattern.finditer(span_text(sent)):
        if (found := _aligned(match, sent)) is not None:
            yield found


def _family_matches(sent: SentenceSpan) -> Iterable[tuple[str, Span, SentenceSpan]]:
    for family, match in _lexicon().families.finditer(span_text(sent)):
        if (found := _aligned(match, sent)) is not None:
            yield family, *found


def _aligned(match: re.Match[str], sent: SentenceSpan) -> tuple[Span, SentenceSpan] | None:
    """The match in document offsets, with the tokens it touches (None when it touches none)."""
    start, end = sent.start_char + match.start(), sent.start_char + match.end()
    tokens = sent.doc.char_span(start, end, alignment_mode="expand")
    return (Span(start, end, match.group(0)), tokens) if tokens is not None and len(tokens) else None


# Dependency edges above which a cue is no longer the topic of a head: a clause of its own (relative clause, verb
# conjunct), the head's subject ("protesters rallied": the protesters are not what the rally is about) or a passive's
# agent ("nurses called by the union protested": the union did protest, it is not what the call is about).
_CLAUSE_EDGES = frozenset({"parataxis", "nsubj", "nsubjpass", "csubj", "csubjpass", "agent"})
# Topic heads that place a deed before or behind the sentence's news rather than make it a mere topic: the deed
# still happened.
_BACKGROUND_HEADS = frozenset({"after", "following", "amid", "because", "due", "despite"})
# Cue families that describe an event's circumstances rather than stand for an event: never suppressed as topics.
_CIRCUMSTANCE_FAMILIES = frozenset({"peaceful_transfer"})
# Families whose fire-setting cues ("torched", "set fire to", "burnt") are no riot or arson when a symbol burns.
_BURNING_FAMILIES = frozenset({"riot_violence", "looting"})
_BURNING_LEMMAS = frozenset({"burn", "torch", "set"})
# How many words after a burning cue may name what burnt ("set fire to an effigy of the minister").
_BURNT_OBJECT_WINDOW = 4


def _opens_clause(token: Token) -> bool:
    return token.dep_ in _CLAUSE_EDGES or (token.dep_ == "conj" and token.pos_ in ("VERB", "AUX"))


def is_topic(token: Token, topic_heads: frozenset[str] | None = None) -> bool:
    """True when ``token`` lies in the complement of a head like "urge", "against", "protest": it names what a
    statement or demand is about, not something that happened there ("protest against the killing of ...")."""
    return _topic_head(token, _lexicon().topic_heads if topic_heads is None else topic_heads) is not None


def _topic_head(token: Token, topic_heads: frozenset[str]) -> Token | None:
    current = token
    while current.head.i != current.i and not _opens_clause(current):
        current = current.head
        if current.lemma_.lower() in topic_heads:
            return current
    return None


def clause_verb(token: Token) -> Token:
    """The verb of the clause ``token`` belongs to (the token itself when it is one)."""
    current = token
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i and not _opens_clause(current):
        current = current.head
    return current


def _is_negated(token: Token) -> bool:
    if any(child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no") for child in token.children):
        return True
    verb = clause_verb(token)
    return verb.i != token.i and any(child.dep_ == "neg" for child in verb.children)


def _is_modal(token: Token, modal_auxiliaries: frozenset[str]) -> bool:
    verb = clause_verb(token)
    if verb.i == token.i and token.dep_ in ("nsubj", "nsubjpass"):
        verb = token.head  # "a general strike could paralyse the economy": the subject's verb carries the modality
    # a modal must be tagged one: "missing since 7 May blocked the road" parses the month as an auxiliary
    return any(child.dep_ == "aux" and child.tag_ == "MD" and child.lower_ in modal_auxiliaries for child in verb.children) or any(
        child.dep_ == "aux" and child.lower_ == "to" and verb.head.lemma_ in ("plan", "threaten", "vow", "intend", "want")
        for child in verb.children
    )


def find_cues(sent: SentenceSpan) -> list[Cue]:
    """The cue phrases in ``sent`` that speak of something that happened (not negated, modal or a mere topic)."""
    lexicon = _lexicon()
    cues = []
    background = []  # deeds told as the cause or the time of the sentence's news ("after militants attacked ...")
    for family, span, tokens in _family_matches(sent):
        head = tokens.root
        if family not in _CIRCUMSTANCE_FAMILIES:
            if _is_negated(head) or _is_modal(head, lexicon.modal_auxiliaries):
                continue
            topic = _topic_head(head, lexicon.protest_topic_heads if family == "protest" else lexicon.topic_heads)
            if topic is not None:
                if topic.lemma_.lower() in _BACKGROUND_HEADS:
                    background.append(Cue(family, span, head))
                continue
            if family in _BURNING_FAMILIES and _burns_a_symbol(tokens, lexicon.symbols):
                continue
            if family == "protest_purpose" and not _is_crowd_purpose(head, lexicon):
                continue
        cues.append(Cue(family, span, head))
    verbs = [token for token in sent if token.pos_ == "VERB"]
    cues += _verb_cues(verbs, lexicon.property_verbs, _property_family, {cue.token.i for cue in cues})
    cues += _verb_cues(verbs, lexicon.weapon_verbs, _weapon_family, {cue.token.i for cue in cues})
    cues += _verb_cues(verbs, deed_verbs(), deed_family, {cue.token.i for cue in cues})
    # with nothing else said to have happened, the earlier deed is the sentence's event ("police are investigating
    # after a man was shot")
    return sorted(cues or background, key=lambda cue: cue.span.start)


def _verb_cues(verbs: list[Token], lemmas: frozenset[str], family_of, cue_heads: set[int]) -> list[Cue]:
    """Cues read off a verb and its arguments rather than a phrase: ``family_of(verb)`` names the family, or None."""
    lexicon = _lexicon()
    cues = []
    for verb in verbs:
        if verb.i in cue_heads or verb.lemma_.lower() not in lemmas:
            continue
        if _is_negated(verb) or _is_modal(verb, lexicon.modal_auxiliaries) or is_topic(verb):
            continue
        if (family := family_of(verb)) is not None:
            cues.append(Cue(family, Span.of(doc_text(verb.doc), verb.idx, verb.idx + len(verb.text)), verb))
    return cues


def _property_family(verb: Token) -> str | None:
    """"Settlers destroyed a water well", "gunmen stole a radio host's motorcycle": the lexicon cannot list every thing
    that can be wrecked or taken, but the syntax tells that the object is a thing and not a person or a weapon."""
    if verb.lemma_.lower() == "set" and not any(child.lower_ in ("fire", "ablaze", "alight") for child in verb.subtree):
        return None
    things = [child for child in verb.children if child.dep_ in ("dobj", "nsubjpass")]
    return "looting" if any(_is_property(thing, verb, _lexicon()) for thing in things) else None


def _weapon_family(verb: Token) -> str | None:
    """"Houthi forces targeted military positions with machine guns", "gunboats fired live bullets and tear gas at
    fishing boats": the weapon named as the verb's object or instrument tells the kind of attack; aiming at armed
    people or their posts is a fight even when no weapon is named."""
    used = [child for child in verb.children if child.dep_ in ("dobj", "nsubjpass")]
    used += [grand for child in verb.children if child.lower_ == "with" for grand in child.children if grand.dep_ == "pobj"]
    used = [word for noun in used for word in (noun, *noun.conjuncts)]
    for family, weapons in _lexicon().weapon_families.items():
        if any(weapons.fullmatch(noun.lower_) for noun in used):
            return family
    if verb.lemma_.lower() == "target" and any(_side(noun) == "armed" for noun in used):
        return "violence"
    return None


def _is_property(noun: Token, verb: Token, lexicon: _Lexicon) -> bool:
    if noun.pos_ != "NOUN" or is_person_noun(noun):
        return False
    # "three tons of marijuana", "a cache of rifles": the thing is what the measure is of
    measured = (grand for child in noun.children if child.lower_ == "of" for grand in child.children if grand.dep_ == "pobj")
    things = [noun, *measured]
    if any(lexicon.not_property.fullmatch(thing.lower_) for thing in things):
        return False
    if _mentions_any(lexicon.weapons, things):
        return False  # "destroyed an IED" is a disrupted weapon, "seized rifles" no property either
    # what a thief takes from someone is theirs; taking from a place is a seizure ("seized goods at the border")
    return verb.lemma_.lower() not in lexicon.taking_verbs or _is_armed_doer(verb)


def _is_armed_doer(verb: Token) -> bool:
    return any(_is_armed(doer) for doer in _doers(verb))


def _burns_a_symbol(tokens: SentenceSpan, symbols: re.Pattern[str]) -> bool:
    if not any(token.lemma_.lower() in _BURNING_LEMMAS for token in tokens):
        return False
    following = tokens.doc[tokens.end : min(tokens.end + _BURNT_OBJECT_WINDOW, tokens.sent.end)]
    return any(symbols.fullmatch(token.lower_) for token in (*tokens, *following))


def _is_crowd_purpose(purpose: Token, lexicon: _Lexicon) -> bool:
    """True when a purpose ("to denounce", "demanding") tells why people did something that happened ("drivers parked
    their trucks on the highway to denounce ..."), not why someone spoke, wrote or sued, nor what a plan was for."""
    doing = purpose.head
    while doing.pos_ not in ("VERB", "AUX") and doing.head.i != doing.i:
        if doing.lemma_.lower() in lexicon.statement_lemmas:
            return False
        doing = doing.head
    if doing.i == purpose.i or doing.pos_ not in ("VERB", "AUX"):
        return False
    said_with = [child for child in doing.children if child.dep_ in ("dobj", "prep")] + [doing]
    if any(token.lemma_.lower() in lexicon.statement_lemmas for token in said_with):
        return False
    return not (
        _is_negated(doing) or _is_modal(doing, lexicon.modal_auxiliaries) or is_topic(doing, lexicon.protest_topic_heads)
    )


def is_person_noun(token: Token) -> bool:
    """True when ``token`` is a noun the lexicon knows to name people ("civilians", "soldiers", "villagers")."""
    return _mentions_any(_lexicon().people, (token,))


def _mentions_any(pattern: re.Pattern[str], tokens: Iterable[Token]) -> bool:
    return any(pattern.fullmatch(token.lower_) or pattern.fullmatch(token.lemma_.lower()) for token in tokens)


_VICTIM_PREPOSITIONS = ("on", "at", "against", "upon")
# Collective nouns for a crowd of people acting together ("a group of villagers", "a mob").
_CROWD_LEMMAS = frozenset({"group", "crowd", "mob"})
# Modifiers that make a plural of people an unidentified band of assailants rather than a crowd.
_UNIDENTIFIED = frozenset({"unknown", "unidentified", "armed", "masked", "suspected"})
# Plurals that name individuals or an organisation's members, not a crowd.
_NOT_CROWDS = frozenset({"individual", "person", "member"})
_INTRANSITIVE_CASUALTIES = frozenset({"die", "succumb", "perish"})
# Below this score a violent mention only reports casualties, naming no one who caused them ("Four were killed.").
CASUALTY_REPORT_SCORE = 0.5
_FIREARM_LEMMAS = frozenset({"shoot", "shot", "fire", "gun", "gunman", "gunmen"})


def _victims(trigger: Token) -> list[Token]:
    """The nouns a violent word acted on: its object, passive subject, the object of "on"/"at"/"against" (also
    when that hangs on the object: "opened fire on a car"), the noun it modifies ("the killed soldiers"), with
    their conjuncts; a verb coordinated with another shares that one's victims ("was shot and killed")."""
    victims = []
    for child in trigger.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr"):
            victims.append(child)
            victims.extend(_prepositional_objects(child))
        elif child.dep_ == "prep" and child.lower_ in _VICTIM_PREPOSITIONS:
            victims.extend(_prepositional_objects(trigger))
    if trigger.dep_ in ("amod", "acl") and trigger.head.pos_ in ("NOUN", "PROPN"):
        victims.append(trigger.head)
    if not victims and trigger.dep_ == "conj" and trigger.head.pos_ == "VERB":
        return _victims(trigger.head)
    return _with_conjuncts(victims)


def _prepositional_objects(token: Token) -> list[Token]:
    return [
        grandchild
        for child in token.children
        if child.dep_ == "prep" and child.lower_ in _VICTIM_PREPOSITIONS
        for grandchild in child.children
        if grandchild.dep_ == "pobj"
    ]


def _with_conjuncts(nouns: list[Token]) -> list[Token]:
    return list(dict.fromkeys(token for noun in nouns for token in (noun, *noun.conjuncts)))


def _doers(trigger: Token) -> list[Token]:
    """Who did a violent deed: the subject of an active verb, or the agent of a passive ("beaten by residents");
    a verb coordinated with another active deed shares its subject ("residents beat and killed him"), but not with
    a passive or intransitive one ("two civilians died and five got wounded": no one named did it)."""
    passive = _is_passive(trigger)
    doers = [child for child in trigger.children if child.dep_ == "nsubj" and not passive]
    for child in trigger.children:
        if child.dep_ in ("agent", "prep") and child.lower_ == "by":
            doers.extend(grandchild for grandchild in child.children if grandchild.dep_ == "pobj")
    head = trigger.head
    if not doers and not passive and trigger.dep_ == "conj" and head.pos_ == "VERB" and not _is_passive(head):
        if head.lemma_.lower() not in _INTRANSITIVE_CASUALTIES:
            return _doers(head)
    return _with_conjuncts(doers)


def _is_passive(verb: Token) -> bool:
    return any(child.dep_ in ("auxpass", "nsubjpass") for child in verb.children)


def _described_by(noun: Token) -> list[Token]:
    """The noun with the words that say who it is: "Taliban member", "members of the militia", "military troops"."""
    words = [noun]
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "nmod", "poss"):
            words.append(child)
        elif child.dep_ == "prep" and child.lower_ == "of":
            words.extend(grandchild for grandchild in child.subtree if grandchild.i != child.i)
    return words


def _is_armed(noun: Token) -> bool:
    words = sorted(_described_by(noun), key=lambda token: token.i)
    pattern = _lexicon().targets["armed"]
    # the lexicon holds phrases too ("armed group"), so the described words are also matched as one text
    return _mentions_any(pattern, words) or pattern.search(" ".join(token.text for token in words)) is not None


def _side(noun: Token) -> str | None:
    """"armed" or "civilian" for a victim or doer noun, None when the lexicon cannot tell."""
    targets = _lexicon().targets
    if _is_armed(noun):
        return "armed"
    if _mentions_any(targets["civilian"], (noun,)):
        return "civilian"
    return None


def _is_crowd(noun: Token) -> bool:
    """A crowd of ordinary people: "a group of villagers", "residents", "settlers" (not "unknown individuals")."""
    if any(child.lower_ in _UNIDENTIFIED for child in noun.children) or noun.lemma_.lower() in _NOT_CROWDS:
        return False
    if noun.lemma_.lower() in _CROWD_LEMMAS:
        return not _is_armed(noun)
    return noun.tag_ == "NNS" and _side(noun) == "civilian"


def _violence_against_people(violence: list[Cue], sent: SentenceSpan) -> tuple[str, Cue, float]:
    """ACLED's reading of one-sided or two-sided violence: against armed people (or their posts) a clash; by a crowd
    of ordinary people without firearms mob violence; against anyone else an attack on civilians."""
    deeds = sorted(violence, key=lambda cue: cue.token.pos_ != "VERB")  # deeds ("shot") before doers ("gunmen")
    doers = {cue: _doers(cue.token) for cue in deeds}
    firearms = any(token.lemma_.lower() in _FIREARM_LEMMAS or token.lower_ in _FIREARM_LEMMAS for token in sent)
    if not firearms and (mob := next((cue for cue in deeds if any(map(_is_crowd, doers[cue]))), None)):
        return "Mob violence", mob, 0.6
    # a bare count of victims ("two soldiers were killed") names no deed of its own: the coder folds it into the
    # event it follows
    casualty_report = not any(doers.values()) and all(cue.token.pos_ != "VERB" or _is_passive(cue.token) for cue in deeds)
    for cue in deeds:  # the first deed whose victims the lexicon knows decides
        sides = {_side(victim) for victim in _victims(cue.token)}
        if "armed" in sides:
            return "Armed clash", cue, CASUALTY_REPORT_SCORE if casualty_report else 0.7
        if "civilian" in sides:
            return "Attack", cue, CASUALTY_REPORT_SCORE if casualty_report else 0.75
    return "Attack", deeds[0], CASUALTY_REPORT_SCORE if casualty_report else 0.55


def participant_kinds(trigger: Token) -> tuple[set[str], set[str]]:
    """The kinds ("armed", "civilian", "crowd", "unknown") of who did the deed ``trigger`` names and of whom it was
    done to; empty when the syntax names no one. Kept in the Doc by token: the typer asks for a sentence's deciding
    word, the codebook again for each event's trigger, usually the same word."""

    def kinds(nouns: list[Token], crowds: bool) -> tuple[str, ...]:
        return tuple({"crowd" if crowds and _is_crowd(noun) else _side(noun) or "unknown" for noun in nouns})

    doers, victims = doc_fact(
        trigger.doc, "participant_kinds", trigger.i, lambda: (kinds(_doers(trigger), True), kinds(_victims(trigger), False))
    )
    return set(doers), set(victims)


def sentence_weapons(sent: SentenceSpan) -> list[Span]:
    return [span for span, _ in _matches(_lexicon().weapons, sent)]


@dataclass(frozen=True)
class RuleReading:
    """What the rules see in a sentence: the cues that happened, and ACLED's precedence over them (None: no event)."""

    cues: list[Cue]
    decision: tuple[str, Cue, float] | None  # (sub-event type, deciding cue, confidence)


def read_rules(sent: SentenceSpan) -> RuleReading:
    cues = find_cues(sent)
    return RuleReading(cues, _decide(cues, sent))


class RuleClassifier:
    """Rules over lexicon cues and syntax; needs no training data."""

    def classify(self, sent: SentenceSpan) -> list[EventMention]:
        decision = read_rules(sent).decision
        if decision is None:
            return []
        sub_event_type, trigger, score = decision
        return [make_mention(sub_event_type, trigger.span, score, sentence_weapons(sent))]


def _first(cues: Sequence[Cue], *families: str) -> Cue | None:
    return next((cue for cue in cues if cue.family in families), None)


# Families that show a political actor's deed even when a natural or accidental cause is also named.
_POLITICAL_FAMILIES = frozenset(
    {"protest", "armed_clash", "air_strike", "shelling", "explosive", "grenade", "suicide", "chemical", "abduction", "sexual", "arrest", "mob", "riot_violence"}
)


def _is_deliberate(cue: Cue) -> bool:
    """True for a cue of a deed only people do: a political family's, or wrecking that no fire or flood does."""
    if cue.family in _POLITICAL_FAMILIES:
        return True
    return cue.family == "looting" and cue.token.lemma_.lower() not in _lexicon().natural_damage_lemmas


# Families beside which a bare purpose ("... to denounce fuel prices") still tells a protest: a deed of any other
# family ("militants attacked the base to demand ...") is what happened.
_PURPOSE_COMPANIONS = frozenset(
    {"protest_purpose", "intervention", "arrest", "group_change", "other_development", "non_political"}
)


def _decide(cues: list[Cue], sent: SentenceSpan) -> tuple[str, Cue, float] | None:
    """ACLED's precedence among the cue families present, as (sub-event type, deciding cue, confidence)."""
    if not cues:
        return None
    targets = _lexicon().targets
    families = {cue.family for cue in cues}
    if "non_political" in families and not any(map(_is_deliberate, cues)):
        return None  # floods, accidents and disease kill and destroy too, but are no political event

    for family, sub_event_type in (("chemical", "Chemical weapon"), ("suicide", "Suicide bomb")):
        if cue := _first(cues, family):
            return sub_event_type, cue, 0.9

    if protest := _first(cues, "protest") or (families <= _PURPOSE_COMPANIONS and _first(cues, "protest_purpose")):
        return _protest_sub_type(cues, protest, sent)

    violent = _first(cues, "violence", "armed_clash")
    if (cue := _first(cues, "disrupted")) and not (violent and violent.span.start < cue.span.start):
        return "Disrupted weapons use", cue, 0.8
    for family, sub_event_type in (
        ("grenade", "Grenade"),
        ("explosive", "Remote explosive/landmine/IED"),
        ("air_strike", "Air/drone strike"),
        ("shelling", "Shelling/artillery/missile attack"),
        ("drone", "Air/drone strike"),
        ("blast", "Remote explosive/landmine/IED"),
        ("sexual", "Sexual violence"),
        ("abduction", "Abduction/forced disappearance"),
    ):
        if cue := _first(cues, family):
            return sub_event_type, cue, 0.85

    if cue := _first(cues, "territory_regained", "territory_taken"):
        if "peaceful_transfer" in families:
            return "Non-violent transfer of territory", cue, 0.7
        if cue.family == "territory_regained":
            return "Government regains territory", cue, 0.75
        return "Non-state actor overtakes territory", cue, 0.7
    if "peaceful_transfer" in families and (cue := _first(cues, "peaceful_transfer")) and "armed_clash" not in families:
        if cue.token.lemma_ in ("withdraw", "withdrawal", "retreat", "hand", "pull", "abandon"):
            return "Non-violent transfer of territory", cue, 0.6

    if cue := _first(cues, "mob"):
        return "Mob violence", cue, 0.75
    if (riot := _first(cues, "riot_violence")) and riot.token.lower_.startswith("riot"):
        return "Mob violence", riot, 0.7
    if cue := _first(cues, "armed_clash"):
        if not _mentions_any(targets["armed"], sent) and _mentions_any(targets["civilian"], sent):
            return "Mob violence", cue, 0.6  # a clash between unarmed groups (party supporters, villagers) is a riot
        return "Armed clash", cue, 0.8
    if riot:
        # burning or wrecking property is property destruction, unless people were hurt too or a crowd did it
        wrecked = riot.token.lower_.startswith(("set", "torch", "burn", "vandal", "ransack", "damag"))
        if wrecked and "looting" in families and "violence" not in families and not any(map(_is_crowd, _doers(riot.token))):
            return "Looting/property destruction", riot, 0.6
        return "Mob violence", riot, 0.6
    if violence := [cue for cue in cues if cue.family == "violence"]:
        if "arrest" in families and all(cue.token.lemma_ in ("wound", "injure") for cue in violence):
            return "Arrests", _first(cues, "arrest"), 0.5
        return _violence_against_people(violence, sent)

    for family, sub_event_type in (
        ("looting", "Looting/property destruction"),
        ("arrest", "Arrests"),
        ("ceasefire_violation", "Other"),  # before "agreement": a broken truce is no agreement
        ("agreement", "Agreement"),
        ("base_established", "Headquarters or base established"),
        ("group_change", "Change to group/activity"),
        ("other_development", "Other"),
    ):
        if cue := _first(cues, family):
            return sub_event_type, cue, 0.6
    return None


# Edges into a clause that describes a participant or a cause rather than what happened at the protest: "relatives
# of a woman who was killed", "after he was attacked", "over the killing of", "for the murder of".
# A participial clause without such a conjunction ("..., killing three") tells what the main clause did.
_BACKGROUND_EDGES = frozenset({"relcl", "acl", "pobj", "pcomp"})
_EARLIER_CAUSE_MARKERS = frozenset({"after", "since", "because", "before", "following"})


def _is_deed_of_the_protest(token: Token) -> bool:
    current = token
    while current.head.i != current.i:
        if current.dep_ in _BACKGROUND_EDGES or (
            current.dep_ == "advcl" and any(child.lower_ in _EARLIER_CAUSE_MARKERS for child in current.children if child.dep_ == "mark")
        ):
            return False
        current = current.head
    return True


def _protest_sub_type(cues: list[Cue], protest: Cue, sent: SentenceSpan) -> tuple[str, Cue, float]:
    """ACLED's protest ladder: demonstrators' own violence makes a riot; force by the authorities an intervention,
    or excessive force when it kills or maims."""
    targets = _lexicon().targets
    families = {cue.family for cue in cues}
    violence = [
        cue
        for cue in cues
        if cue.family in ("violence", "armed_clash", "grenade", "explosive", "blast") and _is_deed_of_the_protest(cue.token)
    ]
    security_present = _mentions_any(targets["security"], sent)
    lethal = [cue for cue in violence if cue.token.lemma_ in ("kill", "shoot", "die", "dead", "body", "murder")]
    if lethal and security_present and not ({"riot_violence", "mob"} & families):
        return "Excessive force against protesters", lethal[0], 0.7
    if cue := _first(cues, "riot_violence", "mob"):
        return "Violent demonstration", cue, 0.75
    against_forces = [cue for cue in violence if cue.family == "armed_clash" or "armed" in map(_side, _victims(cue.token))]
    if violence and (not security_present or against_forces):
        # demonstrators who fight the police riot as much as those who attack bystanders
        return "Violent demonstration", (against_forces or violence)[0], 0.55
    if (cue := _first(cues, "intervention")) or (cue := _first(cues, "arrest")):
        return "Protest with intervention", cue, 0.75
    return "Peaceful protest", protest, 0.8


@lru_cache(maxsize=1)
def _rule_classifier() -> RuleClassifier:
    return RuleClassifier()


def classify_sentence(sent: SentenceSpan) -> list[EventMention]:
    """The rule classifier's mentions in one sentence (or any span of a parsed text)."""
    return _rule_classifier().classify(sent)


def load_classifier(path: Path | None = None) -> EventClassifier:
    """``None``: the shipped typer (the rules with the built-in learned model beside them, or the rules alone when
    no model is shipped); a model file or folder written by ``clashwatch train``: the rules with that model."""
    from clashwatch.extract.trained import BUILTIN_MODEL, TrainedClassifier

    if path is None:
        return TrainedClassifier.load(BUILTIN_MODEL) if BUILTIN_MODEL.is_file() else _rule_classifier()
    return TrainedClassifier.load(Path(path))
