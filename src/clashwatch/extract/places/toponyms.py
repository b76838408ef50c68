"""Toponym recognition: which capitalised stretches of a parsed text name places.

Capitalised n-grams are looked up in the gazetteer (no matcher over millions of names). The small model's entity
labels are one signal among several, not the judge: it calls Dashkasan an ORG and Lachin a PERSON. A match is kept
when the labels, the grammar around it (a locative preposition, "district", a list of places) or the prominence of
the place make it a place mention, and dropped when it is part of a person's or an organisation's name. A name
that only a loose spelling key finds ("Dhanusha district" for Dhanusa) stays until ``confirm_spellings`` checks it
against the rest of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from clashwatch.extract.places.gazetteer import ABBREVIATION, ALIAS, DEMONYM, NAME, Candidate, Gazetteer
from clashwatch.extract.places.names import name_key, spelling_keys
from clashwatch.nlp import doc_text, fact_of_sentence_at, sentence_start
from clashwatch.records import Span

MAX_NAME_TOKENS = 6
# Lower-case words that may sit inside a place name: "Bosnia and Herzegovina", "Sant Julià de Lòria".
NAME_CONNECTORS = {
    "of", "de", "del", "la", "le", "el", "al", "ad", "as", "ash", "an", "and", "du", "des", "da", "do", "dos", "ez",
    "es", "ul", "au", "aux", "sur", "les", "en", "am", "im", "der", "di", "della", "-", "imeni",
}
# Connectors that join two names rather than continue one: "Kalbajar and Lachin", "University of Texas".
JOINING_CONNECTORS = {"and", "or", "-", "of"}
# Prepositions after which a capitalised name is most likely a place.
LOCATIVE_WORDS = {
    "in", "near", "at", "from", "to", "into", "outside", "around", "across", "toward", "towards", "through", "via",
    "within", "inside", "between", "along", "on", "over", "nearby", "throughout", "onto",
}
# Nouns that, next to a name, say it is a place (and which kind).
AREA_NOUNS = {
    "district", "districts", "province", "provinces", "region", "regions", "governorate", "oblast", "county",
    "counties", "state", "states", "department", "prefecture", "municipality", "rayon", "raion", "territory", "parish",
    "division", "zone", "area", "areas", "borough", "township", "upazila", "tehsil", "woreda", "kebele", "commune",
    "cercle", "regency", "subdistrict", "sub-district", "locality", "neighborhood", "neighbourhood", "quarter",
    "countryside",
}
# "the Kalaiya area": unlike "district", says nothing about the kind of place.
VAGUE_AREA_NOUNS = {"area", "areas", "zone"}
# "the Espana square", "Ukraine street": a facility named after a country lies elsewhere.
FACILITY_NOUNS = {
    "square", "street", "avenue", "road", "bridge", "park", "stadium", "embassy", "consulate", "market", "hotel",
    "boulevard", "highway", "restaurant", "cafe", "mosque", "church",
}
SETTLEMENT_NOUNS = {"village", "villages", "town", "towns", "city", "cities", "hamlet", "settlement", "camp", "suburb", "outskirts"}
DIRECTION_WORDS = re.compile(r"^(north|south|east|west|north-?east|north-?west|south-?east|south-?west)(ern|ward)?$", re.I)
# "Ar Raqqa" is Raqqa: a gazetteer may list the name with the article spelt otherwise or not at all.
ARABIC_ARTICLES = {"al", "el", "ar", "as", "ash", "ad", "an", "at", "az", "adh", "ath"}
# Verbs whose object, when it is a name, is the place struck or taken.
STRIKE_VERBS = {
    "shell", "bomb", "bombard", "strike", "hit", "attack", "raid", "storm", "capture", "seize", "besiege", "target",
    "liberate", "occupy", "overrun", "retake", "recapture", "invade", "encircle", "surround",
}
DISTANCE_UNITS = {"km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "mi"}
# Parts of a place where things happen: "the Aleppo countryside", "the streets of Bregenz", "the heart of Kyiv".
PLACE_PART_NOUNS = {
    "countryside", "border", "borders", "frontline", "environs", "suburbs", "axis", "front", "outskirts", "streets",
    "centre", "center", "heart", "port",
}
NEAR_WORDS = {"near", "outside", "around", "nearby", "outskirts", "vicinity", "close", "surrounding"}
# Capitalised words that the gazetteer knows as some hamlet but that in news text almost never are.
NOT_PLACES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "god", "allah", "mr",
    "mrs", "ms", "dr", "president", "minister", "general", "police", "army", "university", "college", "church",
    "school", "hospital", "the", "state", "city", "county", "district", "province", "region", "republic", "street",
    "road", "avenue", "north", "south", "east", "west", "central", "national", "international", "federal", "union",
    "islamic", "christian", "muslim", "jewish", "catholic", "democratic", "republican", "world", "earth", "sun",
    "internet", "facebook", "twitter", "reuters", "media", "news", "press", "post", "times", "today", "tonight",
    "victoria", "ministry", "defense", "defence", "parliament", "congress", "senate", "court", "council", "office",
    "department", "mission", "forces", "force", "navy", "guard", "security", "interior", "foreign", "affairs",
    "centre", "center", "southern", "northern", "eastern", "western", "gulf", "ocean", "beach", "no", "treasure",
    "zone", "coast", "area", "sector", "axis", "front",
}
PROMINENT_FEATURES = {"country", "admin1", "continent", "region", "sea", "stream"}
AREA_FEATURES = {"admin1", "admin2", "region"}
# "the Oshodi area of Lagos", "the Kyivskyi district of Kharkiv": the part named first lies in the place after.
_PART_OF_PATTERN = r"^\s+(?:area|district|neighbou?rhood|quarter|suburb|borough|township|section)\s+of\s+(?:the\s+)?$"
_PART_OF_GAP = re.compile(_PART_OF_PATTERN, re.I)
_LIST_GAP = re.compile(r"^\s*(,|and|or|, and|, or|&|/)?\s*$")
_QUALIFIER_GAP = re.compile(r"^\s*(,|\()\s*$")
# What may stand between a place and the areas that locate it: "Winder town (Las Bela district, Balochistan)",
# "Shakhta imeni Gagarina, Donetsk region", "Sanjo in the district of Misungwi", "the Oshodi area of Lagos".
_KIND_WORDS = "|".join(sorted(AREA_NOUNS | SETTLEMENT_NOUNS))
_ADMIN_CHAIN_GAP = re.compile(
    rf"^\s*(?:(?:{_KIND_WORDS})\s*)?(?:\(|,|\bin\b(?:\s+the\s+(?:{_KIND_WORDS})\s+of\b)?)\s*(?:the\s+)?$"
    rf"|{_PART_OF_PATTERN}",
    re.I,
)


@dataclass
class Mention:
    """A stretch of text that matches gazetteer names, before it is accepted and resolved."""

    start: int  # token index
    end: int  # token index, exclusive
    span: Span
    candidates: list[Candidate]
    entity_label: str | None = None  # label of an entity that is exactly this stretch
    container_label: str | None = None  # label of a larger entity this stretch sits inside
    locative: bool = False  # after a locative preposition or next to an area / settlement noun
    area_hint: bool = False  # "Kalbajar district", "province of Idlib"
    settlement_hint: bool = False  # "the village of Talmenka"
    relative: Span | None = None  # "10 km north of", "near": the event was near, not in, the place
    qualifiers: list[Mention] = field(default_factory=list)  # "Alexandria, La.", "Mansehra (Khyber Pakhtunkhwa)"
    # Areas that plainly contain this place ("(Las Bela district, Balochistan)", ", Donetsk region"): a candidate
    # outside all their countries is a namesake, not this place.
    containers: list[Mention] = field(default_factory=list)
    qualifies: Mention | None = None  # the place this one locates, as one of its containers
    list_neighbours: list[Mention] = field(default_factory=list)
    embedded: bool = False  # part of a longer capitalised name ("Cottonport Fire Station") or of a title-case line
    # Next to a capitalised word that is no word for a kind of place: "Al" of "Al Jah", "Wadi" of "Wadi Madrak".
    fragment: bool = False
    in_unknown_place_name: bool = False  # a fragment of a longer name followed by a kind of place ("X Y village")
    held_by_connector: bool = False  # part of a name joined by a connector ("Shakhta" of "Shakhta imeni Gagarina")
    spelled: bool = False  # found by its loose spelling only ("Dhanusha district" for Dhanusa)

    @property
    def is_demonym(self) -> bool:
        return all(candidate.name_kind == DEMONYM for candidate in self.candidates)

    @property
    def strong_candidates(self) -> list[Candidate]:
        """Candidates this stretch names by their own name, or well-known areas by an alias ("U.S.", "Burma"):
        a village that merely has a surname among its alternate names does not make the surname a place."""
        return [
            candidate
            for candidate in self.candidates
            if candidate.name_kind != ALIAS or candidate.place.feature in PROMINENT_FEATURES
        ]

    def prominent_by_any_name(self, population: int = 100_000) -> bool:
        """An area, or a sizeable town, under any of its names: a variant spelling ("Lattakia") is no surname."""
        return any(
            candidate.place.feature in AREA_FEATURES or candidate.place.population >= population
            for candidate in self.candidates
        )

    def prominent(self, population: int = 100_000) -> bool:
        return any(
            candidate.place.feature in PROMINENT_FEATURES or candidate.place.population >= population
            for candidate in self.strong_candidates
        )


def _is_name_token(token: Token) -> bool:
    text = token.text
    # a capital is a letter, except for the odd symbol with case ("Ⓐ", "Ⅻ")
    return text[:1].isupper() and (text[0].isalpha() or any(char.isalpha() for char in text))


def _name_runs(doc: Doc, names: list[bool]) -> list[tuple[int, int]]:
    """Maximal stretches of capitalised tokens (``names``: which are), allowing lower-case connectors inside them."""
    runs = []
    index = 0
    while index < len(doc):
        if not names[index]:
            index += 1
            continue
        end = index + 1
        while end < len(doc):
            if names[end] and not doc[end - 1].is_sent_end:
                end += 1
            else:
                # "Santa Cruz de la Sierra", "Croix-des-Bouquets": a few connectors between capitalised words
                connectors = 0
                while (
                    connectors < 3
                    and end + connectors < len(doc)
                    and doc[end + connectors].lower_ in NAME_CONNECTORS
                    and not doc[end + connectors].is_sent_end
                ):
                    connectors += 1
                if not connectors or end + connectors >= len(doc) or not names[end + connectors]:
                    break
                end += connectors + 1
        runs.append((index, end))
        index = end
    return runs


def _surface_allows(candidate: Candidate, surface: str, next_char: str) -> bool:
    if candidate.name_kind == ABBREVIATION:
        return surface.endswith(".") or next_char == "."
    letters = [char for char in surface if char.isalpha()]
    if surface.isupper() and len(letters) <= 5:
        # Acronyms name organisations ("SUD" unions, not Haiti's Sud) far more often than places that share their
        # letters; countries and regions are the exception ("UAE").
        return candidate.place.feature in PROMINENT_FEATURES - {"admin1"}
    return True


def find_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Every accepted place mention of ``doc``, with its gazetteer candidates (not yet resolved)."""
    text = doc_text(doc)
    names, starts, ends, lowers = [], [], [], []
    for token in doc:
        names.append(_is_name_token(token))
        starts.append(token.idx)
        ends.append(token.idx + len(token))
        lowers.append(token.lower_)
    runs = _name_runs(doc, names)
    stretches = []
    for run_start, run_end in runs:
        for start in range(run_start, run_end):
            for end in range(start + 1, min(run_end, start + MAX_NAME_TOKENS) + 1):
                if names[start] and names[end - 1]:
                    stretches.append((start, end))
    def stretch_text(start: int, end: int) -> str:
        return text[starts[start] : ends[end - 1]]

    keys = {(start, end): name_key(stretch_text(start, end)) for start, end in stretches}
    # "Rakhine State", "Helmand Province": gazetteers often list the area without the word for its kind.
    bare_keys = {
        (start, end): name_key(stretch_text(start, end - 1))
        for start, end in stretches
        if end - start >= 2 and lowers[end - 1] in AREA_NOUNS
    }
    found = gazetteer.candidates([*keys.values(), *bare_keys.values()])
    loose_keys = {
        (start, end): spelling_keys(stretch_text(start, end))
        for start, end in runs
        if _names_an_area_by_position(doc, start, end)
        and not any(keys[stretch] in found for stretch in stretches if start <= stretch[0] and stretch[1] <= end)
    }
    spelled = gazetteer.candidates_by_spelling(key for loose in loose_keys.values() for key in loose)

    mentions = []
    for run_start, run_end in runs:
        start = run_start
        while start < run_end:
            for end in range(min(run_end, start + MAX_NAME_TOKENS), start, -1):
                candidates = found.get(keys.get((start, end), ""), [])
                respelled = [] if candidates else [
                    candidate for key in sorted(loose_keys.get((start, end), ())) for candidate in spelled.get(key, [])
                ]
                bare = [
                    candidate
                    for candidate in found.get(bare_keys.get((start, end), ""), [])
                    if candidate.place.feature in AREA_FEATURES or doc[end - 1].lower_ in VAGUE_AREA_NOUNS
                ]
                if candidates or respelled:
                    mention = _mention(doc, start, end, candidates or respelled, text)
                else:
                    mention = _bare_mention(doc, start, end, bare, text)
                if mention is not None:
                    mention.spelled = bool(respelled)
                    before = doc[start - 1] if start > run_start and names[start - 1] else None
                    after = doc[end] if end < run_end and names[end] else None
                    kind_words = AREA_NOUNS | SETTLEMENT_NOUNS
                    mention.fragment = (after is not None and after.lower_ not in kind_words) or (
                        before is not None and before.lower_ not in kind_words | ARABIC_ARTICLES
                    )
                    mention.embedded = mention.fragment or _title_case(doc, start)
                    # "Cali Fool Dheere village": the whole run names a place the gazetteer lacks; Cali is not it.
                    mention.in_unknown_place_name = mention.fragment and run_end < len(doc) and doc[run_end].lower_ in kind_words
                    mention.held_by_connector = _continued_by_connector(doc, start, end, run_start, run_end)
                    mentions.append(mention)
                    start = end
                    break
            else:
                start += 1
    _link_neighbours(doc, mentions)
    _link_containers(doc, mentions)
    return [mention for mention in mentions if _accept(mention, doc) and _keep_within_containers(mention)]


def confirm_spellings(mentions: list[Mention], vouched_iso2s: set[str]) -> list[Mention]:
    """Keeps an area found by its loose spelling only in countries the rest of the article points to (its other
    place names, the groups it names): "Yinmarbin district, Sagaing region" is no Mongolian district that happens to
    spell alike. A name with no candidate left is dropped."""
    evidence = set(vouched_iso2s)
    for mention in mentions:
        countries = {candidate.place.country_iso2 for candidate in mention.candidates}
        if not mention.spelled and len(countries) == 1:
            evidence |= countries  # only names that point to one country: "Central" points anywhere
    confirmed = []
    for mention in mentions:
        if mention.spelled:
            mention.candidates = [candidate for candidate in mention.candidates if candidate.place.country_iso2 in evidence]
        if mention.candidates:
            confirmed.append(mention)
    return confirmed


def _names_an_area_by_position(doc: Doc, start: int, end: int) -> bool:
    """Whether a whole capitalised run stands where an area's name does: before or after a word for its kind
    ("Dhanusha district", "the district of Ninewa") or as a whole item of an admin parenthesis ("(Quamishli,
    Hasakeh)"). Only there is a name the gazetteer lacks looked up by its loose spelling."""
    kinds = AREA_NOUNS - VAGUE_AREA_NOUNS
    if end < len(doc) and doc[end].lower_ in kinds:
        return True
    if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in kinds:
        return True  # "Dinarta district of Ninewa", "the province of Hasakeh"
    whole_item = doc[start - 1].text in {"(", ","} and end < len(doc) and doc[end].text in {",", ")"}
    return whole_item and _in_admin_parenthetical(doc, start)


def _continued_by_connector(doc: Doc, start: int, end: int, run_start: int, run_end: int) -> bool:
    """Whether the stretch is only part of a name whose words a connector holds together ("Shakhta" of "Shakhta
    imeni Gagarina", "Kafr" of "Kafr ad Dik"): the gazetteer lacks the whole name, and the part is no place."""
    before = doc[start - 1] if start > run_start else None
    after = doc[end] if end < run_end else None
    return any(
        token is not None and not _is_name_token(token) and token.lower_ not in JOINING_CONNECTORS
        for token in (before, after)
    )


def _mention(
    doc: Doc, start: int, end: int, candidates: list[Candidate], text: str
) -> Mention | None:
    span = doc[start:end]
    key = name_key(span.text)
    if not candidates or len(key.replace(" ", "")) < 2:
        return None
    if key in NOT_PLACES:
        # "Orugodawatta (Orugodawatta, Western)": there the common word is the name of a province; not in
        # "(South 24 Parganas district)", where it begins a longer name.
        whole_item = end == len(doc) or doc[end].text in {",", ")"}
        in_parenthetical = whole_item and _in_admin_parenthetical(doc, start)
        candidates = [c for c in candidates if in_parenthetical and c.place.feature in AREA_FEATURES]
    next_char = text[span.end_char : span.end_char + 1]
    candidates = [candidate for candidate in candidates if _surface_allows(candidate, span.text, next_char)]
    if end < len(doc) and doc[end].lower_ in FACILITY_NOUNS:
        candidates = [candidate for candidate in candidates if candidate.place.feature != "country"]
    if not candidates:
        return None
    mention = Mention(start, end, Span.of(text, span.start_char, span.end_char), candidates)
    entity = _entity_containing(doc, start, end)
    if entity is None:
        pass
    elif entity.start == start and entity.end == end:
        mention.entity_label = entity.label_
    elif entity.start < start and doc[start - 1].lower_ in LOCATIVE_WORDS | {"("}:
        pass  # "the City Hall in Malmo", "Tall Rasho (Lattakia": the entity is located at the place
    elif "(" not in entity.text:
        # an entity that runs into a parenthesis is the model's misreading ("Eibar (Basque Country" as one ORG)
        # "Dublin Road" (FAC), "Azerbaijan Defense Ministry" (ORG), "Lake Ontario" (LOC) around "Lake"
        mention.container_label = entity.label_
    _read_context(doc, mention)
    return mention


def _entity_containing(doc: Doc, start: int, end: int) -> SpacySpan | None:
    """The named entity that holds tokens ``start:end``, read off the tokens' IOB tags: walking all of
    ``doc.ents`` for each mention costs time quadratic in the article's length."""
    if doc[start].ent_iob_ not in ("B", "I"):
        return None
    first = start
    while first > 0 and doc[first].ent_iob_ == "I":
        first -= 1
    last = first + 1
    while last < len(doc) and doc[last].ent_iob_ == "I":
        last += 1
    return SpacySpan(doc, first, last, label=doc[first].ent_type_) if end <= last else None


def _bare_mention(doc: Doc, start: int, end: int, candidates: list[Candidate], text: str) -> Mention | None:
    """"Rakhine State" as the area Rakhine; but "Ohio State" (an ORG: the university) is no place."""
    mention = _mention(doc, start, end, candidates, text) if candidates else None
    return None if mention is None or mention.entity_label == "ORG" else mention


def _title_case(doc: Doc, index: int) -> bool:
    """Whether token ``index`` is in a sentence in title case, like a headline: capitals say nothing about names
    there. Asked for every name of a sentence, so read once per sentence."""
    return fact_of_sentence_at(doc, index, "title_case", _is_title_case)


def _is_title_case(sentence: SpacySpan) -> bool:
    words = [token for token in sentence if token.is_alpha and not token.is_stop]
    return len(words) >= 4 and sum(token.text[:1].isupper() for token in words) >= 0.8 * len(words)


def _read_context(doc: Doc, mention: Mention) -> None:
    if doc[mention.end - 1].lower_ in AREA_NOUNS - VAGUE_AREA_NOUNS:
        mention.locative = mention.area_hint = True  # "Laurel County", "Rapides Parish": the name says it
    elif doc[mention.end - 1].lower_ in VAGUE_AREA_NOUNS:
        mention.locative = True
    before = list(doc[max(0, mention.start - 5) : mention.start])
    # "in central Thessaloniki", "near the old Kharkiv": the preposition governs the name past its modifiers.
    while before and (before[-1].lower_ in {"the", "a", "an"} or before[-1].pos_ == "ADJ"):
        before.pop()
    after = doc[mention.end] if mention.end < len(doc) else None
    previous = before[-1] if before else None
    if after is not None and after.lower_ in VAGUE_AREA_NOUNS:
        mention.locative = True
    elif after is not None and after.lower_ in AREA_NOUNS:
        mention.locative = mention.area_hint = True
    if after is not None and after.lower_ in SETTLEMENT_NOUNS:
        mention.locative = mention.settlement_hint = True
    root = doc[mention.start : mention.end].root
    if root.dep_ in {"dobj", "nsubjpass"} and root.head.lemma_ in STRIKE_VERBS:
        mention.locative = True  # "shelled Mariupol", "Kharkiv was bombed": what was struck is a place
    if previous is None:
        return
    if _in_admin_parenthetical(doc, mention.start):
        mention.locative = True  # "the town of Nadiagou (Pama, Kompienga)": the areas the place lies in
    if previous.lower_ in LOCATIVE_WORDS or (previous.text == "," and _follows_located_name(doc, previous.i)):
        mention.locative = True
    if previous.lower_ == "of" and len(before) >= 2:
        noun = before[-2]
        if noun.lower_ in AREA_NOUNS:
            mention.locative = mention.area_hint = True
        elif noun.lower_ in SETTLEMENT_NOUNS:
            mention.locative = mention.settlement_hint = True
        elif noun.lower_ in PLACE_PART_NOUNS:
            mention.locative = True
        if noun.lower_ in NEAR_WORDS or DIRECTION_WORDS.match(noun.text):
            mention.locative = True
            cue_start = noun.i
            if cue_start >= 2 and doc[cue_start - 1].lower_ in DISTANCE_UNITS and doc[cue_start - 2].like_num:
                cue_start -= 2
            mention.relative = Span.of(doc_text(doc), doc[cue_start].idx, mention.span.end)
    elif previous.lower_ in NEAR_WORDS:
        mention.relative = Span.of(doc_text(doc), previous.idx, mention.span.end)


def _follows_located_name(doc: Doc, comma: int) -> bool:
    """Whether the comma at ``comma`` closes a name that a locative word governs: "in Waswali, Matagalpa" locates
    Waswali in Matagalpa even when the gazetteer lacks Waswali."""
    index = comma - 1
    while index >= 0 and _is_name_token(doc[index]):
        index -= 1
    return comma - index > 1 and index >= 0 and doc[index].lower_ in LOCATIVE_WORDS


def _in_admin_parenthetical(doc: Doc, start: int) -> bool:
    """Whether token ``start`` lies inside a parenthesis opened right after a name or a word for a place
    ("Coalla (Coalla, Gnagna)")."""
    first = sentence_start(doc, start)
    for index in range(start - 1, max(first, start - 12) - 1, -1):
        text = doc[index].text
        if text == ")":
            return False
        if text == "(":
            opener = doc[index - 1] if index > first else None
            return opener is not None and (
                _is_name_token(opener) or opener.lower_ in AREA_NOUNS | SETTLEMENT_NOUNS | FACILITY_NOUNS
            )
    return False


def _link_neighbours(doc: Doc, mentions: list[Mention]) -> None:
    """Lists of places ("Dashkasan, Kalbajar and Lachin") and qualified names ("Alexandria, La.")."""
    for first, second in zip(mentions, mentions[1:]):
        gap = doc_text(doc)[first.span.end : second.span.start]
        if sentence_start(doc, first.start) != sentence_start(doc, second.start):
            continue
        if _QUALIFIER_GAP.match(gap) and any(
            candidate.place.feature in {"country", "admin1", "admin2"} for candidate in second.candidates
        ):
            first.qualifiers.append(second)
        if _LIST_GAP.match(gap):
            first.list_neighbours.append(second)
            second.list_neighbours.append(first)
            if first.relative is not None and second.relative is None:
                # "near Dashkasan, Kalbajar and Lachin": the whole list is near.
                second.relative = Span.of(doc_text(doc), first.relative.start, second.span.end)


def _link_containers(doc: Doc, mentions: list[Mention]) -> None:
    """"X (A district, B)", "X, A region", "X in the district of A": A and B contain X. A comma chain that goes on
    into "and" is a list of places ("Gaza, Rafah and Khan Younis"), not a chain of containers."""
    for index, place in enumerate(mentions):
        if place.is_demonym or all(candidate.place.feature in {"country", "continent"} for candidate in place.candidates):
            continue  # "migrants from Ethiopia in Sanjo": a country lies in no town
        chain: list[Mention] = []
        previous = place
        for following in mentions[index + 1 :]:
            if sentence_start(doc, following.start) != sentence_start(doc, place.start):
                break
            gap = doc_text(doc)[previous.span.end : following.span.start]
            if not _ADMIN_CHAIN_GAP.match(gap):
                if _LIST_GAP.match(gap) and gap.strip(" ,"):
                    chain = []  # "X, A and B": a list
                break
            chain.append(following)
            previous = following
        opened = doc_text(doc)[place.span.end : chain[0].span.start].rstrip().endswith("(") if chain else False
        named_kind = any(doc[container.end - 1].lower_ in AREA_NOUNS or _kind_after(doc, container) for container in chain)
        in_phrase = any(
            " in " in f" {doc_text(doc)[place.span.end : container.span.start]} "
            and any(candidate.place.feature in AREA_FEATURES | {"country"} for candidate in container.strong_candidates)
            for container in chain[:1]
        )
        # "Cruz Grande, Izalco, Sonsonate": a bare comma chain locates the place when it ends in a province or country.
        ends_in_area = bool(chain) and any(
            candidate.place.feature in {"admin1", "country"} for candidate in chain[-1].strong_candidates
        )
        part_of = bool(chain) and _PART_OF_GAP.match(doc_text(doc)[place.span.end : chain[0].span.start]) is not None
        if chain and (opened or named_kind or in_phrase or ends_in_area or part_of):
            for container in chain:
                if container.qualifies is None:
                    container.qualifies = place
                    container.locative = True
                    place.containers.append(container)


def _keep_within_containers(mention: Mention) -> bool:
    """Keeps only the candidates in a country of the areas said to contain the place; a place with none there is
    an unknown place whose namesake lies elsewhere ("Winder town (Las Bela district, Balochistan)" is no Winder in
    Georgia), and is dropped so that its containers locate the event."""
    per_container = []
    for container in mention.containers:
        if container.spelled:
            continue  # a loose spelling is itself still to be confirmed by the article's other names
        areas = [candidate for candidate in container.candidates if candidate.place.feature in AREA_FEATURES | {"country"}]
        per_container.append({candidate.place.country_iso2 for candidate in areas or container.candidates})
    if not per_container:
        return True
    # The areas of one chain lie in one country: "(Adjumani, Northern)" is Uganda's Northern, not Ghana's.
    countries = set.intersection(*per_container) or set.union(*per_container)
    within = [candidate for candidate in mention.candidates if candidate.place.country_iso2 in countries]
    if within:
        mention.candidates = within
        return True
    # "Russia, Ukraine": a country or a province under its own name is no namesake of a village; a province that
    # only shares a bare or alternate name ("El Beni" for "Beni city (Myagdi district)") is.
    return any(
        candidate.name_kind == NAME and candidate.place.feature in {"country", "admin1"} for candidate in mention.candidates
    )


def _kind_after(doc: Doc, mention: Mention) -> bool:
    return mention.end < len(doc) and doc[mention.end].lower_ in AREA_NOUNS - VAGUE_AREA_NOUNS


def _has_cue(mention: Mention, seen: set[int] | None = None) -> bool:
    """Locative context, its own or that of the list it is in ("near Dashkasan, Kalbajar and Lachin")."""
    if mention.locative or mention.qualifiers or mention.containers:
        return True
    seen = (seen or set()) | {id(mention)}
    return any(_has_cue(other, seen) for other in mention.list_neighbours if id(other) not in seen)


def _accept(mention: Mention, doc: Doc) -> bool:
    tokens = doc[mention.start : mention.end]
    if mention.container_label == "PERSON" and not mention.locative:
        return False
    if mention.is_demonym:
        return True  # the small model often calls them PERSON ("the Azerbaijani side")
    if mention.held_by_connector and not _prominent_part(mention):
        return False  # even when the model calls it GPE: it saw the part, not the whole name
    if mention.entity_label in {"GPE", "LOC", "FAC"}:
        return True
    if mention.entity_label is None and tokens[0].is_sent_start and not any(token.pos_ == "PROPN" for token in tokens):
        return False  # capitalised only because it opens the sentence ("Police said...")
    cue = _has_cue(mention)
    if mention.area_hint and mention.strong_candidates:
        return True
    if mention.in_unknown_place_name:
        return False
    if mention.fragment and not _title_case(doc, mention.start) and not _prominent_part(mention):
        return False  # a longer name the gazetteer lacks ("Al Jah", "Ywar Thit Kone"), not a namesake of its part
    if _in_admin_parenthetical(doc, mention.start) and (mention.strong_candidates or mention.prominent_by_any_name()):
        return True  # the model often swallows "Coalla (Coalla, Gnagna" into one ORG; "(Lattakia)" is a variant spelling
    if mention.container_label in {"GPE", "LOC"} and (cue or mention.prominent(population=20_000)):
        return True  # "Barisal city", "Pama," labelled as a whole
    if mention.container_label == "PERSON" and mention.prominent_by_any_name():
        return True  # governed by "in" (tested above), a sizeable town is the model's misreading as a person's name
    if mention.container_label is not None or mention.embedded:
        # Inside an organisation's, a building's or a headline's capitals: only a well-known place
        # ("Azerbaijan Defense Ministry", "Houston Police Department"), not "Cottonport" in "Cottonport Fire Station".
        return mention.prominent(population=500_000)
    if mention.entity_label in {"PERSON", "ORG", "NORP"}:
        # A whole multi-word name of a sizeable town is rarely a person's ("Khan Younis", labelled PERSON).
        multi_word_town = mention.end - mention.start > 1 and any(
            candidate.place.population >= 50_000 for candidate in mention.candidates
        )
        return cue or multi_word_town or any(
            candidate.place.feature in PROMINENT_FEATURES for candidate in mention.strong_candidates
        )
    if mention.entity_label is not None:
        return cue
    return cue or mention.prominent(population=20_000)


def _prominent_part(mention: Mention) -> bool:
    """Whether a part of a longer capitalised name still names a place by itself ("Donetsk People's Republic"):
    a well-known place under its own name. A direction is part of the longer name ("East Gojam", "West Darfur"),
    and an obscure alias ("Sant" of Haiti's Centre) says nothing."""
    if DIRECTION_WORDS.match(mention.span.text):
        return False
    return any(
        candidate.name_kind != ALIAS
        and (candidate.place.feature in PROMINENT_FEATURES or candidate.place.population >= 500_000)
        for candidate in mention.candidates
    )
