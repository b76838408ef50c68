"""MUC-4 terrorism templates (GRIT's processed form): perpetrators, targets, victims and weapons per document.

The upper-case wire text is truecased first: a word outside the English lexicon is a name, and so is a given name or
surname (Faker's lists) that is also a dictionary word where it stands beside another name. Roles come from the same
machinery as ACLED actors: the parse says who acts (``argument_role``) around an attack verb or noun in the first
violent sentences of the report, and who the report holds responsible ("blamed on", "responsible for", "arrested
for"); a perpetrator is an organisation when it is a named group (one the report spells out with its acronym,
"Farabundo Marti National Liberation Front (FMLN)", reported by its full name) or its head noun names a body
("front", "army", "cartel"), while "a group of terrorists" is people; a victim is a named person on the receiving
end (also beside a human noun, behind "who", or named as a victim or hostage), reported by the fullest form of the
name in the report; a physical target is a building, installation, vehicle or piece of infrastructure attacked or
blasted; weapons come from a lexicon, unless seized or found. Each coordinated noun is its own filler, and one
string is kept per entity, since every extra string for a matched entity is a false positive. Scoring follows GRIT
(Du et al., 2021): per document and role, a predicted string is correct when it equals, after normalisation, a
mention of a not-yet-matched gold entity; micro P/R/F1 over all roles.
"""

from __future__ import annotations

import json
import re
import string
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from clashwatch.evaluate.metrics import PRF, prf
from clashwatch.extract.actors import HUMAN_NOUNS, actor_dictionary, argument_role, noun_phrase_chars
from clashwatch.extract.dates.lexicon import NUMBER_WORDS
from clashwatch.extract.places.names import name_key

ROLES = ("perp_individual_id", "perp_organization_id", "phys_tgt_id", "hum_tgt_name", "incident_instrument_id")
GRIT_TEST_MICRO_F1 = 0.545  # GRIT's published micro-F1 on the MUC-4 test split
# Reports lead with their incident and name its parties within the first few violent sentences; later ones mostly
# recount background incidents that the template omits (dev micro F1 by count: 3 0.159, 6 0.170, 8 0.168, 12 0.166).
_INCIDENT_SENTENCES = 6

_ATTACK_LEMMAS = frozenset(
    "attack kill murder assassinate bomb shoot kidnap abduct burn destroy explode blow damage dynamite ambush "
    "massacre injure wound raid hit detonate hurl throw fire machinegun torture execute seize hijack "
    "plant strike assault sabotage".split()
)
# Perpetrator heads beyond the actor dictionary's human nouns; a subject that is none of these ("a bomb exploded")
# is no perpetrator.
_PERPETRATOR_NOUNS = frozenset(
    "assassin suspect squad column band subversive group killer hitman commando unit individual man woman".split()
)
_ATTACK_NOUNS = frozenset(
    "attack murder assassination killing kidnapping abduction bombing massacre ambush explosion raid death destruction "
    "sabotage".split()
)
# What MUC counts as a physical target: buildings, installations, vehicles and infrastructure, not places or people.
_PHYSICAL_TARGET_HEADS = frozenset(
    "building house home office headquarters station substation plant factory facility installation bank store "
    "shop drugstore pharmacy hotel embassy church school university hospital residence farm vehicle car bus truck jeep helicopter "
    "plane aircraft boat tower pylon line powerline pipeline bridge road tank dam mine warehouse airport port "
    "barracks garrison post branch agency institute center centre company firm premises restaurant club "
    "network system infrastructure ministry court prison jail theater cinema supermarket market tracks train "
    "ambulance wagon consulate structure newspaper pole transformer council".split()
)
_BLAST_LEMMAS = frozenset("explode detonate blow".split())
_BLAST_SITE_PREPOSITIONS = frozenset("near outside at inside in beside".split())
_NOT_PEOPLE = frozenset("ORG NORP GPE LOC DATE TIME CARDINAL ORDINAL QUANTITY MONEY PERCENT EVENT LAW LANGUAGE".split())
_MEMBER_NOUNS = frozenset({"member", "militant", "sympathizer"})
_VICTIM_NOUNS = frozenset({"victim", "hostage"})
_HOSTAGE_LEMMAS = frozenset({"take", "hold"})  # "were taken hostage", "are being held hostage"
_HARM_TO_PEOPLE = _HOSTAGE_LEMMAS | frozenset(
    "kill murder assassinate shoot kidnap abduct massacre injure wound torture execute attack "
    "assassination killing kidnapping abduction death".split()
)
_ORGANISATION_HEADS = frozenset(
    "front army movement force cartel party government police battalion command organization "
    "alliance brigade council union extraditables guard".split()
)
_WEAPON_HEADS = frozenset(
    "bomb dynamite explosive grenade rocket mortar machinegun rifle mine gun pistol revolver "
    "launcher charge device firearm shotgun submachinegun missile stone molotov cocktail gel weapon".split()
)
_WEAPONS_ONLY_WHEN_SAID = frozenset({"charge", "device"})
_POSSESSION_LEMMAS = frozenset(
    "seize capture confiscate find discover recover possess carry hold have store buy sell smuggle supply send "
    "deliver receive hand surrender cache include".split()
)
# Verbs that lay a deed at someone's door, that order it, or that charge or hold someone for it.
_ATTRIBUTION_LEMMAS = frozenset("attribute blame pin".split())
_COMMAND_LEMMAS = frozenset("order plan mastermind organize organise commission".split())
_CHARGE_LEMMAS = frozenset(
    "accuse charge blame arrest detain hold convict sentence try prosecute suspect implicate jail indict".split()
)
_SUSPECT_NOUNS = frozenset("suspect author perpetrator culprit participant".split())
# Words before a name that say what the person is, not who: "Dr Jose Antonio Rodriguez Porth", "Col Quintero".
_TITLES = frozenset(
    "mr mrs ms miss dr doctor father fr sister brother monsignor msgr reverend rev bishop archbishop professor prof "
    "engineer attorney licentiate judge senator deputy mayor governor president minister colonel col general gen "
    "lieutenant lt captain capt major maj sergeant sgt corporal cpl commander admiral ambassador consul congressman "
    "councilman councilor magistrate commissioner".split()
)
_VAGUE_QUANTITIES = frozenset("many several some various numerous few dozens hundreds".split())
_HEDGES = frozenset("approximately about around nearly almost some over".split())
_NON_TARGETS = frozenset({"it", "them", "him", "her", "they", "this", "that", "which", "who", "people", "one"})
_DETERMINERS = frozenset("a an the his her its their our your this that these those another".split())
_EDGE_PUNCTUATION = " \n\t,;:.\"'-"
_NAME_FUNCTION_WORDS = frozenset("of the and for de la del los las y el".split())
# A run of up to eight words before a parenthesis and its contents: "liberation front (FMLN)".
_PARENTHESIS = re.compile(r"((?:[\w.'-]+\s+){1,8})\(([^()]{2,80})\)")
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
    the tagger sees "Antonio Roldan Betancur" as a person. So is a given name or surname that is also a dictionary
    word ("carlos", "scott", "leal") where it stands beside another name: "JAIME PARDO LEAL", "CARLOS GALAN". Every
    character keeps its offset, so spans found in this text index the original upper-case text too.
    """
    lowered = _LINE_BREAK.sub(" ", text).lower()
    words = list(_WORD.finditer(lowered))
    named = [not is_english_word(word.group(0)) for word in words]
    given, surnames = person_names()
    either = given | surnames
    changed = True
    while changed:
        changed = False
        for index, word in enumerate(words):
            text_of = word.group(0)
            if named[index] or text_of not in either:
                continue
            after_name = index > 0 and named[index - 1] and lowered[words[index - 1].end() : word.start()] == " "
            following = words[index + 1] if index + 1 < len(words) else None
            before_name = following is not None and lowered[word.end() : following.start()] == " " and (
                named[index + 1] or (text_of in given and following.group(0) in either)
            )
            if (text_of in given and before_name) or (text_of in surnames and after_name):
                named[index] = changed = True
    _name_organisations(lowered, words, named)
    characters = list(lowered)
    for word, is_name in zip(words, named):
        if is_name:
            characters[word.start()] = characters[word.start()].upper()
    return re.sub(
        r"(^|[.!?]\s+|\n\s*)([a-z])", lambda match: match.group(1) + match.group(2).upper(), "".join(characters)
    )


def _name_organisations(lowered: str, words: list[re.Match[str]], named: list[bool]) -> None:
    """Marks the words from a name to an organisation noun a few words on as one name: "Farabundo Marti National
    Liberation Front", which the parser otherwise splits at the last capital."""
    for index in range(len(words)):
        if not named[index] or (index + 1 < len(words) and named[index + 1]):
            continue
        for end in range(index + 1, min(index + 5, len(words))):
            word = words[end].group(0)
            if word in _NAME_FUNCTION_WORDS or lowered[words[end - 1].end() : words[end].start()] != " ":
                break
            if word in _ORGANISATION_HEADS:
                named[index + 1 : end + 1] = [True] * (end - index)
                break


# Name lists of the languages of the reports' countries and of the foreigners they name most.
_NAME_LOCALES = ("es_ES", "es_MX", "es_CO", "es_CL", "es_AR", "pt_BR", "en_US", "en_GB")


@lru_cache(maxsize=1)
def person_names() -> tuple[frozenset[str], frozenset[str]]:
    """Given names and surnames from Faker's person providers, as name keys (lower case, without accents)."""
    import importlib

    given: set[str] = set()
    surnames: set[str] = set()
    for locale in _NAME_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        # class attributes along the inheritance chain; some locales make ``first_names`` a property of the others
        tables = {
            key: value
            for cls in reversed(provider.__mro__)
            for key, value in vars(cls).items()
            if isinstance(value, (tuple, list, dict))
        }
        for key in ("first_names", "first_names_male", "first_names_female"):
            given.update(name_key(name) for name in tables.get(key, ()))
        surnames.update(name_key(name) for name in tables.get("last_names", ()))
    return frozenset(given), frozenset(surnames)


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
    """The noun phrase at ``token`` as written, one conjunct only ("the station and a drugstore" gives two), without
    leading articles, possessives or demonstratives; perpetrators keep "of ..." ("members of the FMLN")."""
    start, _ = noun_phrase_chars(token)
    end = token.idx + len(token.text)
    for child in token.rights if with_complements else ():
        if child.dep_ == "prep" and child.lower_ == "of":
            for member_of in child.children:
                if member_of.dep_ == "pobj":
                    end = max(end, member_of.idx + len(member_of.text))
    # A bracket before the head closes an aside the parse folded into the phrase ("(0415 GMT) incendiary bombs").
    start = max(start, original.rfind(")", start, token.idx) + 1)
    if original.count("(", start, end) > original.count(")", start, end) and original[end : end + 1] == ")":
        end += 1
    words = original[start:end].strip(_EDGE_PUNCTUATION).split()
    while len(words) > 1 and (dropped := _leading_filler(words, quantities=not with_complements)):
        words = words[dropped:]
    return " ".join(words).strip(_EDGE_PUNCTUATION)


def _leading_filler(words: list[str], quantities: bool) -> int:
    """How many opening words are no part of the name: an article or possessive, and for targets and weapons a
    quantity, which MUC's strings leave out ("several homes", "approximately 50 neighboring residences", "two
    transformers"); perpetrators keep theirs ("two paid assassins")."""
    first = words[0].lower()
    if first in _DETERMINERS or (quantities and first in _VAGUE_QUANTITIES):
        return 1
    if quantities and (first[:1].isdigit() or first in NUMBER_WORDS):
        return 1
    return 2 if quantities and first in _HEDGES and len(words) > 2 and words[1][:1].isdigit() else 0


def _is_person(token: Token) -> bool:
    """A PERSON entity, or a proper noun that no entity type calls something else than a person: in truecased
    capitals the tagger takes many a surname for a building or a product ("Rodriguez Gacha" as a FAC)."""
    return token.ent_type_ == "PERSON" or (token.pos_ == "PROPN" and token.ent_type_ not in _NOT_PEOPLE)


def _is_human(token: Token) -> bool:
    """A person, a human noun ("priest") or a nationality used as a noun ("the two Italians")."""
    nationality = token.pos_ == "NOUN" and token.ent_type_ == "NORP"
    return _is_person(token) or nationality or token.lemma_.lower() in HUMAN_NOUNS


def _is_organisation(token: Token, phrase: str, groups: dict[str, str]) -> bool:
    """A named body: a group the report names with its acronym, an organisation noun ("front", "cartel") or a
    proper name that is not a person's. "A group of terrorists" is people, not an organisation, and so are "members
    of the FMLN" (whose group comes with them)."""
    if token.lemma_.lower() in _MEMBER_NOUNS:
        return False
    if len(token.text) > 1 and token.is_alpha and not set(token.lower_) & set("aeiouy"):
        return True  # a word without a vowel is an acronym: "FMLN", "FPMR"
    if _named_groups(phrase, groups) or any(True for _ in actor_dictionary().find_groups(phrase, None, None)):
        return True
    if token.lemma_.lower() in _ORGANISATION_HEADS:
        return True
    return token.pos_ == "PROPN" and token.ent_type_ in {"ORG", "NORP"} and (
        not any(ent.label_ == "PERSON" for ent in token.doc.ents if ent.start <= token.i < ent.end)
    )


def group_acronyms(original: str) -> dict[str, str]:
    """Organisations a report spells out with their acronym, both ways round: "Farabundo Marti National Liberation
    Front (FMLN)" and "FMLN (Farabundo Marti National Liberation Front)"; acronym -> full name."""
    groups = {}
    for match in _PARENTHESIS.finditer(original):
        before, inside = match.group(1).split(), match.group(2).split()
        name = _name_before(before)
        if len(inside) == 1 and len(name) > 1 and _abbreviates(inside[0], name):
            groups[inside[0].upper()] = " ".join(name)
        elif len(inside) > 1 and len(name) == 1 and _abbreviates(name[0], inside):
            groups[name[0].upper()] = " ".join(inside)
    return groups


def _significant(words: list[str]) -> list[str]:
    return [word for word in words if word.lower() not in _NAME_FUNCTION_WORDS]


def _abbreviates(acronym: str, words: list[str]) -> bool:
    """Whether ``acronym`` abbreviates the last words of ``words``, in any order and allowing one letter off:
    translated names keep their Spanish acronyms (FMLN, ELN for the Army of National Liberation)."""
    letters = [char for char in acronym.upper() if char.isalpha()]
    if not 2 <= len(letters) <= 8:
        return False
    initials = Counter(word[0].upper() for word in _significant(words)[-len(letters) :])
    shared = sum((Counter(letters) & initials).values())
    return shared >= max(2, len(letters) - 1)


def _name_before(words: list[str]) -> list[str]:
    """The name that ends ``words``: the words after the last article or clause break ("the FMLN (...)")."""
    start = len(words)
    while start and words[start - 1].lower() not in _DETERMINERS and not re.search(r"[,;:.]$", words[start - 1]):
        start -= 1
    # a possessive name keeps its owner: "the FMLN's (...)" names the FMLN
    return [re.sub(r"'S$", "", word.strip(_EDGE_PUNCTUATION), flags=re.IGNORECASE) for word in words[start:]]


def _armed_groups(text: str, groups: dict[str, str]) -> list[str]:
    """The organisations a sentence that tells an attack names: a report names the group it holds responsible
    beside the deed, if not as its grammatical doer ("a flag from the FPMR was found at the scene")."""
    known = [text[start:end] for start, end, _ in actor_dictionary().find_groups(text, None, None)]
    return _named_groups(text, groups) + known


def _named_groups(text: str, groups: dict[str, str]) -> list[str]:
    """The report's acronym-defined groups that ``text`` names, by acronym or full name, as their full names."""
    words = set(re.findall(r"[\w-]+", text.upper()))
    upper = " ".join(text.upper().split())
    return [name for acronym, name in groups.items() if acronym in words or name.upper() in upper]


def extract_roles(doc: Doc, original: str) -> dict[str, list[str]]:
    """Predicted role fillers of one MUC-4 document, as strings of ``original`` (the upper-case wire text)."""
    found: dict[str, list[str]] = {role: [] for role in ROLES}
    groups = group_acronyms(original)
    incident_sentences = [
        events
        for sentence in doc.sents
        if (events := [token for token in sentence if _is_attack(token)])
    ]
    for events in incident_sentences[:_INCIDENT_SENTENCES]:
        sentence = events[0].sent
        for event in events:
            roles = [
                (argument, _nominal_role(argument) if event.pos_ == "NOUN" else argument_role(argument))
                for argument in _arguments(event)
            ]
            roles += [(party, "agent") for party in (*_held_responsible(event), *_stray_by_agent(event))]
            roles += [(site, "patient") for site in _blast_sites(event)]
            for argument, role in roles:
                argument = _antecedent(argument)
                if argument.lower_ in _NON_TARGETS or argument.pos_ == "PRON":
                    continue
                phrase = _phrase(original, argument, with_complements=role == "agent")
                if role == "agent":
                    named = _named_groups(_subtree_text(original, argument), groups)
                    if _is_organisation(argument, phrase, groups):
                        found["perp_organization_id"].extend(named or [phrase])
                    elif _is_human(argument) or argument.lemma_.lower() in _PERPETRATOR_NOUNS:
                        found["perp_individual_id"].append(phrase)
                        found["perp_organization_id"].extend(named or _organisations_of_members(argument, original))
                elif role == "patient" and argument.lemma_.lower() not in _WEAPON_HEADS:
                    if event.lemma_.lower() in _HARM_TO_PEOPLE and (victims := _named_people(argument)):
                        found["hum_tgt_name"].extend(_full_name(original, victim) for victim in victims)
                    elif argument.lemma_.lower() in _PHYSICAL_TARGET_HEADS:
                        found["phys_tgt_id"].append(phrase)
        found["incident_instrument_id"].extend(_phrase(original, token) for token in sentence if _is_weapon(token))
        found["perp_organization_id"].extend(_armed_groups(original[sentence.start_char : sentence.end_char], groups))

    found["hum_tgt_name"].extend(
        _full_name(original, person) for token in doc if token.lemma_.lower() in _VICTIM_NOUNS
        for person in _named_victims(token)
    )
    return {role: _distinct(mentions, names=role == "hum_tgt_name") for role, mentions in found.items()}


def _is_weapon(token: Token) -> bool:
    """A weapon noun heading its phrase or naming an attack ("dynamite attacks"), unless it was seized or found:
    arms caches and captured materiel are no incident's instrument. A "charge" or "device" is one only when said
    so ("a dynamite charge", "an explosive device"), not the charges a court hears."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in _WEAPON_HEADS:
        return False
    if token.dep_ == "compound" and token.head.lemma_.lower() not in _ATTACK_NOUNS:
        return False
    if token.lemma_.lower() in _WEAPONS_ONLY_WHEN_SAID and not any(
        child.dep_ in {"amod", "compound"} for child in token.children
    ):
        return False
    verb = next((ancestor for ancestor in token.ancestors if ancestor.pos_ in {"VERB", "AUX"}), None)
    return verb is None or verb.lemma_.lower() not in _POSSESSION_LEMMAS


def _is_attack(token: Token) -> bool:
    """An attack verb ("killed"), an attack noun with its arguments ("the murder of the governor"), hostage-taking
    ("were taken hostage"), or a verb whose subject or "by" object is the perpetrator ("carried out by the FMLN", "X
    claimed responsibility")."""
    lemma = token.lemma_.lower()
    if token.pos_ == "NOUN":
        return lemma in _ATTACK_NOUNS
    if token.pos_ != "VERB":
        return False
    children = {child.lower_ for child in token.children}
    return (
        lemma in _ATTACK_LEMMAS
        or (lemma == "carry" and "out" in children)
        or (lemma == "claim" and "responsibility" in children)
        or (lemma in _HOSTAGE_LEMMAS and "hostage" in children)
        or (lemma == "set" and _sets_on_fire(token))
    )


def _sets_on_fire(verb: Token) -> bool:
    """ "set fire to", "set ablaze", "set on fire"; not "set off a device", which its victims may do."""
    return any(
        child.lower_ in {"fire", "ablaze"}
        or (child.lower_ == "on" and any(grandchild.lower_ == "fire" for grandchild in child.children))
        for child in verb.children
    )


def _held_responsible(event: Token) -> list[Token]:
    """Who a report holds responsible for an attack it names: "X are responsible for / behind the attack", "the
    attack was attributed to / blamed on X", "X accused of / charged with / arrested for the murder", "suspects in
    the attack", "X ordered the killing". Each is the deed's perpetrator as the report (or its source) tells it."""
    parties: list[Token] = []
    if event.dep_ in {"dobj", "nsubjpass"} and event.head.lemma_.lower() in _ATTRIBUTION_LEMMAS:
        # the parser hangs "on X" of "blamed the bombing on X" on either word; "attributed the attack on X to Y"
        parties += _objects_of(event.head.children, {"to", "on"}, {"prep", "dative"})
        if event.head.lemma_ != "attribute":
            parties += _objects_of(event.children, {"on"}, {"prep"})
    if event.dep_ == "dobj" and event.head.lemma_.lower() in _COMMAND_LEMMAS:
        parties += _doers(event.head)
    if event.dep_ in {"pobj", "pcomp"} and (preposition := event.head).dep_ in {"prep", "agent"}:
        governor = preposition.head
        # "suspected of participating in the attack": the deed sits one verb further down
        if governor.pos_ == "VERB" and governor.dep_ == "pcomp" and governor.head.dep_ == "prep":
            preposition, governor = governor.head, governor.head.head
        word, lemma = preposition.lower_, governor.lemma_.lower()
        if word == "for" and lemma == "responsible" and governor.dep_ == "acomp":
            parties += _doers(governor.head)
        elif word == "behind" and governor.pos_ in {"AUX", "VERB"}:
            parties += _doers(governor)
        elif word in {"for", "of", "with", "in"} and lemma in _CHARGE_LEMMAS:
            if governor.dep_ in {"acl", "relcl"} and governor.head.pos_ in {"NOUN", "PROPN"}:
                parties.append(governor.head)
            parties += [child for child in governor.children if child.dep_ in {"dobj", "nsubjpass"}]
        elif word == "in" and lemma in _SUSPECT_NOUNS:
            parties.append(governor)
    return [conjunct for party in parties for conjunct in (party, *party.conjuncts)]


def _named_victims(victims: Token) -> list[Token]:
    """The people a report names as victims or hostages: "the victims, X and Y", "the victims were identified as X",
    "lists the kidnap victims as X"."""
    named = _named_people(victims)
    if victims.dep_ in {"nsubjpass", "dobj"}:
        objects = _objects_of(victims.head.children, {"as"}, {"prep"})
        named += [person for pobj in objects for person in (pobj, *pobj.conjuncts) if _is_person(person)]
    return named


def _blast_sites(event: Token) -> list[Token]:
    """What a blast went off at, which MUC counts as its target: "a charge exploded near the American embassy"."""
    goes_off = event.lemma_.lower() == "go" and any(child.lower_ == "off" for child in event.children)
    if event.lemma_.lower() not in _BLAST_LEMMAS and not goes_off:
        return []
    return _objects_of(event.children, _BLAST_SITE_PREPOSITIONS, {"prep"})


def _stray_by_agent(event: Token) -> list[Token]:
    """The "by" object the parser hung on the wrong word: in "the Jesuits murdered last Friday (17 November) by
    uniformed individuals were buried" it hangs on "bodies"; it follows the participle before any other verb."""
    if event.tag_ != "VBN" or any(child.dep_ == "agent" for child in event.children):
        return []
    for token in event.doc[event.i + 1 : min(event.i + 12, event.sent.end)]:
        if token.pos_ in {"VERB", "AUX"}:
            return []
        if token.lower_ == "by" and token.head.pos_ in {"NOUN", "PROPN"}:
            return [child for child in token.children if child.dep_ == "pobj"]
    return []


def _doers(verb: Token) -> list[Token]:
    """The subject of ``verb``, or its "by" object in the passive."""
    subjects = [child for child in verb.children if child.dep_ == "nsubj"]
    return subjects + _objects_of(verb.children, {"by"}, {"agent"})


def _objects_of(prepositions: Iterable[Token], words: Collection[str], deps: Collection[str]) -> list[Token]:
    """The objects of those ``prepositions`` that are one of ``words`` attached as one of ``deps``."""
    return [
        pobj
        for preposition in prepositions
        if preposition.dep_ in deps and preposition.lower_ in words
        for pobj in preposition.children
        if pobj.dep_ == "pobj"
    ]


def _nominal_role(argument: Token) -> str | None:
    """Roles around an attack noun: "by X" acts, "of X" / "on X" / "against X" suffers; "X's attack" acts but
    "X's murder" suffers; "a terrorist attack", "the guerrilla attack" name who acts."""
    if argument.dep_ == "poss":
        return "patient" if argument.head.lemma_.lower() in _HARM_TO_PEOPLE else "agent"
    if argument.dep_ in {"amod", "compound"}:
        return "agent" if argument.lemma_.lower() in HUMAN_NOUNS else None
    if argument.dep_ == "pobj":
        preposition = argument.head.lower_
        return "agent" if preposition == "by" else "patient" if preposition in {"of", "on", "against"} else None
    return None


def _subtree_text(original: str, token: Token) -> str:
    return original[token.left_edge.idx : token.right_edge.idx + len(token.right_edge.text)]


def _antecedent(token: Token) -> Token:
    """The noun a relative pronoun stands for: "Ernestina Umanzor, who was kidnapped" -> Umanzor."""
    if token.lower_ in {"who", "which", "that"} and token.head.dep_ == "relcl":
        return token.head.head
    return token


def _named_people(token: Token) -> list[Token]:
    """The people a phrase names: the person itself, or those named beside a human noun ("their colleague Mariela
    Espinosa Arango", "the two Italians, Roberto Roascio and Mario Accurso")."""
    if _is_person(token):
        return [token]
    # beside a noun the human-noun list lacks ("colleague"), only a name the entity recogniser calls a person
    named_as = _is_person if _is_human(token) else (lambda child: child.ent_type_ == "PERSON")
    named = [child for child in token.children if child.dep_ in {"appos", "compound"} and named_as(child)]
    return [person for child in named for person in (child, *child.conjuncts) if _is_person(person)]


def _person_name(token: Token) -> tuple[int, int]:
    """Where the name alone lies, without titles and descriptions: "governor Antonio Roldan Betancur"."""
    entity = next((ent for ent in token.doc.ents if ent.start <= token.i < ent.end and ent.label_ == "PERSON"), None)
    start, end = (entity.start, entity.end) if entity is not None else (token.i, token.i + 1)
    while start > 0 and (previous := token.doc[start - 1]).pos_ == "PROPN" and previous.head.i in range(start, end):
        start -= 1
    while start < token.i and (token.doc[start].pos_ != "PROPN" or _is_title(token.doc[start])):
        start += 1
    while end > token.i + 1 and token.doc[end - 1].pos_ != "PROPN":
        end -= 1
    return token.doc[start].idx, token.doc[end - 1].idx + len(token.doc[end - 1].text)


def _is_title(token: Token) -> bool:
    word = token.lower_.rstrip(".")
    return word in _TITLES or word in HUMAN_NOUNS


def _full_name(original: str, token: Token) -> str:
    """The person's fullest name in the report: a later "Maza Marquez" is the "Miguel Maza Marquez" named before."""
    start, end = _person_name(token)
    words = set(normalise(original[start:end]).split())
    names = (original[slice(*_person_name(other))] for other in token.doc if other.pos_ == "PROPN")
    fuller = [name for name in names if words <= set(normalise(name).split())]
    return " ".join(max(fuller, key=len, default=original[start:end]).split())


def _organisations_of_members(person: Token, original: str) -> list[str]:
    """ "members of the FMLN" and "FMLN guerrillas" acted for the FMLN, "army troops" for the army."""
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
        if child.dep_ == "compound"
        and ((child.pos_ == "PROPN" and child.ent_type_ != "PERSON") or child.lemma_.lower() in _ORGANISATION_HEADS)
    ]
    # the modifiers name one body together: "Guatemalan army troops" acted for the Guatemalan army
    named = [original[named_by[0].left_edge.idx : named_by[-1].idx + len(named_by[-1].text)]] if named_by else []
    return [_phrase(original, token) for token in members_of] + named


def _arguments(event: Token) -> Iterable[Token]:
    """The nouns around an event that can fill a role: subjects, objects, possessors, prepositional objects, and the
    words that modify an attack noun ("the terrorist attack")."""
    for child in event.children:
        modifies_attack_noun = event.pos_ == "NOUN" and child.dep_ in {"amod", "compound"}
        if child.dep_ in {"nsubj", "nsubjpass", "dobj", "poss"} or modifies_attack_noun:
            yield child
            yield from child.conjuncts
        elif child.dep_ in {"prep", "agent"}:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    yield grandchild
                    yield from grandchild.conjuncts


def _distinct(mentions: Iterable[str], names: bool = False) -> list[str]:
    """One string per entity: GRIT credits one prediction per gold entity, so "car bombs" after "car bomb" only
    costs precision. Phrases corefer when one's words hold the other's and they share a head noun; names corefer
    when one's words hold the other's ("Roldan" in "Antonio Roldan Betancur"), and the fullest name is kept."""
    kept: list[str] = []
    for mention in mentions:
        words = _core_words(mention)
        if not words:
            continue
        same = next((index for index, other in enumerate(kept) if _corefer(words, _core_words(other), names)), None)
        if same is None:
            kept.append(mention)
        elif _preferred(words, _core_words(kept[same]), names):
            kept[same] = mention
    return kept


def _preferred(words: list[str], kept: list[str], names: bool) -> bool:
    """The fullest name ("Antonio Roldan Betancur"), but the barest phrase ("bomb"), which gold mentions list most."""
    return len(words) > len(kept) if names else len(words) < len(kept)


def _core_words(mention: str) -> list[str]:
    """The normalised words before any "of" complement, singular: "car bombs" -> ["car", "bomb"]."""
    words = normalise(mention).split()
    if "of" in words[1:]:
        words = words[: words.index("of", 1)]
    return [word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word for word in words]


def _corefer(words: list[str], other: list[str], names: bool) -> bool:
    nested = set(words) <= set(other) or set(other) <= set(words)
    return nested and (names or words[-1] == other[-1])


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
