"""Who did what to whom: ACLED-normalised actors, inter codes and the target of one event sentence.

Mentions come from three sources, most specific first: named groups from the actor dictionary
(``data/actors.json``: "Al Shabaab", "Houthis" ...), state forces ("Azerbaijani armed forces", "Armenia's military",
"police") named after their country and government period, and generic actors ("gunmen", "villagers",
"protesters") named after the event's country. Their roles come from the dependency parse: the subject of an active
verb or the "by" agent of a passive one acts; objects, passive subjects and "against"/"on" phrases are acted upon;
"accused X of shelling" makes X the one who shelled. ACLED's conventions then fill what the sentence leaves out:
protests are always by "Protesters (Country)", violence against civilians is always against "Civilians (Country)".
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SentenceSpan

from clashwatch.extract.alternation import phrase_trie
from clashwatch.ingest.dateline import find_dateline
from clashwatch.nlp import doc_text, span_text
from clashwatch.paths import PACKAGE_DATA
from clashwatch.records import Span, interaction_code

STATE_FORCES, REBELS, POLITICAL_MILITIA, IDENTITY_MILITIA, RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = range(1, 9)

# Verbs whose subject reports an event rather than takes part in it ("the ministry said", "X accused Y of ...").
REPORTING_LEMMAS = frozenset(
    "say tell state announce report claim add allege accuse deny reject dismiss refute confirm insist warn "
    "write note explain blame charge".split()
)
ACCUSING_LEMMAS = frozenset({"accuse", "blame", "charge"})

_MILITARY_NOUNS = frozenset(
    "army military force troop soldier serviceman paratrooper marine navy airforce battalion brigade regiment unit "
    "militaryman commando guard".split()
)
# Force nouns that name state forces only with a qualifier ("armed forces", "border guards", "Kyrgyz units").
_QUALIFIED_FORCE_NOUNS = frozenset({"force", "officer", "unit", "side", "guard"})
_FORCE_QUALIFIERS = frozenset("armed security government state military police army border".split())
# "security guards" are civilians at work; "border guards", "Revolutionary Guards" are state forces.
_GUARD_QUALIFIERS = frozenset("border coast national presidential republican revolutionary".split())
# Places held by forces: "attack on Armenian positions" hits Armenia's forces, "a police checkpoint" the police.
_MILITARY_SITE_NOUNS = frozenset(
    "position post outpost base checkpoint garrison barracks trench point stronghold installation".split()
)
# Weapons platforms stand for the forces that fly them only when they act ("warplanes struck"), not "with drones".
_MILITARY_PLATFORM_NOUNS = frozenset("jet warplane aircraft helicopter drone gunship".split())
_POLICE_NOUNS = frozenset("police policeman policemen cop gendarme gendarmerie officer constable".split())
# Nouns for armed men without a name; ACLED codes them as an unidentified armed group of the event's country.
_ARMED_NOUNS = frozenset(
    "gunman gunmen assailant attacker militant insurgent jihadist extremist terrorist bandit kidnapper abductor "
    "fighter rebel guerrilla perpetrator shooter sniper saboteur infiltrator".split()
)
# Words for irregular fighters that never stand for a state's army, whatever their nationality ("Afghan militants").
_NON_STATE_ARMED_WORDS = frozenset(
    "gunman gunmen militant insurgent jihadist extremist terrorist bandit kidnapper abductor fighter rebel guerrilla "
    "islamist".split()
)
# "Armenian sabotage groups", "an armed group": a group noun is an armed actor only with one of these modifiers.
_GROUP_NOUNS = frozenset({"group", "detachment", "squad", "cell", "band", "team"})
_ARMED_GROUP_MODIFIERS = frozenset(
    "armed sabotage reconnaissance subversive diversionary terrorist militant unidentified unknown".split()
)
_GANG_NOUNS = frozenset("gang gangster criminal trafficker".split())
_PROTESTER_NOUNS = frozenset("protester protestor demonstrator marcher activist striker picketer".split())
_RIOTER_NOUNS = frozenset("rioter mob".split())
_CIVILIAN_NOUNS = frozenset(
    "civilian villager resident inhabitant man woman child boy girl people person family farmer herder trader "
    "worker student teacher journalist passenger driver motorist pastor priest imam worshipper refugee migrant "
    "idp shepherd fisherman miner pedestrian doctor nurse official chief businessman individual local "
    "member youth teenager elder peasant leader politician judge mayor candidate".split()
)
_ARMED_MODIFIERS = frozenset({"armed", "unidentified", "unknown", "suspected"})
_STRIKE_WORDS = ("air strike", "airstrike", "air raid", "drone strike", "airstrikes", "bombed", "warplane")
# Prepositions whose object is what an attack is aimed at ("fired at", "attack on", "clashed with").
_PATIENT_PREPOSITIONS = frozenset({"against", "on", "at", "upon", "with", "targeting", "into"})
_POSSESSIVE_PRONOUNS = frozenset({"its", "their", "our"})
# "the two nations", "both sides": the sentence points back at parties the article has already named.
_PARTY_NOUNS = frozenset("country nation side state neighbour neighbor party army government republic rival foe".split())
_PARTY_DETERMINERS = frozenset({"both", "two", "the"})
# "the firefight", "the renewed clashes": a definite event noun goes back to an event told (with its actors) before.
_CONFLICT_NOUNS = frozenset(
    "fighting firefight clash battle attack shelling hostility skirmish confrontation offensive escalation "
    "violence exchange war".split()
)
_DEFINITE_DETERMINERS = frozenset({"the", "this", "these", "that", "those", "such"})
# Nouns that, as the object of "launch" or "open", are the attack itself rather than its target.
_ATTACK_NOUNS = _CONFLICT_NOUNS | frozenset({"assault", "fire", "strike", "raid", "airstrike", "bombardment"})


@dataclass
class Actor:
    name: str
    inter: int
    iso3: str | None
    span: Span | None = None


@dataclass
class ActorRoles:
    actor1: Actor | None = None
    actor2: Actor | None = None
    assoc_actor_1: list[Actor] = field(default_factory=list)
    assoc_actor_2: list[Actor] = field(default_factory=list)
    target: Span | None = None

    @property
    def interaction(self) -> int | None:
        return interaction_code(
            self.actor1.inter if self.actor1 else None, self.actor2.inter if self.actor2 else None
        )


@dataclass
class ActorContext:
    country_iso3: str | None  # the event location's country (from places), else the article's main country
    claimant_iso3: str | None = None  # whose "its positions": the claimant's country
    event_date: date | None = None  # picks the government period in state-force names; None: the latest


@dataclass(frozen=True)
class _Group:
    name: str
    inter: int
    iso3: str | None
    valid_from: date | None
    valid_to: date | None

    def valid_on(self, when: date | None) -> bool:
        if when is None:
            return self.valid_to is None
        return (self.valid_from is None or self.valid_from <= when) and (self.valid_to is None or when < self.valid_to)


def _without_article(text: str) -> str:
    return re.sub(r"^(the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE)


def _date_or_none(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _acronym_and_word_patterns(phrases: Iterable[str]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """Acronyms match in their own case only ("UN", not "un"); other phrases in any case."""
    phrases = list(phrases)
    return (
        _alternation(phrase for phrase in phrases if _is_acronym(phrase)),
        _alternation((phrase for phrase in phrases if not _is_acronym(phrase)), re.IGNORECASE),
    )


def _alternation(phrases: Iterable[str], flags: int = 0) -> re.Pattern[str] | None:
    """The longest of ``phrases`` at each place it stands as a whole word (group 1)."""
    phrases = set(phrases)
    if not phrases:
        return None
    return re.compile(r"(?<![\w-])(" + phrase_trie(phrases, ignore_case=bool(flags & re.IGNORECASE)) + r")(?![\w-])", flags)


def _is_acronym(phrase: str) -> bool:
    return phrase.upper() == phrase


class ActorDictionary:
    """The facts in ``data/actors.json``: countries, government periods and named armed groups."""

    def __init__(self, data: dict) -> None:
        self._countries: dict[str, dict] = data["countries"]
        self._periods = [
            (row["iso3"], _date_or_none(row["valid_from"]), _date_or_none(row["valid_to"]), row["label"])
            for row in data["government_periods"]
        ]
        self._country_by_phrase: dict[str, str] = {}
        self._country_by_capital: dict[str, str] = {}
        for iso3, country in self._countries.items():
            for phrase in (country["name"], *country["aliases"], *country["adjectives"]):
                key = phrase if _is_acronym(phrase) else phrase.lower()
                self._country_by_phrase.setdefault(key, iso3)
            for capital in country.get("capitals", []):
                self._country_by_capital[_without_article(capital).lower()] = iso3
        self._groups_by_alias: dict[str, list[_Group]] = {}
        for row in data["groups"]:
            group = _Group(
                row["name"], row["inter"], row["iso3"], _date_or_none(row["valid_from"]), _date_or_none(row["valid_to"])
            )
            for alias in row["aliases"]:
                self._groups_by_alias.setdefault(self._alias_key(alias), []).append(group)
        self._templates_by_alias = {
            self._alias_key(alias): template for template in data["country_templates"] for alias in template["aliases"]
        }
        self._ethnic_militias: dict[str, list[str]] = data["ethnic_militias"]
        self._body_code_by_alias = {
            self._alias_key(alias): body["code"] for body in data["international_bodies"] for alias in body["aliases"]
        }
        self._organisation_country_by_alias = {
            self._alias_key(alias): row["iso3"] for row in data["national_organisations"] for alias in row["aliases"]
        }

    @staticmethod
    def _alias_key(alias: str) -> str:
        return alias if _is_acronym(alias) else alias.lower()

    @cached_property
    def _country_patterns(self) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
        return _acronym_and_word_patterns(self._country_by_phrase)

    @cached_property
    def _group_patterns(self) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
        return _acronym_and_word_patterns([*self._groups_by_alias, *self._templates_by_alias])

    @cached_property
    def _body_patterns(self) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
        return _acronym_and_word_patterns(self._body_code_by_alias)

    @cached_property
    def _organisation_patterns(self) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
        return _acronym_and_word_patterns(self._organisation_country_by_alias)

    def find_international_bodies(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, code) of each intergovernmental ("IGO": "U.N.", "NATO") or non-governmental ("NGO":
        "Amnesty International") body named in ``text``."""
        return self._find_coded(text, self._body_patterns, self._body_code_by_alias)

    def find_national_organisations(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, iso3) of each party, union or movement of one country named in ``text`` ("CCOO", "PTI")."""
        return self._find_coded(text, self._organisation_patterns, self._organisation_country_by_alias)

    def _find_coded(
        self, text: str, patterns: tuple[re.Pattern[str] | None, re.Pattern[str] | None], codes: dict[str, str]
    ) -> Iterator[tuple[int, int, str]]:
        # The acronym pattern matches its keys as written; the other matches in any case ("AFD" for "AfD").
        for pattern, key in zip(patterns, (str, str.lower)):
            if pattern is None:
                continue
            for match in pattern.finditer(text):
                yield match.start(1), match.end(1), codes[key(match.group(1))]

    @cached_property
    def _ethnic_pattern(self) -> re.Pattern[str] | None:
        return _alternation(self._ethnic_militias)

    def country_name(self, iso3: str | None) -> str | None:
        if iso3 is None:
            return None
        if iso3 in self._countries:
            return self._countries[iso3]["name"]
        import pycountry

        country = pycountry.countries.get(alpha_3=iso3)
        return getattr(country, "common_name", None) or (country.name if country else None)

    def find_countries(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, iso3) of each country name, alias or adjective in ``text``."""
        for pattern in self._country_patterns:
            if pattern is None:
                continue
            for match in pattern.finditer(text):
                phrase = match.group(1)
                iso3 = self._country_by_phrase.get(phrase) or self._country_by_phrase.get(phrase.lower())
                if iso3:
                    yield match.start(1), match.end(1), iso3

    def country_in(self, text: str) -> str | None:
        """The first country ``text`` names, if any."""
        found = sorted(self.find_countries(text))
        return found[0][2] if found else None

    def capital_country(self, phrase: str) -> str | None:
        """The country whose seat of government ``phrase`` is, when it is one ("Yerevan", "the Kremlin")."""
        return self._country_by_capital.get(_without_article(phrase).lower())

    def state_force(self, kind: str, iso3: str | None, when: date | None) -> str | None:
        """ "Military Forces of Russia (2000-)": ``kind`` is "Military" or "Police"."""
        country = self.country_name(iso3)
        if country is None:
            return None
        label = self._period_label(iso3, when)
        return f"{kind} Forces of {country}" + (f" ({label})" if label else "")

    def _period_label(self, iso3: str | None, when: date | None) -> str | None:
        for period_iso3, start, end, label in self._periods:
            if period_iso3 != iso3:
                continue
            if when is None and end is None:
                return label
            if when is not None and (start is None or start <= when) and (end is None or when < end):
                return label
        return None

    def find_groups(self, text: str, country_iso3: str | None, when: date | None) -> Iterator[tuple[int, int, Actor]]:
        """Named armed groups in ``text``: (start, end, actor), the longest name where names overlap ("IS Sahel")."""
        found = [
            (match.start(1), match.end(1), actor)
            for pattern in self._group_patterns
            if pattern is not None
            for match in pattern.finditer(text)
            if (actor := self._group_actor(self._alias_key(match.group(1)), country_iso3, when)) is not None
        ]
        if self._ethnic_pattern is not None:
            for match in self._ethnic_pattern.finditer(text):
                countries = self._ethnic_militias[match.group(1)]
                iso3 = country_iso3 if country_iso3 in countries else countries[0]
                name = f"{match.group(1)} Ethnic Militia ({self.country_name(iso3)})"
                found.append((match.start(1), match.end(1), Actor(name, IDENTITY_MILITIA, iso3)))
        covered_until = -1
        for start, end, actor in sorted(found, key=lambda item: (item[0], -item[1])):
            if start >= covered_until:
                covered_until = end
                yield start, end, actor

    def _group_actor(self, key: str, country_iso3: str | None, when: date | None) -> Actor | None:
        for group in self._groups_by_alias.get(key, []):
            if group.valid_on(when):
                return Actor(group.name, group.inter, group.iso3)
        template = self._templates_by_alias.get(key)
        if template is not None and country_iso3 is not None:
            return Actor(template["name"].format(country=self.country_name(country_iso3)), template["inter"], country_iso3)
        return None


@lru_cache(maxsize=1)
def actor_dictionary() -> ActorDictionary:
    with open(PACKAGE_DATA / "actors.json", encoding="utf-8") as handle:
        return ActorDictionary(json.load(handle))


_DATELINE_KEY = "clashwatch_dateline_chars"


def dateline_chars(doc: Doc) -> tuple[int, int]:
    """Where the article's wire dateline ("BAKU, Azerbaijan, Sept. 13, 2022 --") lies; (0, 0) when it has none."""
    if _DATELINE_KEY not in doc.user_data:
        dateline = find_dateline(doc_text(doc))
        doc.user_data[_DATELINE_KEY] = (dateline.span.start, dateline.span.end) if dateline else (0, 0)
    return doc.user_data[_DATELINE_KEY]


def in_dateline(token: Token) -> bool:
    """True for the words of a dateline: a place, never an actor or a claimant."""
    start, end = dateline_chars(token.doc)
    return start <= token.idx < end


def capital_of(token: Token) -> str | None:
    """The country a capital city names when it stands for its government: "Yerevan's claim", "accused Kyiv"."""
    if token.pos_ != "PROPN":
        return None
    phrase = " ".join(child.text for child in token.lefts if child.dep_ == "compound") + " " + token.text
    return actor_dictionary().capital_country(phrase)


@dataclass
class _Mention:
    """An actor found in the sentence, the token that carries its syntactic role, and that role."""

    actor: Actor
    head: Token
    role: str | None = None  # "agent", "patient" or None when the parse does not say


class _SentenceActors:
    """Finds the actors of one sentence and what the parse says each of them does."""

    def __init__(self, sent: SentenceSpan, event_type: str, sub_event_type: str, context: ActorContext) -> None:
        self.sent = sent
        self.event_type = event_type
        self.sub_event_type = sub_event_type
        self.context = context
        self.lexicon = actor_dictionary()

    def span_of(self, start: int, end: int) -> Span:
        return Span.of(doc_text(self.sent.doc), start, end)

    def actor(self, name: str | None, inter: int, iso3: str | None, start: int, end: int) -> Actor | None:
        if name is None:
            return None
        if inter == STATE_FORCES and iso3 and self.context.country_iso3 and iso3 != self.context.country_iso3:
            inter = EXTERNAL  # a state's forces acting in another country are "external/other forces" to ACLED
        return Actor(name, inter, iso3, self.span_of(start, end))

    def generic(self, label: str, inter: int, start: int, end: int, iso3: str | None = None) -> Actor | None:
        iso3 = iso3 or self.context.country_iso3
        country = self.lexicon.country_name(iso3)
        return self.actor(f"{label} ({country})", inter, iso3, start, end) if country else None

    def state(self, kind: str, iso3: str | None, start: int, end: int) -> Actor | None:
        return self.actor(self.lexicon.state_force(kind, iso3, self.context.event_date), STATE_FORCES, iso3, start, end)

    def mentions(self) -> list[_Mention]:
        found: dict[int, _Mention] = {}
        sources = (
            self._group_mentions(),
            self._country_mentions(),
            self._capital_mentions(),
            self._noun_mentions(),
            self._claimant_side(),
        )
        for mention in (mention for source in sources for mention in source):
            if mention.head.i not in found and not _is_claimant(mention.head) and not in_dateline(mention.head):
                mention.role = mention.role or argument_role(mention.head)
                found[mention.head.i] = mention
        return sorted(found.values(), key=lambda mention: mention.head.i)

    def _group_mentions(self) -> Iterator[_Mention]:
        offset = self.sent.start_char
        for start, end, actor in self.lexicon.find_groups(span_text(self.sent), self.context.country_iso3, self.context.event_date):
            tokens = self.sent.doc.char_span(offset + start, offset + end, alignment_mode="expand")
            if tokens is None:
                continue
            head = _phrase_head(_nominal_of(tokens))
            yield _Mention(self.actor(actor.name, actor.inter, actor.iso3, offset + start, offset + end), head)

    def _noun_mentions(self) -> Iterator[_Mention]:
        for token in self.sent:
            if token.pos_ not in {"NOUN", "PROPN"} or token.dep_ in {"compound", "amod", "nmod", "poss"}:
                continue
            actor = self._noun_actor(token)
            if actor is not None:
                yield _Mention(actor, token)
                if actor.inter in {STATE_FORCES, EXTERNAL}:
                    yield from self._coordinated_forces(token, actor)

    def _coordinated_countries(self, token: Token) -> list[tuple[int, int, str]]:
        """(start, end, iso3) of each country in a coordinated run of modifiers right before ``token``: "Kyrgyz and
        Tajik border guards". Read off the words, not the parse, which a dateline before them often breaks."""
        first = token.i
        while first > self.sent.start:
            word = self.sent.doc[first - 1]
            if in_dateline(word) or not (word.pos_ in {"ADJ", "PROPN", "NOUN"} or word.lower_ in {"and", ","}):
                break
            first -= 1
        words = self.sent.doc[first : token.i]
        if len(words) < 3 or not any(word.lower_ == "and" for word in words):
            return []
        found = sorted(self.lexicon.find_countries(words.text))
        return [(words.start_char + start, words.start_char + end, iso3) for start, end, iso3 in found] if len(found) > 1 else []

    def _coordinated_forces(self, token: Token, first: Actor) -> Iterator[_Mention]:
        """ "Kyrgyz and Tajik border guards exchanged fire": the second country names the other side's forces."""
        role = argument_role(token)
        for start, end, iso3 in self._coordinated_countries(token):
            if iso3 == first.iso3:
                continue
            kind = "Police" if first.name.startswith("Police") else "Military"
            actor = self.state(kind, iso3, start, end)
            head = self.sent.doc.char_span(start, end, alignment_mode="expand")
            if actor is not None and head is not None:
                yield _Mention(actor, head.root, "patient" if role == "agent" else role)

    def _noun_actor(self, token: Token) -> Actor | None:
        lemma = _lemma(token)
        start, end = noun_phrase_chars(token)
        modifiers = {child.lower_ for child in token.children} | {token.lower_}
        acting = token.dep_ == "nsubj" or (token.dep_ == "pobj" and token.head.dep_ == "agent")
        if lemma in _MILITARY_NOUNS or lemma in _POLICE_NOUNS or (lemma == "side" and self._is_violent()) or (
            lemma in _MILITARY_PLATFORM_NOUNS and acting
        ):
            coordinated = self._coordinated_countries(token)
            iso3 = coordinated[0][2] if coordinated else self._country_of_phrase(token)
            qualifiers = _GUARD_QUALIFIERS if lemma == "guard" else _FORCE_QUALIFIERS
            if lemma in _QUALIFIED_FORCE_NOUNS and iso3 is None and not modifiers & qualifiers:
                return None
            return self.state(self._force_kind(token, lemma), iso3 or self.context.country_iso3, start, end)
        if lemma in _MILITARY_SITE_NOUNS:
            return self._site_holder(token, lemma, start, end)
        if lemma in _ARMED_NOUNS or (lemma in {"man", "men", "person", "individual"} and modifiers & _ARMED_MODIFIERS) or (
            lemma in _GROUP_NOUNS and modifiers & _ARMED_GROUP_MODIFIERS
        ):
            return self._armed_group(token, lemma, modifiers, start, end)
        if lemma in _GANG_NOUNS:
            return self.generic("Unidentified Gang", POLITICAL_MILITIA, start, end)
        if lemma in _PROTESTER_NOUNS:
            return self.generic("Protesters", PROTESTERS, start, end)
        if lemma in _RIOTER_NOUNS:
            return self.generic("Rioters", RIOTERS, start, end)
        if lemma in _CIVILIAN_NOUNS or token.ent_type_ == "PERSON" and token.dep_ in {"dobj", "nsubjpass"}:
            return self.generic("Civilians", CIVILIANS, start, end)
        return None

    def _site_holder(self, token: Token, lemma: str, start: int, end: int) -> Actor | None:
        """The forces holding a position or base, when the phrase says whose: "Armenian positions", "a police post"."""
        iso3 = self._country_of_phrase(token)
        qualifiers = {child.lemma_.lower() for child in token.subtree if child.i < token.i}
        if iso3 is None and not qualifiers & (_MILITARY_NOUNS | _POLICE_NOUNS | {"security"}):
            return None
        return self.state(self._force_kind(token, lemma), iso3 or self.context.country_iso3, start, end)

    def _armed_group(self, token: Token, lemma: str, modifiers: set[str], start: int, end: int) -> Actor | None:
        """Armed men without a name belong to the country their adjective names ("Armenian sabotage groups"), else to
        the event's. Where that country's forces are at war with another state, they are its military."""
        iso3 = self._country_of_phrase(token, pronouns=False)
        irregular = lemma in _NON_STATE_ARMED_WORDS or bool(modifiers & _NON_STATE_ARMED_WORDS)
        if iso3 is not None and not irregular and self._another_state_named(iso3):
            return self.state("Military", iso3, start, end)
        return self.generic("Unidentified Armed Group", POLITICAL_MILITIA, start, end, iso3)

    def _another_state_named(self, iso3: str) -> bool:
        """Whether the sentence (or its claimant) names a state other than ``iso3``: a sign of interstate fighting."""
        if self.context.claimant_iso3 not in {None, iso3}:
            return True
        dateline_start, dateline_end = dateline_chars(self.sent.doc)
        offset = self.sent.start_char
        return any(
            other != iso3 and not dateline_start <= offset + start < dateline_end
            for start, _, other in self.lexicon.find_countries(span_text(self.sent))
        )

    def _force_kind(self, token: Token, lemma: str) -> str:
        phrase = {child.lemma_.lower() for child in token.subtree} | {lemma}
        if phrase & _POLICE_NOUNS:
            return "Police"
        if phrase & {"security", "state"} and not phrase & _MILITARY_NOUNS - {"force", "unit"}:
            return "Police" if self.event_type in {"Protests", "Riots"} or self.sub_event_type == "Arrests" else "Military"
        return "Military"

    def _country_of_phrase(self, token: Token, pronouns: bool = True) -> str | None:
        """The country that a force noun's own modifiers name: "Azerbaijani", "Armenia's", "of the Republic of
        Armenia", "Moscow's"; with ``pronouns``, "its" stands for the claimant's country."""
        tokens = [
            child
            for child in token.subtree
            if (child.i <= token.i or child.dep_ in {"prep", "pobj", "compound"}) and not in_dateline(child)
        ]
        text = " ".join(child.text for child in sorted(tokens, key=lambda child: child.i))
        iso3 = self.lexicon.country_in(text)
        if iso3 is None:
            iso3 = next((capital_of(child) for child in token.children if child.dep_ == "poss" and capital_of(child)), None)
        if iso3 is None and pronouns and {child.lower_ for child in token.children} & _POSSESSIVE_PRONOUNS:
            return self.context.claimant_iso3
        return iso3

    def _claimant_side(self) -> Iterator[_Mention]:
        """ "targeted its positions" in the claimant's words: "its" is the claimant's own forces."""
        if self.context.claimant_iso3 is None or not self._is_violent():
            return
        for token in self.sent:
            if token.lower_ in _POSSESSIVE_PRONOUNS and token.dep_ == "poss" and argument_role(token.head) == "patient":
                actor = self.state("Military", self.context.claimant_iso3, token.idx, token.idx + len(token.text))
                if actor is not None:
                    yield _Mention(actor, token.head)

    def _country_mentions(self) -> Iterator[_Mention]:
        """A country standing for its forces: "accused Armenia of shelling", "Russia shelled Kharkiv"."""
        if not self._is_violent():
            return
        offset = self.sent.start_char
        for start, end, iso3 in self.lexicon.find_countries(span_text(self.sent)):
            tokens = self.sent.doc.char_span(offset + start, offset + end, alignment_mode="expand")
            if tokens is None or tokens.root.dep_ not in {"nsubj", "dobj", "pobj", "conj", "nsubjpass"}:
                continue
            if tokens.root.dep_ == "pobj" and tokens.root.head.lower_ not in _PATIENT_PREPOSITIONS | {"by", "between"}:
                continue
            actor = self.state("Military", iso3, offset + start, offset + end)
            if actor is not None:
                yield _Mention(actor, tokens.root)

    def _capital_mentions(self) -> Iterator[_Mention]:
        """A capital standing for its government's forces: "accused Kyiv of shelling", "Moscow launched strikes"."""
        if not self._is_violent():
            return
        for token in self.sent:
            iso3 = capital_of(token)
            if iso3 is None:
                continue
            verb = token.head
            accused = token.dep_ == "dobj" and verb.lemma_.lower() in ACCUSING_LEMMAS
            acting = token.dep_ == "nsubj" and not _is_reporting(verb) and any(child.dep_ == "dobj" for child in verb.children)
            if accused or acting:
                actor = self.state("Military", iso3, token.idx, token.idx + len(token.text))
                if actor is not None:
                    yield _Mention(actor, token)

    def _is_violent(self) -> bool:
        return self.event_type in {"Battles", "Explosions/Remote violence", "Violence against civilians"}

    def _fallback_attacker(self) -> Actor | None:
        if self.event_type == "Explosions/Remote violence" and any(word in span_text(self.sent).lower() for word in _STRIKE_WORDS):
            return self.state("Military", self.context.country_iso3, self.sent.start_char, self.sent.start_char)
        if (
            self.event_type in {"Battles", "Explosions/Remote violence", "Violence against civilians"}
            or self.sub_event_type in {"Looting/property destruction", "Abduction/forced disappearance"}
        ) and not self._refers_to_known_sides():
            return self._without_span(self.generic("Unidentified Armed Group", POLITICAL_MILITIA, 0, 0))
        if self.sub_event_type == "Arrests":
            return self._without_span(self.state("Police", self.context.country_iso3, 0, 0))
        return None

    def _refers_to_known_sides(self) -> bool:
        """ "the two nations have clashed", "the firefight occurred": the sides were named earlier in the article, so
        an unidentified armed group would be invented rather than read."""
        for token in self.sent:
            determiners = {child.lower_ for child in token.children if child.dep_ in {"det", "predet", "nummod", "preconj"}}
            lemma = _lemma(token)
            if lemma in _PARTY_NOUNS and token.tag_ in {"NNS", "NNPS"} and determiners & _PARTY_DETERMINERS:
                return True
            if lemma in _CONFLICT_NOUNS and token.pos_ == "NOUN" and determiners & _DEFINITE_DETERMINERS:
                return True
        return False

    @staticmethod
    def _without_span(actor: Actor | None) -> Actor | None:
        if actor is not None:
            actor.span = None
        return actor

    def roles(self) -> ActorRoles:
        mentions = self.mentions()
        agents = [m for m in mentions if m.role == "agent"]
        patients = [m for m in mentions if m.role == "patient"]
        others = [m for m in mentions if m.role is None]
        roles = ActorRoles(target=self._target())
        if self.event_type in {"Protests", "Riots"}:
            return self._demonstration_roles(roles, mentions)
        civilian_side = [m for m in mentions if m.actor.inter == CIVILIANS]
        armed = [m for m in agents + others + patients if m.actor.inter != CIVILIANS]
        first = (agents or armed or [None])[0]
        roles.actor1 = first.actor if first else self._fallback_attacker()
        rest = [m for m in patients + others + agents if m is not first and m.actor.name != _name(roles.actor1)]
        if self.event_type == "Violence against civilians" or (not rest and civilian_side):
            roles.actor2 = civilian_side[0].actor if civilian_side else self._without_span(
                self.generic("Civilians", CIVILIANS, 0, 0)
            )
        elif rest:
            roles.actor2 = rest[0].actor
        roles.assoc_actor_1 = _distinct(m.actor for m in agents[1:] if m.actor.name not in {_name(roles.actor1), _name(roles.actor2)})
        return roles

    def _demonstration_roles(self, roles: ActorRoles, mentions: list[_Mention]) -> ActorRoles:
        label, inter = ("Protesters", PROTESTERS) if self.event_type == "Protests" else ("Rioters", RIOTERS)
        own = next((m for m in mentions if m.actor.inter == inter), None)
        roles.actor1 = own.actor if own else self._without_span(self.generic(label, inter, 0, 0))
        named = [m.actor for m in mentions if m.actor.inter in {REBELS, POLITICAL_MILITIA, IDENTITY_MILITIA} and m.role != "patient"]
        roles.assoc_actor_1 = _distinct(named)
        forces = [m.actor for m in mentions if m.actor.inter in {STATE_FORCES, EXTERNAL}]
        victims = [m.actor for m in mentions if m.actor.inter == CIVILIANS and m.role == "patient"]
        if self.event_type == "Protests":
            if forces and self.sub_event_type != "Peaceful protest":
                roles.actor2 = forces[0]
        elif forces:
            roles.actor2 = forces[0]
        elif victims and self.sub_event_type == "Mob violence":
            roles.actor2 = victims[0]
        return roles

    def _target(self) -> Span | None:
        """What was hit: the object of the event verb, or the subject of a passive one ("infrastructure ... targeted")."""
        for token in self.sent:
            if token.dep_ in {"dobj", "nsubjpass"} and token.head.pos_ == "VERB" and not _is_reporting(token.head):
                if token.head.lemma_.lower() in ACCUSING_LEMMAS or token.pos_ == "PRON":
                    continue
                if _lemma(token) in _ATTACK_NOUNS:
                    # "launched an attack on X", "opened fire at X": the attack names no target, its preposition does.
                    token = _aimed_at(token)
                    if token is None:
                        continue
                start, end = noun_phrase_chars(token)
                return self.span_of(start, end)
        return None


def _aimed_at(attack: Token) -> Token | None:
    """The object of the "on"/"at"/"against" phrase of an attack noun or of the verb that carries it."""
    for holder in (attack, attack.head):
        for preposition in holder.children:
            if preposition.dep_ == "prep" and preposition.lower_ in _PATIENT_PREPOSITIONS - {"with"}:
                aimed = next((child for child in preposition.children if child.dep_ == "pobj"), None)
                if aimed is not None and aimed.ent_type_ not in {"DATE", "TIME"}:  # "opened fire on Tuesday"
                    return aimed
    return None


def _name(actor: Actor | None) -> str | None:
    return actor.name if actor else None


def _distinct(actors: Iterable[Actor]) -> list[Actor]:
    seen: dict[str, Actor] = {}
    for actor in actors:
        seen.setdefault(actor.name, actor)
    return list(seen.values())


# Nouns that name people (or bodies of people), as opposed to things.
HUMAN_NOUNS = (
    _MILITARY_NOUNS | _POLICE_NOUNS | _ARMED_NOUNS | _GANG_NOUNS | _PROTESTER_NOUNS | _RIOTER_NOUNS | _CIVILIAN_NOUNS
)
_KNOWN_NOUNS = HUMAN_NOUNS | _MILITARY_PLATFORM_NOUNS


def _lemma(token: Token) -> str:
    """The lower-case lemma; spaCy leaves capitalised plurals ("Armed Forces") as they are, so strip their "s"."""
    lemma = token.lemma_.lower()
    if lemma not in _KNOWN_NOUNS and lemma.endswith("s") and lemma[:-1] in _KNOWN_NOUNS:
        return lemma[:-1]
    return lemma


def _nominal_of(tokens: SentenceSpan) -> Token:
    """The noun a name stands for: "IS" (parsed as a verb) and "Houthi" in "IS militants", "Houthi rebels"."""
    root = tokens.root
    following = tokens.doc[tokens.end] if tokens.end < len(tokens.doc) else None
    if following is not None and following.pos_ in {"NOUN", "PROPN"} and (
        root.pos_ not in {"NOUN", "PROPN"} or root.head.i == following.i
    ):
        return following
    return root


def _phrase_head(token: Token) -> Token:
    """The noun a name sits inside: "Houthi" in "Houthi rebels" plays the role of "rebels"."""
    while token.dep_ in {"compound", "amod", "nmod"} and token.head.i != token.i:
        token = token.head
    return token


_NOUN_PHRASE_DEPS = frozenset({"det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "predet", "preconj", "case", "advmod"})


def noun_phrase_chars(token: Token) -> tuple[int, int]:
    """Character offsets of a noun phrase: its determiners and modifiers, the noun and any coordinated nouns."""
    left = next((child.left_edge for child in token.lefts if child.dep_ in _NOUN_PHRASE_DEPS), token)
    while left.i < token.i and (left.dep_ in {"punct", "cc", "preconj"} or left.pos_ == "VERB"):
        left = left.doc[left.i + 1]
    right = token
    for conjunct in token.conjuncts:
        if conjunct.i > right.i:
            right = conjunct
    return left.idx, right.idx + len(right.text)


def _is_reporting(verb: Token) -> bool:
    return verb.lemma_.lower() in REPORTING_LEMMAS


def _is_claimant(token: Token) -> bool:
    """The subject of "said" / "according to X" reports the event; it is not a party to it."""
    first = token.conjuncts[0] if token.conjuncts and token.dep_ == "conj" else token
    if first.dep_ == "nsubj" and _is_reporting(first.head) and first.head.lemma_.lower() not in ACCUSING_LEMMAS:
        return True
    return first.dep_ == "pobj" and first.head.lower_ == "to" and first.head.head.lower_ == "according"


def argument_role(token: Token) -> str | None:
    """What the parse says the actor at ``token`` does in the event: "agent", "patient" or None."""
    if token.dep_ == "conj":
        head = token.head
        while head.dep_ == "conj":
            head = head.head
        first_role = argument_role(head)
        # "X and Y clashed": both fought, ACLED names the second as the other side.
        return "patient" if first_role == "agent" and head.dep_ == "nsubj" and _is_symmetric(head.head) else first_role
    if token.dep_ == "appos":
        return argument_role(token.head)
    if token.dep_ == "poss":
        return "agent" if token.head.dep_ in {"nsubj", "dobj", "pobj"} and token.head.pos_ == "NOUN" else None
    if token.dep_ == "nsubj":
        return "agent"
    if token.dep_ in {"nsubjpass", "attr"}:
        return "patient"
    if token.dep_ == "dobj":
        if token.head.lemma_.lower() in ACCUSING_LEMMAS:
            return "agent"
        return "patient"
    if token.dep_ == "pobj":
        preposition = token.head.lower_
        if preposition == "by" and token.head.dep_ == "agent":
            return "agent"
        if preposition == "between":
            return "agent"
        if preposition in _PATIENT_PREPOSITIONS:
            return "patient"
    return None


def _is_symmetric(verb: Token) -> bool:
    return verb.lemma_.lower() in {"clash", "fight", "battle", "exchange", "skirmish"}


def find_actors(sent: SentenceSpan, event_type: str, sub_event_type: str, context: ActorContext) -> ActorRoles:
    """ACLED actor1/actor2 (with inter codes), associated actors and the target of the event in ``sent``."""
    return _SentenceActors(sent, event_type, sub_event_type, context).roles()


# ---------------------------------------------------------------------------------------------------------------
# Parties of any event, violent or not: who did what to whom, coded by country as CAMEO and PLOVER code them.

# Verbs that only pass an event on: the event is the clause they report ("X said it would support Y").
_PASSING_ON_LEMMAS = frozenset("say tell announce report state add confirm write note explain quote".split())
# Clause links through which a verb shares the subject of the verb it hangs from ("agreed to provide").
_SUBJECT_SHARING_DEPS = frozenset({"xcomp", "conj", "advcl", "acomp"})
# Clauses whose subject the event is aimed at: "demanded that Sudan return", "threatened ... unless Israel rescinded".
_OBLIGING_AUXILIARIES = frozenset({"must", "should", "ought"})
_CONDITION_MARKERS = frozenset({"unless", "if", "until"})
# A nationality word after these prefixes is what a party favours or opposes, not what it is ("pro-Iranian group").
_STANCE_PREFIXES = frozenset({"pro", "anti", "non"})
_PARTY_OBJECT_DEPS = frozenset({"dobj", "dative", "nsubjpass", "oprd"})
# Parts of a noun's subtree that describe something else: other parties, clauses about them, asides.
_NOT_OF_THE_PARTY_DEPS = frozenset({"conj", "cc", "relcl", "acl", "advcl", "punct", "prep"})
# Prepositions inside a party's phrase that still name whose it is: "president of Armenia", "inspectors from the UN".
_OWNER_PREPOSITIONS = frozenset({"of", "from", "in"})
_NAME_GRAM_LENGTH = 3


@dataclass
class Party:
    """One side of an event as a CAMEO coder sees it: the words, and the country (ISO3) or "IGO"/"NGO" they name."""

    text: str
    code: str
    span: Span


@dataclass
class EventParties:
    source: list[Party] = field(default_factory=list)
    target: list[Party] = field(default_factory=list)


def event_parties(sent: SentenceSpan, trigger: Token | None = None) -> EventParties:
    """The source and target parties of the event that ``trigger`` (default: the sentence's main verb) tells.

    Any event counts, a promise or a visit as much as an attack, so unlike ``find_actors`` this reads only the parse:
    subjects (or the "by" agent of a passive) are sources, objects and prepositional objects of the verb and of the
    verbs it governs ("agreed to provide aid for Romania") are targets. Each party is coded by the country its words
    name: "Jordan", "the Palestinians", "Moscow", "the Iraqi president", "Taiwan's vice foreign minister", or by
    "IGO"/"NGO" for an international body; parties whose words name neither are left out."""
    verb = _event_verb(trigger if trigger is not None else sent.root)
    return EventParties(source=_coded(_sources(verb)), target=_coded(_targets(verb)))


def _event_verb(token: Token) -> Token:
    """The verb of the event: a noun trigger's verb, and the reported clause of "said", "confirmed"."""
    while token.pos_ not in {"VERB", "AUX"} and token.head.i != token.i:
        token = token.head
    while token.lemma_.lower() in _PASSING_ON_LEMMAS:
        clause = next((child for child in token.children if child.dep_ in {"ccomp", "parataxis"}), None)
        if clause is None or _obliges(clause):
            break  # "Russia said that Sudan must return it": a demand by the one who says it
        token = clause
    return token


def _obliges(clause: Token) -> bool:
    return any(child.dep_ == "aux" and child.lower_ in _OBLIGING_AUXILIARIES for child in clause.children)


def _with_conjuncts(token: Token) -> list[Token]:
    return [token, *(conjunct for conjunct in token.conjuncts if conjunct.i > token.i)]


def _sources(verb: Token) -> list[Token]:
    """Who acts: the subject, or the "by" agent of a passive, found on the verb or the verbs whose subject it shares;
    a pronoun stands for the subject of the verb that reports or governs its clause ("Hungary said it would")."""
    pronoun_seen = False
    while True:
        agent = next((child for child in verb.children if child.dep_ == "agent"), None)
        if agent is not None:
            return [child for pobj in agent.children if pobj.dep_ == "pobj" for child in _with_conjuncts(pobj)]
        subject = next((child for child in verb.children if child.dep_ == "nsubj"), None)
        if subject is not None and subject.pos_ != "PRON":
            return _with_conjuncts(subject)
        if any(child.dep_ == "nsubjpass" for child in verb.children):
            return []  # a passive without its agent names no source
        pronoun_seen = pronoun_seen or subject is not None
        if verb.head.i == verb.i or not (verb.dep_ in _SUBJECT_SHARING_DEPS or pronoun_seen):
            return []
        verb = verb.head


def _targets(verb: Token) -> list[Token]:
    """What the event is done to: objects, passive subjects and prepositional objects of the verb and of the verbs
    it governs, in the order the sentence gives them."""
    found: list[Token] = []
    for governing in _governed_verbs(verb):
        for child in governing.children:
            if child.dep_ in _PARTY_OBJECT_DEPS:
                found.extend(_with_conjuncts(child))
                found.extend(_prepositional_objects(child))
            elif child.dep_ == "prep":
                found.extend(_prepositional_objects(governing, only=child))
        if governing.i != verb.i and governing.dep_ in {"ccomp", "advcl"}:
            # "demanded that the government end curbs", "unless Israel rescinded": the one expected to act.
            found.extend(token for token in governing.children if token.dep_ == "nsubj" and token.pos_ != "PRON")
    return sorted(set(found), key=lambda token: token.i)


def _governed_verbs(verb: Token) -> list[Token]:
    """The verb and the clauses it governs ("agreed to set up", "demanded that ... end"), nearest first."""
    verbs, index = [verb], 0
    while index < len(verbs):
        verbs.extend(child for child in verbs[index].children if _is_governed_clause(child))
        index += 1
    return verbs


def _is_governed_clause(token: Token) -> bool:
    """ "agreed to set up", "is willing to withdraw", "established ties with and opened an embassy in", "to protest
    against", "unless Baghdad accepted": clauses that carry the event on to its target."""
    if token.dep_ in {"xcomp", "ccomp", "acomp"}:
        return True
    if token.dep_ == "conj":
        return token.pos_ in {"VERB", "AUX"}
    if token.dep_ == "advcl":
        return any(
            (child.dep_ == "aux" and child.lower_ == "to") or (child.dep_ == "mark" and child.lower_ in _CONDITION_MARKERS)
            for child in token.children
        )
    return False


def _prepositional_objects(holder: Token, only: Token | None = None) -> list[Token]:
    prepositions = [only] if only is not None else [child for child in holder.children if child.dep_ == "prep"]
    return [
        conjunct
        for preposition in prepositions
        for pobj in preposition.children
        if pobj.dep_ == "pobj" and pobj.ent_type_ not in {"DATE", "TIME"}
        for conjunct in _with_conjuncts(pobj)
    ]


def _coded(heads: list[Token]) -> list[Party]:
    parties: list[Party] = []
    described: dict[int, str] = {}  # "a ceasefire in south Lebanon" already tells of "south Lebanon"
    for head in heads:
        for tokens in _coordinated_modifiers(head) or [_party_tokens(head)]:
            code = party_code(tokens)
            if code is not None and described.get(head.i) != code:
                described.update((token.i, code) for token in tokens)
                start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
                parties.append(Party(doc_text(head.doc)[start:end], code, Span.of(doc_text(head.doc), start, end)))
    return parties


def _coordinated_modifiers(head: Token) -> list[list[Token]]:
    """ "Hungarian and Romanian officials", "U.S. and Russian negotiators": one noun, a party per coordinated
    modifier."""
    for child in head.children:
        if child.dep_ in {"amod", "compound", "nmod"} and child.conjuncts:
            return [
                sorted([modifier, *(c for c in modifier.lefts if c.dep_ in {"compound", "amod"})], key=lambda t: t.i)
                for modifier in (child, *child.conjuncts)
            ]
    return []


def _party_tokens(head: Token) -> list[Token]:
    """The words that describe the party at ``head``: its modifiers, possessor, apposition and "of"/"from"/"in"
    phrases, without the other parties coordinated with it or clauses about it."""
    words = [head]
    for child in head.children:
        if child.dep_ not in _NOT_OF_THE_PARTY_DEPS:
            words.extend(child.subtree)
        elif child.dep_ == "prep" and child.lower_ in _OWNER_PREPOSITIONS:
            words.extend(word for word in child.subtree if word.ent_type_ not in {"DATE", "TIME"})
    return sorted(words, key=lambda word: word.i)


def party_code(tokens: list[Token]) -> str | None:
    """The country (ISO3) or international body ("IGO", "NGO") that the leftmost name among ``tokens`` stands for:
    a body or country of the actor dictionary, then a country name, nationality word ("Palestinians") or national
    capital ("Amman") of the gazetteer."""
    if not tokens:
        return None
    doc = tokens[0].doc
    lexicon = actor_dictionary()
    found: list[tuple[int, str]] = []
    tokens = [token for token in tokens if _may_name_a_state(token)]
    found = [(token.idx, iso3) for token in tokens if (iso3 := capital_of(token)) is not None]
    runs = _token_runs(tokens)
    for run in runs:
        text = doc_text(doc)[run[0].idx : run[-1].idx + len(run[-1].text)]
        found.extend((run[0].idx + start, code) for start, _, code in lexicon.find_international_bodies(text))
        found.extend((run[0].idx + start, iso3) for start, _, iso3 in lexicon.find_countries(text))
    found.extend(_gazetteer_countries(runs))
    return min(found)[1] if found else None


def _may_name_a_state(token: Token) -> bool:
    """False for nationality words that name an ethnic group ("ethnic Albanians" in Serbia are coded by where they
    live) or a stance ("pro-Iranian", "anti-American")."""
    doc = token.doc
    previous = doc[token.i - 1] if token.i > 0 else None
    if previous is not None and previous.lower_ == "ethnic":
        return False
    if "-" in token.text and token.text.split("-")[0].lower() in _STANCE_PREFIXES:
        return False
    return not (
        previous is not None
        and previous.text == "-"
        and token.i > 1
        and doc[token.i - 2].lower_ in _STANCE_PREFIXES
    )


def _token_runs(tokens: list[Token]) -> list[list[Token]]:
    """Stretches of adjacent words (a party's phrase can skip its clauses)."""
    runs: list[list[Token]] = []
    for token in tokens:
        if runs and runs[-1][-1].i == token.i - 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    return runs


def _gazetteer_countries(runs: list[list[Token]]) -> list[tuple[int, str]]:
    """(offset, iso3) of capitalised word sequences that the gazetteer knows as a country, nationality or national
    capital: it has every country, where the actor dictionary has those that ACLED's data names."""
    from clashwatch.extract.places.gazetteer import load_gazetteer
    from clashwatch.extract.places.names import name_key

    grams: dict[str, int] = {}
    for run in runs:
        for first in range(len(run)):
            for last in range(first, min(first + _NAME_GRAM_LENGTH, len(run))):
                words = run[first : last + 1]
                if words[0].text[:1].isupper() and words[-1].text[:1].isupper():
                    text = doc_text(words[0].doc)[words[0].idx : words[-1].idx + len(words[-1].text)]
                    grams.setdefault(name_key(text), words[0].idx)
    if not grams:
        return []
    gazetteer = load_gazetteer()
    found = []
    for key, candidates in gazetteer.candidates(grams).items():
        countries = {c.place.country_iso2 for c in candidates if c.place.feature == "country"}
        if not countries:
            countries = {c.place.country_iso2 for c in candidates if c.place.capital}
        if len(countries) == 1:
            country = gazetteer.country(countries.pop())
            if country is not None and country.iso3:
                found.append((grams[key], country.iso3))
    return found
