"""Fatalities and injuries a sentence reports, read the way ACLED codes them.

A casualty word ("killed", "died", "dead", "bodies", "death toll", "wounded", "injured") is tied through the syntax to
the people it happened to ("12 soldiers and 3 civilians were killed"), and their count is read from the numeral or
quantity word on them. ACLED's conventions for vague figures (codebook practice, checked against the 2022 sample):
"at least 5" = 5, "up to 7" = 7, "between 5 and 10" = 5 (the lower, conservative figure); "a few", "several", "some",
"many", "multiple", "an unknown/unspecified number" = 3; "tens" = 10; "dozens"/"a dozen" = 12; "scores" = 20;
"hundreds" = 100; "thousands" = 1000; victims named by a bare plural with no figure ("civilians were killed") = 3, an
unknown number. "No casualties" / "no one was killed" = 0. Conflicting figures for the same
victims (two claims in one sentence) give the lower one; figures for different victims ("soldiers", "civilians") add up.

Coordinated verbs share their victims: "a man was shot and killed" (the passive subject of "shot" is the one
killed), "killing and injuring dozens" (the object of "injuring" is also the one killed), and a gapped passive
"a civilian was killed and two others wounded" (the subject of the bare "wounded" is the one wounded).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span as SentenceSpan
from spacy.tokens import Token

from clashwatch.extract.event_types import is_person_noun, is_topic
from clashwatch.nlp import doc_text, sentence_start
from clashwatch.records import Span

_DEATH_LEMMAS = frozenset({"kill", "killing", "die", "succumb", "dead", "death", "body", "corpse", "fatality", "murder", "massacre", "behead", "execute", "lynch"})
_INJURY_LEMMAS = frozenset({"injure", "wound", "hurt", "injury", "injured", "wounded"})
_GENERIC_CASUALTY = frozenset({"casualty", "casualties"})
_CASUALTY_WORDS = _DEATH_LEMMAS | _INJURY_LEMMAS | _GENERIC_CASUALTY

_UNITS = {
    "zero": 0, "no": 0, "none": 0, "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "both": 2,
    "couple": 2, "pair": 2,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_VAGUE = {
    "few": 3, "several": 3, "some": 3, "many": 3, "multiple": 3, "numerous": 3, "unknown": 3, "unspecified": 3,
    "undetermined": 3, "unconfirmed": 3, "tens": 10, "dozens": 12, "scores": 20, "hundreds": 100,
    "thousands": 1000,
}
# Numerals that measure something other than people.
_NOT_PEOPLE = frozenset({"year", "old", "km", "kilometre", "kilometer", "mile", "metre", "meter", "mm", "hour", "minute",
                         "day", "week", "month", "time", "percent", "round", "shell", "rocket", "missile", "am", "pm"})
_SINGULAR_PRONOUNS = frozenset({"him", "her", "he", "she", "another"})
# Verbs whose victim is their subject ("two people died"), not their object.
_INTRANSITIVE = frozenset({"die", "succumb"})
_UNKNOWN_NUMBER = _VAGUE["unknown"]
_NEVER_VICTIMS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC"})
_QUANTITY_NOUNS = frozenset({"number", "dozen", "dozens", "score", "scores", "hundred", "hundreds", "thousand", "thousands", "tens"})
_DIGITS = re.compile(r"^\d{1,3}(,\d{3})*$|^\d+$")


@dataclass
class Casualties:
    fatalities: int | None
    injuries: int | None
    fatalities_span: Span | None
    injuries_span: Span | None
    by_side: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _Count:
    value: int
    side: str  # the victims' noun ("soldiers"), "" when the figure is a bare total
    span: Span


def parse_quantity(words: list[str]) -> int | None:
    """An integer from number words or digits: ["twenty", "-", "five"] -> 25, ["1,200"] -> 1200, ["dozens"] -> 12."""
    total, current, seen = 0, 0, False
    for word in (w.lower() for w in words):
        if word in ("-", "and"):
            continue
        if _DIGITS.match(word):
            current += int(word.replace(",", ""))
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0
        elif word in _VAGUE:
            current += _VAGUE[word]
        else:
            return None
        seen = True
    return total + current if seen else None


def _quantity_of(noun: Token, bare_plural_counts: bool) -> tuple[int, Token] | None:
    """The count on a victims' noun phrase: its numeral, quantity word, or article (one person); a bare plural
    counts only when ``bare_plural_counts`` (a verb's victims, not "his killing of drug suspects")."""
    if noun.pos_ == "PROPN" and noun.ent_type_ in _NEVER_VICTIMS:
        return None  # a misparse made a date or place name the victim ("16 April ... were killed")
    if noun.like_num or noun.lower_ in _VAGUE:
        return _numeral_value(noun)
    if noun.lemma_.lower() == "number":
        # "an unknown number of", "a number of": some; "the number of fatalities" gives no figure
        vague = any(child.lower_ in _VAGUE or child.lower_ in ("a", "an") for child in noun.children)
        return (_UNKNOWN_NUMBER, noun) if vague else None
    if noun.pos_ in ("PRON", "DET") and noun.lower_ in _UNITS:
        return _UNITS[noun.lower_], noun  # "both (of the civilians)", "one of them"
    for child in noun.children:
        if child.dep_ == "nummod" or (child.dep_ in ("amod", "quantmod") and child.lower_ in _VAGUE):
            return _numeral_value(child)
        if child.dep_ == "det" and child.lower_ in ("a", "an", "no", "several", "some", "many", "few"):
            value = _UNITS.get(child.lower_, _VAGUE.get(child.lower_))
            if value is not None and (child.lower_ not in ("a", "an") or noun.tag_ not in ("NNS", "NNPS")):
                return value, child
        if child.dep_ == "prep" and child.lower_ == "of" and (noun.lower_ in _VAGUE or noun.lower_ == "dozen"):
            # "dozens of people", "an unknown number of people": the quantity is the head
            return _numeral_value(noun)
    if (numeral := _numeral_inside(noun)) is not None:
        return numeral
    if noun.lower_ in _SINGULAR_PRONOUNS or (noun.tag_ in ("NN", "NNP") and noun.pos_ in ("NOUN", "PROPN")):
        return 1, noun
    if bare_plural_counts and _is_bare_plural_of_people(noun):
        return _UNKNOWN_NUMBER, noun  # "civilians were killed": some, number not given
    return None


def _numeral_inside(noun: Token) -> tuple[int, Token] | None:
    """A numeral the parser hung on a modifier within the noun phrase: "4 wolkait ethnic group members"."""
    for token in noun.subtree:
        if token.i >= noun.i:
            break
        if token.dep_ == "nummod" and token.head.i != noun.i and (value := _numeral_value(token)) is not None:
            return value
    return None


def _is_bare_plural_of_people(noun: Token) -> bool:
    """"civilians", not "the civilians" (counted elsewhere) nor the second conjunct of "five soldiers and policemen"
    (which shares the first's figure)."""
    return (
        noun.tag_ == "NNS"
        and noun.dep_ != "conj"
        and is_person_noun(noun)
        and not any(child.dep_ in ("det", "poss") for child in noun.children)
    )


def _numeral_value(token: Token) -> tuple[int, Token] | None:
    """The value of a numeral token with its compound parts ("twenty-five", "1,200", "at least 5", "between 5 and 10")."""
    if token.head.lemma_ in _NOT_PEOPLE and token.dep_ == "nummod":
        return None
    words = [child.text for child in token.children if child.dep_ in ("compound", "quantmod") and child.like_num and child.i < token.i]
    value = parse_quantity(words + [token.text])
    if value is None:
        value = _VAGUE.get(token.lower_)
    if value is None:
        return None
    return value, token


def _victim_nouns(trigger: Token) -> list[Token]:
    """The people a casualty word happened to: patient of kill/injure, subject of die, head of "dead"/"injured"."""
    lemma = trigger.lemma_.lower()
    victims: list[Token] = []
    if trigger.pos_ in ("VERB", "AUX") or trigger.tag_ in ("VBN", "VBG", "VBD"):
        victims = _verb_victims(trigger)
    elif lemma in ("dead", "injured", "wounded") or trigger.pos_ == "ADJ":
        if trigger.head.pos_ in ("NOUN", "PROPN", "NUM") and trigger.dep_ == "amod":
            victims = [trigger.head]
        else:
            # "shot dead a man", "left 3 people dead", "5 were dead": the head verb's object, else its subject
            roles = ("nsubj", "nsubjpass") if trigger.head.lemma_ == "be" else ("dobj", "nsubjpass")
            victims = [child for child in trigger.children if child.dep_ in ("nummod", "nsubj")] or [
                child for child in trigger.head.children if child.dep_ in roles
            ]
            if not victims and trigger.i > sentence_start(trigger.doc, trigger.i) and trigger.nbor(-1).like_num:
                victims = [trigger.nbor(-1)]  # "3 dead"
    else:  # nouns: "bodies of four men", "12 fatalities", "a death toll of 20"
        if (found := _quantity_of_noun_trigger(trigger)) is not None:
            victims = [found]
    expanded: list[Token] = []
    for victim in victims:
        expanded.append(victim)
        expanded.extend(token for token in victim.conjuncts if token.i > victim.i)
    return expanded


def _verb_victims(trigger: Token) -> list[Token]:
    roles = ("nsubj", "nsubjpass") if trigger.lemma_.lower() in _INTRANSITIVE else ("dobj", "nsubjpass")
    if victims := [child for child in trigger.children if child.dep_ in roles]:
        return victims
    if trigger.dep_ in ("acl", "amod", "relcl") and trigger.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        return [trigger.head]  # "a man killed by ...", "the wounded soldiers"
    if gapped := _gapped_passive_subject(trigger):
        return gapped
    return _shared_arguments(trigger, roles)


def _is_passive(verb: Token) -> bool:
    return any(child.dep_ in ("auxpass", "nsubjpass") for child in verb.children)


def _gapped_passive_subject(trigger: Token) -> list[Token]:
    """"A civilian was killed and two others wounded": the second conjunct's "was" is left out, so the parser reads
    "two others" as the subject of an active "wounded"; with no object, it is the passive subject."""
    if trigger.dep_ != "conj" or trigger.tag_ not in ("VBN", "VBD") or not _is_passive(trigger.head):
        return []
    if any(child.dep_ in ("dobj", "aux") for child in trigger.children):
        return []
    return [child for child in trigger.children if child.dep_ == "nsubj"]


def _shared_arguments(trigger: Token, roles: tuple[str, ...]) -> list[Token]:
    """Victims a casualty verb shares with a verb it is coordinated with: "a man was shot and killed" (the subject of
    "shot"), "killing and injuring dozens" (the object of "injuring")."""
    partners = [child for child in trigger.children if child.dep_ == "conj" and child.pos_ == "VERB"]
    if trigger.dep_ == "conj" and trigger.head.pos_ == "VERB":
        partners.insert(0, trigger.head)
    for partner in partners:
        if any(child.dep_ in ("nsubj", "nsubjpass") for child in trigger.children):
            break  # a verb with a subject of its own shares nothing ("police shot him and he died")
        if victims := [child for child in partner.children if child.dep_ in roles]:
            return victims
    return []


def _quantity_of_noun_trigger(trigger: Token) -> Token | None:
    for child in trigger.children:
        if child.dep_ == "nummod" or (child.like_num and child.dep_ in ("amod", "compound")):
            return child
        if child.dep_ == "prep" and child.lower_ in ("of", "to"):
            objects = [grandchild for grandchild in child.children if grandchild.dep_ == "pobj"]
            if objects:
                return objects[0]
    if trigger.lemma_ == "toll":
        return None
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "of" and trigger.head.head.lemma_ in _QUANTITY_NOUNS:
        return trigger.head.head  # "an unknown number of fatalities", "dozens of deaths"
    if trigger.head.lemma_ in ("rise", "reach", "climb", "stand") or trigger.dep_ == "nsubj":
        # "the death toll rose to 20"
        for child in trigger.head.children:
            if child.dep_ == "prep" and child.lower_ in ("to", "at"):
                objects = [grandchild for grandchild in child.children if grandchild.dep_ == "pobj"]
                if objects:
                    return objects[0]
    if trigger.lemma_ in ("body", "corpse"):
        return trigger  # "the body was found": one
    return None


def _is_zero(trigger: Token) -> bool:
    """"no casualties", "no one was killed", "nobody died", "without casualties"."""
    if any(child.dep_ == "det" and child.lower_ == "no" for child in trigger.children):
        return True
    if trigger.i > sentence_start(trigger.doc, trigger.i) and trigger.nbor(-1).lower_ in ("no", "without"):
        return True
    subjects = [child for child in trigger.children if child.dep_ in ("nsubj", "nsubjpass")]
    return any(subject.lower_ in ("nobody", "none") or (subject.lower_ == "one" and any(c.lower_ == "no" for c in subject.children)) for subject in subjects)


def _counts(sent: SentenceSpan, words: list[Token], lemmas: frozenset[str]) -> tuple[list[_Count], bool]:
    counts: list[_Count] = []
    zero = False
    text = doc_text(sent.doc)
    for token in words:
        lemma = token.lemma_.lower()
        if lemma in _GENERIC_CASUALTY or token.lower_ in _GENERIC_CASUALTY:
            zero = zero or _is_zero(token)
            continue
        if (lemma not in lemmas and token.lower_ not in lemmas) or is_topic(token):
            continue
        if lemma == "death" and token.i + 1 < sent.end and token.nbor(1).lower_ == "toll":
            token = token.nbor(1)  # "death toll of 20": the figure hangs on "toll"
        if _is_zero(token):
            zero = True
            continue
        for victim in _victim_nouns(token):
            # a bare plural counts for a finite deed ("civilians were killed"), not a description ("killed soldiers")
            quantity = _quantity_of(victim, bare_plural_counts=token.pos_ == "VERB" and token.dep_ != "amod")
            if quantity is None:
                continue
            value, numeral = quantity
            named = victim.pos_ in ("NOUN", "PROPN") and not victim.like_num and victim.lemma_.lower() not in _QUANTITY_NOUNS
            side = victim.lower_ if named and victim.i != token.i else ""
            start, end = min(numeral.idx, token.idx), max(numeral.idx + len(numeral), token.idx + len(token))
            counts.append(_Count(value, side, Span.of(text, start, end)))
    return counts, zero


def _conservative_total(counts: list[_Count]) -> tuple[int, Span, dict[str, int]] | None:
    """Lowest figure per victim group, summed over groups; a bare total wins when it is larger than that sum."""
    if not counts:
        return None
    lowest: dict[str, _Count] = {}
    for count in counts:
        if count.side not in lowest or count.value < lowest[count.side].value:
            lowest[count.side] = count
    sided = {side: count.value for side, count in lowest.items() if side}
    bare = lowest.get("")
    total = sum(sided.values())
    if bare is not None and bare.value >= total:
        return bare.value, bare.span, sided
    first = min((count for count in lowest.values() if count.side), key=lambda count: count.span.start)
    return total, first.span, sided


def count_casualties(sent: SentenceSpan) -> Casualties:
    """Fatalities and injuries reported in ``sent`` (None: not reported; 0: reported as none)."""
    # the few casualty words of the sentence, found in one pass for both counts
    words = [token for token in sent if token.lemma_.lower() in _CASUALTY_WORDS or token.lower_ in _CASUALTY_WORDS]
    death_counts, no_deaths = _counts(sent, words, _DEATH_LEMMAS)
    injury_counts, no_injuries = _counts(sent, words, _INJURY_LEMMAS)
    deaths = _conservative_total(death_counts)
    injuries = _conservative_total(injury_counts)
    return Casualties(
        fatalities=deaths[0] if deaths else (0 if no_deaths else None),
        injuries=injuries[0] if injuries else (0 if no_injuries else None),
        fatalities_span=deaths[1] if deaths else None,
        injuries_span=injuries[1] if injuries else None,
        by_side=deaths[2] if deaths else {},
    )
