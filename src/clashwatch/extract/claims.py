"""Who says an event happened, whether they assert, allege or deny it, and whether it happened at all.

A reporting verb ("said", "accused", "rejected") or "according to" names a claimant: its subject, never the words of
a dateline. Pronouns and definite descriptions ("it said", "the ministry said", "the service said") and quotes that go
on from one sentence to the next take the previous sentence's claimant. Claimants are normalised to the body that
speaks: "Kyrgyzstan's border service" is the "Border Service of Kyrgyzstan", "Yerevan" the "Government of Armenia".
Denial verbs ("rejected Yerevan's claim that ...") make the stance DENIED, any other cue ALLEGED, no cue ASSERTED (the
reporter's own voice); where a sentence has several cues, the event's trigger picks the one whose words it is in.
Modality is read off the event's own clause: negation, modal verbs and "if" (hypothetical), "will" and
"plans/threatened to" (future), the past perfect outside reported speech and "ago" (historical).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Span as SentenceSpan
from spacy.tokens import Token

from clashwatch.extract.actors import (
    ACCUSING_LEMMAS,
    REPORTING_LEMMAS,
    actor_dictionary,
    in_dateline,
    noun_phrase_chars,
)
from clashwatch.extract.event_types import clause_verb
from clashwatch.nlp import doc_fact, doc_text, sentence_fact, span_text
from clashwatch.records import Span, Stance

_DENIAL_LEMMAS = frozenset({"deny", "reject", "dismiss", "refute"})
_HYPOTHETICAL_AUXILIARIES = frozenset({"could", "may", "might", "would", "should"})
_HYPOTHETICAL_MARKS = frozenset({"if", "unless"})
_FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll"})
_INTENT_LEMMAS = frozenset({"plan", "threaten", "vow", "intend", "aim", "prepare", "pledge", "promise", "seek"})
_HISTORICAL_ADVERBS = frozenset({"ago", "previously", "formerly", "once"})
# "has fought the government for more than 15 years", "have clashed repeatedly since 2020": a state of affairs over
# years, not a new deed.
_LONG_SPANS = frozenset({"year", "years", "decade", "decades"})
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_PRONOUNS = frozenset({"it", "he", "she", "they", "we", "i"})
# Capitalised nouns that, after "the", still point back at a claimant already named ("The Ministry said"); any
# common noun does ("the service said").
_ANAPHORIC_NOUNS = frozenset({"ministry", "army", "military", "statement", "group", "spokesman", "spokesperson", "official", "officials", "government", "police", "agency", "office", "department", "report", "service"})
_DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
# Heads of institutional claimants, named "<Body> of <Country>" ("Kyrgyzstan's border service").
_INSTITUTION_NOUNS = frozenset(
    "service ministry troops guard guards army military police forces committee agency office government presidency "
    "command staff council parliament embassy department administration authorities authority ombudsman mission "
    "headquarters".split()
)
_QUOTES = re.compile(r"[\"\u201c\u201d]")
# Offices whose ACLED-style normal form is "<office> of <Country>".
_OFFICES = (
    (re.compile(r"\b(defen[cs]e ministry|ministry of (national )?defen[cs]e|MoD)\b", re.IGNORECASE), "Ministry of Defence"),
    (re.compile(r"\b(interior ministry|ministry of (the )?interior|home ministry)\b", re.IGNORECASE), "Ministry of Interior"),
    (re.compile(r"\b(foreign ministry|ministry of foreign affairs|foreign office)\b", re.IGNORECASE), "Ministry of Foreign Affairs"),
    (re.compile(r"\b(general staff)\b", re.IGNORECASE), "General Staff of the Armed Forces"),
)


@dataclass
class Attribution:
    claimant: str | None = None  # normalised ("Ministry of Defence of Armenia"); None: the reporter / outlet
    claimant_iso3: str | None = None
    claimant_span: Span | None = None
    cue_span: Span | None = None  # "said", "accused", "rejected", "according to"
    stance: Stance = Stance.ASSERTED
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False


def _span(sent: SentenceSpan, start: int, end: int) -> Span:
    return Span.of(doc_text(sent.doc), start, end)


def _token_span(sent: SentenceSpan, first: Token, last: Token | None = None) -> Span:
    last = last or first
    return _span(sent, first.idx, last.idx + len(last.text))


_Cue = tuple[Token, Token | None, Token]  # (cue word, its subject, last token of the cue)


def _find_cue(sent: SentenceSpan, trigger: Token | None = None) -> _Cue | None:
    """The reporting construction that tells the event: the innermost one whose words hold ``trigger`` ("said X and
    rejected the claim that [trigger]"), else the main one, preferring the root."""
    candidates = _cues_of(sent)
    if not candidates:
        return None
    if trigger is not None:
        holding = [cue for cue in candidates if trigger in _scope(cue[0]) and trigger.i != cue[0].i]
        if holding:
            return min(holding, key=lambda cue: len(_scope(cue[0])))
        candidates = [cue for cue in candidates if _tells_from_outside(cue[0])]
        if not candidates:
            return None
    return min(candidates, key=lambda cue: (cue[0].dep_ != "ROOT", cue[0].i))


def _cues_of(sent: SentenceSpan) -> list[_Cue]:
    """Every reporting construction of ``sent``, read once per sentence: the sentence is attributed once for itself
    and once for each event it tells."""
    doc = sent.doc
    return [
        (doc[cue], None if subject is None else doc[subject], doc[end])
        for cue, subject, end in sentence_fact(sent, "reporting_cues", _cue_positions)
    ]


def _cue_positions(sent: SentenceSpan) -> list[tuple[int, int | None, int]]:
    """(cue word, its subject, last token of the cue) as token indices, which the Doc can keep."""
    found = []
    for token in sent:
        if token.lower_ == "according" and any(child.lower_ == "to" for child in token.children):
            to = next(child for child in token.children if child.lower_ == "to")
            source = next((child for child in to.children if child.dep_ == "pobj"), None)
            found.append((token.i, None if source is None else source.i, to.i))
        elif token.pos_ == "VERB" and token.lemma_.lower() in REPORTING_LEMMAS:
            subject = _subject_of(token)
            found.append((token.i, None if subject is None else subject.i, token.i))
    return found


def _tells_from_outside(cue: Token) -> bool:
    """Whether a reporting construction that does not hold the event's words still attributes it: "..., the
    ministry said" and "as the army said" do, "according to police" does; the actors' own statement in a participle
    or a second verb does not ("protested, saying they would continue": the protest is no claim about the future)."""
    if cue.lower_ == "according" or cue.dep_ == "parataxis":
        return True
    return cue.dep_ == "advcl" and any(child.dep_ == "nsubj" for child in cue.children)


def _scope(cue: Token) -> set[Token]:
    """The words a cue reports: a verb's dependents, or the clause that "according to" hangs from."""
    return set((cue.head if cue.lower_ == "according" else cue).subtree)


def _subject_of(verb: Token) -> Token | None:
    """Who speaks through ``verb``: its own subject outside the dateline, else (for "..., saying" or "and rejected")
    the subject of the verb it is attached to."""
    own = [child for child in verb.children if child.dep_ in {"nsubj", "nsubjpass"} and not in_dateline(child)]
    if own:
        return own[-1]
    governor = verb
    while governor.dep_ in {"advcl", "conj", "xcomp", "ccomp"} and governor.head.i != governor.i:
        governor = governor.head
        inherited = [child for child in governor.children if child.dep_ == "nsubj" and not in_dateline(child)]
        if inherited:
            return inherited[-1]
    return None


def _event_head(sent: SentenceSpan, cue: Token | None) -> Token:
    """The verb of the reported event: the cue's clausal complement ("said that X attacked"), else the root."""
    if cue is not None:
        lemma = cue.lemma_.lower()
        for child in cue.children:
            if child.dep_ in {"ccomp", "xcomp"} and child.pos_ in {"VERB", "AUX"}:
                return child
            if child.dep_ == "prep" and lemma in ACCUSING_LEMMAS:
                clause = next((grand for grand in child.children if grand.dep_ == "pcomp"), None)
                if clause is not None:
                    return clause
            if child.dep_ == "dobj" and lemma in _DENIAL_LEMMAS:
                clause = next((grand for grand in child.children if grand.dep_ in {"acl", "ccomp", "relcl"}), None)
                if clause is not None:
                    return clause
        if cue.head.i != cue.i and cue.dep_ in {"parataxis", "advcl"}:
            return cue.head  # "... attacked the town, the ministry said" parsed with the cue hanging off the event
        if cue.dep_ == "ROOT" and cue.lemma_.lower() not in ACCUSING_LEMMAS | _DENIAL_LEMMAS:
            clause = next((child for child in cue.children if child.dep_ in {"ccomp", "parataxis"}), None)
            if clause is not None:
                return clause
    return sent.root


def _trigger_token(sent: SentenceSpan, trigger: Span | None) -> Token | None:
    if trigger is None or not sent.start_char <= trigger.start < sent.end_char:
        return None
    tokens = sent.doc.char_span(trigger.start, min(trigger.end, sent.end_char), alignment_mode="expand")
    return tokens.root if tokens is not None and len(tokens) else None


def _inside_quote(sent: SentenceSpan) -> bool:
    """True when the sentence goes on a quotation begun earlier in the same paragraph."""
    text = doc_text(sent.doc)
    paragraph_start = text.rfind("\n", 0, sent.start_char) + 1
    before = text[paragraph_start : sent.start_char]
    opened = len(_QUOTES.findall(before)) % 2 == 1
    continues = bool(before.strip()) and bool(_QUOTES.match(span_text(sent).lstrip()))
    return opened or continues


def _refers_back(subject: Token) -> bool:
    """ "it", "the ministry", "the service": a subject that names no one new points back at an earlier claimant;
    a described one ("the regional governor") is a new claimant."""
    if subject.lower_ in _PRONOUNS:
        return True
    determiners = {child.lower_ for child in subject.children if child.dep_ == "det"}
    bare = all(child.dep_ in {"det", "punct"} for child in subject.children)
    common = subject.pos_ == "NOUN" or subject.lower_ in _ANAPHORIC_NOUNS
    return bool(determiners & _DEFINITE_DETERMINERS) and common and bare


def _normalise_claimant(text: str) -> tuple[str, str | None]:
    lexicon = actor_dictionary()
    bare = re.sub(r"^(the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE)
    capital = lexicon.capital_country(bare)
    if capital is not None:
        return f"Government of {lexicon.country_name(capital)}", capital  # "Yerevan said", "the Kremlin said"
    iso3 = lexicon.country_in(text)
    country = lexicon.country_name(iso3)
    for pattern, office in _OFFICES:
        if pattern.search(text):
            return (f"{office} of {country}" if country else office), iso3
    countries = sorted(lexicon.find_countries(bare))
    if any(start == 0 and end == len(bare) for start, end, _ in countries):
        return f"Government of {country}", iso3  # "the United States said": the country speaks through its government
    if countries and countries[0][0] == 0:
        body = re.sub(r"^(['’]s)?\s+", "", bare[countries[0][1] :])
        words = body.split()
        if words and words[-1].lower() in _INSTITUTION_NOUNS and "of" not in (word.lower() for word in words):
            return f"{' '.join(word[:1].upper() + word[1:] for word in words)} of {country}", iso3
    return bare, iso3


def _claimant_chars(subject: Token) -> tuple[int, int]:
    """The subject phrase with its "of"/"for" complements ("The Ministry of Defense for Azerbaijan"), without clauses."""
    start, end = noun_phrase_chars(subject)
    for child in subject.rights:
        if child.dep_ in {"prep", "compound", "appos"}:
            end = max(end, child.right_edge.idx + len(child.right_edge.text))
    return start, end


def _clause_modality(sent: SentenceSpan, head: Token, reported: bool = False) -> dict[str, bool]:
    """``_modality``, kept in the Doc: a sentence is attributed once for itself and once per event it tells, mostly
    at the same clause."""
    name = "reported_modality" if reported else "modality"
    return dict(doc_fact(sent.doc, name, head.i, lambda: _modality(sent, head, reported)))


def _modality(sent: SentenceSpan, head: Token, reported: bool = False) -> dict[str, bool]:
    """Negation, conjecture, futurity and pastness of the event clause at ``head``; in ``reported`` speech the past
    perfect is the reporter's tense shift ("said Armenia had attacked"), not an earlier period."""
    children = list(head.children)
    auxiliaries = {child.lower_ for child in children if child.dep_ in {"aux", "auxpass"}}
    # only words tagged as modals: "missing since 7 May blocked the road" parses the month as an auxiliary
    modals = {child.lower_ for child in children if child.dep_ == "aux" and child.tag_ == "MD"}
    marks = {child.lower_ for child in children if child.dep_ == "mark"}
    ancestors = list(head.ancestors)
    negated = any(child.dep_ == "neg" for child in children)
    hypothetical = bool(modals & _HYPOTHETICAL_AUXILIARIES or marks & _HYPOTHETICAL_MARKS) or any(
        {grand.lower_ for grand in ancestor.children if grand.dep_ == "mark"} & _HYPOTHETICAL_MARKS
        for ancestor in ancestors[:1]
        if head.dep_ == "advcl"
    )
    intent = (head.dep_ == "xcomp" and head.head.lemma_.lower() in _INTENT_LEMMAS) or (
        head.lemma_.lower() in _INTENT_LEMMAS and any(child.dep_ == "xcomp" for child in children)
    )
    future = bool(modals & _FUTURE_AUXILIARIES) or intent or _going_to(head)
    past_perfect = "had" in auxiliaries and head.tag_ == "VBN" and not reported
    # An adverb that modifies the clause lies in its subtree, so the sentence's few such adverbs are all to test.
    historical = past_perfect or _long_running(head, auxiliaries) or any(
        _modifies(head.doc[index], head) for index in sentence_fact(sent, "historical_adverbs", _historical_adverbs)
    )
    return {"negated": negated, "hypothetical": hypothetical, "future": future, "historical": historical}


def _historical_adverbs(sent: SentenceSpan) -> tuple[int, ...]:
    return tuple(token.i for token in sent if token.lower_ in _HISTORICAL_ADVERBS)


def _modifies(adverb: Token, head: Token) -> bool:
    """Whether ``adverb`` qualifies the clause at ``head`` itself, through adverbial links only: "ago" in "attacked
    two years ago" does, not in "a student who went missing two years ago" nor "the arrest seven months ago"."""
    token = adverb
    while token.i != head.i:
        if token.dep_ not in {"advmod", "npadvmod"} or token.head.i == token.i:
            return False
        token = token.head
    return True


def _long_running(head: Token, auxiliaries: set[str]) -> bool:
    """The present perfect over years: "for (more than) N years", "for decades", "since 2020"."""
    if not auxiliaries & {"has", "have", "'ve"} or head.tag_ != "VBN":
        return False
    for preposition in head.children:
        if preposition.dep_ != "prep" or preposition.lower_ not in {"for", "since"}:
            continue
        for obj in preposition.children:
            if obj.dep_ != "pobj":
                continue
            if obj.lower_ in _LONG_SPANS if preposition.lower_ == "for" else _YEAR.match(obj.text):
                return True
    return False


def _going_to(head: Token) -> bool:
    governor = head.head
    return head.dep_ == "xcomp" and governor.lower_ == "going" and any(child.lemma_ == "be" for child in governor.children)


def attribute(sent: SentenceSpan, previous: Attribution | None, trigger: Span | None = None) -> Attribution:
    """The claimant, stance and modality of the event told in ``sent``; ``previous`` is the prior sentence's.

    ``trigger`` (article offsets), when given, is the event's trigger: in a sentence with several cues it picks the
    one that reports this event."""
    trigger_token = _trigger_token(sent, trigger)
    cue = _find_cue(sent, trigger_token)
    if cue is None:
        modality = _clause_modality(sent, sent.root if trigger_token is None else clause_verb(trigger_token))
        if previous is not None and previous.claimant is not None and _inside_quote(sent):
            return replace(previous, cue_span=None, **modality)
        return Attribution(**modality)
    verb, subject, cue_end = cue
    modality = _clause_modality(sent, _event_head(sent, verb), reported=True)
    stance = Stance.DENIED if verb.lemma_.lower() in _DENIAL_LEMMAS else Stance.ALLEGED
    cue_span = _token_span(sent, verb, cue_end)
    if subject is None or _refers_back(subject):
        if previous is None or previous.claimant is None:
            return Attribution(cue_span=cue_span, stance=stance, **modality)
        return Attribution(previous.claimant, previous.claimant_iso3, previous.claimant_span, cue_span, stance, **modality)
    start, end = _claimant_chars(subject)
    claimant_text = doc_text(sent.doc)[start:end]
    claimant, iso3 = doc_fact(sent.doc, "claimant", f"{start}:{end}", lambda: _normalise_claimant(claimant_text))
    return Attribution(claimant, iso3, _span(sent, start, end), cue_span, stance, **modality)
