"""The event coder: one article in, its coded events out.

Each step of coding lives in its own module (event_types, actors, places, dates, casualties, claims); this module only
walks the article sentence by sentence and assembles their answers into ``Event`` records, each carrying one ``Claim``
(this article's report of the event) and the evidence span of every field it filled.

Order matters where steps inform each other: the claimant's country tells the actor step whose "positions" were hit;
actors' countries help choose among candidate places; the chosen place's country names the generic actors
("Protesters (Pakistan)").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SentenceSpan

from clashwatch.extract.actors import Actor, ActorContext, ActorRoles, actor_dictionary, find_actors
from clashwatch.extract.casualties import Casualties, count_casualties
from clashwatch.extract.claims import Attribution, attribute
from clashwatch.extract.dates import EventTime, date_event, find_time_expressions, publication_date
from clashwatch.extract.codebook import Sides, armed_stand_in, constrain, drops_actor2
from clashwatch.extract.event_types import (
    CASUALTY_REPORT_SCORE,
    EventClassifier,
    EventMention,
    graver_sub_event,
    load_classifier,
    make_mention,
    participant_kinds,
)
from clashwatch.extract.places import Geoparser, Toponym, event_locations
from clashwatch.ingest.dateline import apply_dateline
from clashwatch.link.resolve import PLACE_FIELDS, copy_fields
from clashwatch.link.resolve import resolve as resolve_reports
from clashwatch.limits import InputRejected, check_article_size
from clashwatch.limits import max_article_bytes as max_article_bytes_setting
from clashwatch.nlp import doc_text, load_pipeline, parse_texts, sentences
from clashwatch.records import Article, Claim, Event, Span, Stance, interaction_code

# Fields that, when both reports of one article fill them differently, mean two events rather than one.
_DISTINGUISHING_FIELDS = ("event_date", "geonameid", "location")


@dataclass
class _SentenceContext:
    """What the coder knows about one sentence before turning its event mentions into events."""

    sentence: SentenceSpan
    span: Span
    attribution: Attribution
    when: EventTime
    casualties: Casualties


class EventCoder:
    """Codes articles into events. Build it once: it holds the spaCy pipeline, classifier and gazetteer."""

    def __init__(
        self,
        nlp: Language | None = None,
        classifier: EventClassifier | None = None,
        geoparser: Geoparser | None = None,
        model_path: Path | None = None,
        max_article_bytes: int | None = None,
    ) -> None:
        self.nlp = nlp or load_pipeline()
        self.max_article_bytes = max_article_bytes or max_article_bytes_setting()
        self.classifier = classifier or load_classifier(model_path)
        self.geoparser = geoparser or Geoparser()

    def code(self, article: Article) -> list[Event]:
        """The article's events; raises ``InputRejected`` for a text over ``max_article_bytes``."""
        return self.code_doc(article, self.parse(article.text))

    def parse(self, text: str) -> Doc:
        """The whole text as one Doc, however long (see ``clashwatch.nlp.parse_texts``), within the size cap."""
        check_article_size(text, self.max_article_bytes)
        return next(parse_texts(self.nlp, [(text, None)]))[0]

    def code_many(
        self, articles: Iterable[Article], batch_size: int = 32, n_process: int = 1
    ) -> Iterator[tuple[Article, list[Event]]]:
        """Codes a stream of articles, parsing them in batches (spaCy is faster that way) in ``n_process`` parsing
        processes (coding itself stays in this one); raises ``InputRejected`` on reaching an article over the size
        cap, after yielding those before it."""

        def checked() -> Iterator[tuple[str, tuple[Article, InputRejected | None]]]:
            # An oversized text is not parsed; its refusal is raised when its turn comes, after those before it.
            for article in articles:
                try:
                    check_article_size(article.text, self.max_article_bytes)
                except InputRejected as refusal:
                    yield "", (article, refusal)
                else:
                    yield article.text, (article, None)

        for doc, (article, refusal) in parse_texts(self.nlp, checked(), batch_size=batch_size, n_process=n_process):
            if refusal is not None:
                raise refusal
            yield article, self.code_doc(article, doc)

    def code_doc(self, article: Article, doc: Doc) -> list[Event]:
        complete_article_metadata(article)
        expressions = find_time_expressions(article.text, article.published or _collected_date(article))
        vouching = _organisation_countries(doc_text(doc), article.published)
        toponyms = self.geoparser.find_toponyms(doc, vouching)
        # With no place named at all, the country of the groups and unions named ("FO and CFTC workers ...").
        article_country = _main_country(toponyms) or _most_common(vouching)

        events: list[Event] = []
        attribution: Attribution | None = None
        last_time: EventTime | None = None
        for sentence in sentences(doc):
            previous_attribution, attribution = attribution, attribute(sentence, attribution)
            mentions = self.classifier.classify(sentence)
            casualties = count_casualties(sentence)
            if (violent := _is_toll_update(sentence, mentions, casualties, events, toponyms)) is not None:
                _add_toll(violent, casualties)
                continue
            if _is_protest_intervention(sentence, mentions, events, toponyms):
                events[-1].sub_event_type = graver_sub_event(events[-1].sub_event_type, "Protest with intervention")
                events[-1].add_evidence("sub_event_type", mentions[0].trigger)
                continue
            if not mentions:
                continue
            span = Span.of(article.text, sentence.start_char, sentence.end_char)
            when = date_event(span, expressions, article.published, last_time)
            if not when.is_background:
                last_time = when
            context = _SentenceContext(sentence, span, attribution, when, casualties)
            for mention in mentions:
                # A sentence can carry two reporting verbs ("said X ... and rejected the claim that Y"): the one
                # whose words hold the event decides who claims it.
                claimed = replace(context, attribution=attribute(sentence, previous_attribution, trigger=mention.trigger))
                if claimed.attribution.future or claimed.attribution.hypothetical:
                    continue  # threats, plans and conjecture are not events
                events.extend(self._code_mention(article, claimed, mention, toponyms, article_country))
        return _merge_happenings(_merge_repeated_mentions(events))

    def _code_mention(
        self,
        article: Article,
        context: _SentenceContext,
        mention: EventMention,
        toponyms: list[Toponym],
        article_country: str | None,
    ) -> list[Event]:
        def roles_in(country_iso3: str | None, typed: EventMention = mention) -> ActorRoles:
            return find_actors(
                context.sentence,
                typed.event_type,
                typed.sub_event_type,
                ActorContext(
                    country_iso3=country_iso3,
                    claimant_iso3=context.attribution.claimant_iso3,
                    event_date=context.when.date,
                ),
            )

        roles = roles_in(article_country)
        actor_countries = [actor.iso3 for actor in _actors(roles) if actor.iso3]
        places = event_locations(context.sentence, toponyms, actor_countries)
        place_country = places[0].country_iso3 if places else None
        if place_country and place_country != article_country:
            # Generic actors ("Protesters (X)") take the country where the event happened.
            roles = roles_in(place_country)
        country = place_country or article_country
        mention, roles = _apply_codebook(
            mention, roles, context.sentence, context.casualties, lambda retyped: roles_in(country, retyped)
        )
        events = []
        for index, place in enumerate(places or [None]):
            # Fatalities go to the first place only: splitting a total over places would invent figures.
            casualties = context.casualties if index == 0 else Casualties(None, None, None, None, {})
            event = _build_event(article, context, mention, roles, place, casualties)
            if place is None and event.iso3:
                # No place named, but its actors are a country's ("Police Forces of Nepal"): ACLED's country is theirs.
                event.country = self.geoparser.country_name(event.iso3)
            events.append(event)
        return events


def _apply_codebook(
    mention: EventMention,
    roles: ActorRoles,
    sentence: SentenceSpan,
    casualties: Casualties,
    find_roles: Callable[[EventMention], ActorRoles],
) -> tuple[EventMention, ActorRoles]:
    """ACLED's rules on an event's sides (``extract/codebook.py``): a retyped event has its actors found again for
    its new type ("Civilians" who fight police become "Rioters"); civilians left as a side of a battle are the
    unidentified armed group the deed says fought; a peaceful protest keeps no second actor."""
    trigger = sentence.doc.char_span(mention.trigger.start, mention.trigger.end, alignment_mode="expand")
    doers, victims = participant_kinds(trigger.root) if trigger is not None and len(trigger) else (set(), set())
    ruling = constrain(
        mention.sub_event_type,
        Sides(
            roles.actor1.inter if roles.actor1 else None,
            roles.actor2.inter if roles.actor2 else None,
            crowd_doers="crowd" in doers,
            civilian_victims="civilian" in victims,
            casualties=bool(casualties.fatalities or casualties.injuries),
        ),
    )
    if ruling.sub_event_type != mention.sub_event_type:
        mention = make_mention(ruling.sub_event_type, mention.trigger, mention.score, mention.weapons)
        roles = find_roles(mention)
    for side in ruling.armed_sides:
        civilians = getattr(roles, side)
        name, inter = armed_stand_in()
        country = civilians.name[civilians.name.find("(") :] if "(" in civilians.name else ""
        roles = replace(roles, **{side: replace(civilians, name=f"{name} {country}".strip(), inter=inter)})
    if drops_actor2(mention.sub_event_type):
        roles = replace(roles, actor2=None, assoc_actor_2=[])
    return mention, roles


def complete_article_metadata(article: Article) -> None:
    """Fills the dateline, outlet and publication date an article's metadata did not give."""
    if article.dateline is None:
        apply_dateline(article)
    if article.published is None:
        published = publication_date(article)
        article.published = published.date
        article.published_inferred = published.inferred


# At or below this confidence a violent mention is a bare count of victims, or the classifier's generic reading
# of a killing: it names no deed of its own.
_GENERIC_MENTION_SCORE = 0.55
_VIOLENT_EVENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})


def _names_new_place(sentence: SentenceSpan, toponyms: list[Toponym], known: Event) -> bool:
    return any(
        sentence.start_char <= toponym.span.start < sentence.end_char and toponym.geonameid != known.geonameid
        for toponym in toponyms
    )


def _is_toll_update(
    sentence: SentenceSpan,
    mentions: list[EventMention],
    casualties: Casualties,
    events: list[Event],
    toponyms: list[Toponym],
) -> Event | None:
    """The violent event whose toll this sentence gives, if it only counts the dead or wounded, naming no new place
    and no other kind of event ("Four militants were killed in the encounter.")."""
    if casualties.fatalities is None and casualties.injuries is None:
        return None
    previous = next((event for event in reversed(events) if event.event_type in _VIOLENT_EVENT_TYPES), None)
    if previous is None or previous.is_background:
        return None
    if _names_new_place(sentence, toponyms, previous) and any(mention.score > CASUALTY_REPORT_SCORE for mention in mentions):
        return None
    if all(
        mention.event_type in _VIOLENT_EVENT_TYPES
        and (mention.score <= _GENERIC_MENTION_SCORE or mention.event_type == previous.event_type)
        for mention in mentions
    ):
        return previous
    return None


def _is_protest_intervention(
    sentence: SentenceSpan, mentions: list[EventMention], events: list[Event], toponyms: list[Toponym]
) -> bool:
    """Arrests told right after a protest, at no new place, are the authorities' intervention in that protest."""
    return (
        bool(mentions)
        and all(mention.sub_event_type == "Arrests" for mention in mentions)
        and bool(events)
        and events[-1].event_type == "Protests"
        and not _names_new_place(sentence, toponyms, events[-1])
    )


def _add_toll(event: Event, casualties: Casualties) -> None:
    _keep_larger_count(event, "fatalities", casualties.fatalities, [casualties.fatalities_span])
    _keep_larger_count(event, "injuries", casualties.injuries, [casualties.injuries_span])
    event.claims[0].version = claim_version(event)


def _keep_larger_count(event: Event, count: str, value: int | None, spans: list[Span | None]) -> None:
    """Later figures for one event usually update its toll: the larger count wins, with its own evidence."""
    if (value or 0) > (getattr(event, count) or 0):
        setattr(event, count, value)
        event.evidence[count] = [span for span in spans if span is not None]


def _collected_date(article: Article) -> date | None:
    return article.collected.date() if article.collected else None


def _organisation_countries(text: str, when: date | None) -> list[str]:
    """The home countries of the armed groups, parties and unions a text names: they vouch for their country among
    a place's namesakes ("Al Shabaab ... near Balcad", "UGT and CCOO members gathered in Cordoba")."""
    dictionary = actor_dictionary()
    groups = [actor.iso3 for _, _, actor in dictionary.find_groups(text, None, when) if actor.iso3]
    return groups + [iso3 for _, _, iso3 in dictionary.find_national_organisations(text)]


def _main_country(toponyms: list[Toponym]) -> str | None:
    return _most_common(toponym.country_iso3 for toponym in toponyms if toponym.country_iso3)


def _most_common(values: Iterable[str]) -> str | None:
    counts = Counter(values)
    return counts.most_common(1)[0][0] if counts else None


def _actors(roles: ActorRoles) -> list[Actor]:
    primary = [actor for actor in (roles.actor1, roles.actor2) if actor is not None]
    return primary + roles.assoc_actor_1 + roles.assoc_actor_2


def _joined(actors: list[Actor]) -> str | None:
    return "; ".join(actor.name for actor in actors) or None


def _build_event(
    article: Article,
    context: _SentenceContext,
    mention: EventMention,
    roles: ActorRoles,
    place: Toponym | None,
    casualties: Casualties,
) -> Event:
    attribution, when = context.attribution, context.when
    actor1, actor2 = roles.actor1, roles.actor2
    event = Event(
        event_date=when.date,
        time_precision=when.precision,
        date_start=when.start,
        date_end=when.end,
        event_type=mention.event_type,
        sub_event_type=mention.sub_event_type,
        disorder_type=mention.disorder_type,
        cameo_code=mention.cameo_code,
        plover=mention.plover,
        weapons=sorted({weapon.text.lower() for weapon in mention.weapons}),
        actor1=actor1.name if actor1 else None,
        actor1_iso3=actor1.iso3 if actor1 else None,
        inter1=actor1.inter if actor1 else None,
        assoc_actor_1=_joined(roles.assoc_actor_1),
        actor2=actor2.name if actor2 else None,
        actor2_iso3=actor2.iso3 if actor2 else None,
        inter2=actor2.inter if actor2 else None,
        assoc_actor_2=_joined(roles.assoc_actor_2),
        target=roles.target.text if roles.target else None,
        fatalities=casualties.fatalities or 0,
        injuries=casualties.injuries,
        is_background=when.is_background or attribution.historical,
    )
    event.interaction = interaction_code(event.inter1, event.inter2)
    if place is not None:
        _place_event(event, place)
    else:
        event.iso3 = event.actor1_iso3 or event.actor2_iso3

    event.add_evidence("event_type", mention.trigger)
    event.add_evidence("sub_event_type", mention.trigger)
    event.add_evidence("weapons", *mention.weapons)
    event.add_evidence("actor1", actor1.span if actor1 else None)
    event.add_evidence("actor2", actor2.span if actor2 else None)
    event.add_evidence("assoc_actor_1", *(actor.span for actor in roles.assoc_actor_1))
    event.add_evidence("assoc_actor_2", *(actor.span for actor in roles.assoc_actor_2))
    event.add_evidence("target", roles.target)
    event.add_evidence("event_date", *when.evidence)
    event.add_evidence("fatalities", casualties.fatalities_span)
    event.add_evidence("injuries", casualties.injuries_span)
    event.add_evidence("claimed_by", attribution.claimant_span, attribution.cue_span)
    event.add_evidence("sentence", context.span)
    event.claims.append(_claim(article, context, event))
    return event


def _place_event(event: Event, place: Toponym) -> None:
    event.location = place.name
    event.latitude = place.latitude
    event.longitude = place.longitude
    event.geonameid = place.geonameid
    event.country = place.country
    event.iso3 = place.country_iso3
    event.admin1 = place.admin1
    event.admin2 = place.admin2
    event.geo_precision = place.geo_precision
    event.feature_precision = place.feature
    event.add_evidence("location", place.span, place.relative)


def _claim(article: Article, context: _SentenceContext, event: Event) -> Claim:
    attribution = context.attribution
    stance = attribution.stance
    if attribution.negated and stance is Stance.ASSERTED and attribution.claimant is not None:
        stance = Stance.DENIED
    return Claim(
        article_id=article.id,
        claimant=attribution.claimant,
        stance=stance,
        claimant_span=attribution.claimant_span,
        cue_span=attribution.cue_span,
        negated=attribution.negated,
        hypothetical=attribution.hypothetical,
        future=attribution.future,
        historical=attribution.historical or context.when.is_background,
        outlet=article.outlet,
        published=article.published,
        version=claim_version(event),
        evidence=[context.span],
    )


def claim_version(event: Event) -> dict:
    """The facts of an event as one claim tells them, kept beside the claim so disagreements stay visible."""
    return {
        "event_date": event.event_date.isoformat() if event.event_date else None,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "actor2": event.actor2,
        "location": event.location,
        "fatalities": event.fatalities,
        "injuries": event.injuries,
    }


def _same_report(first: Event, second: Event) -> bool:
    """Two mentions in one article are one report when the same party tells of the same kind of event, with no
    field that sets them apart (a later sentence often adds the place or the weapons of the first)."""
    first_claim, second_claim = first.claims[0], second.claims[0]
    if (first_claim.claimant, first_claim.stance) != (second_claim.claimant, second_claim.stance):
        return False
    if first.event_type != second.event_type or first.is_background != second.is_background:
        return False
    same_facts = all(
        getattr(first, name) is None or getattr(second, name) is None or getattr(first, name) == getattr(second, name)
        for name in _DISTINGUISHING_FIELDS
    )
    # The sides of a fight are often named in either order ("X clashed with Y", "Y returned fire on X").
    first_sides = {first.actor1, first.actor2} - {None}
    second_sides = {second.actor1, second.actor2} - {None}
    return same_facts and (first_sides <= second_sides or second_sides <= first_sides)


def _merge_repeated_mentions(events: list[Event]) -> list[Event]:
    merged: list[Event] = []
    for event in events:
        earlier = next((kept for kept in merged if _same_report(kept, event)), None)
        if earlier is None:
            merged.append(event)
            continue
        _absorb(earlier, event)
    for index, event in enumerate(merged):
        event.id = f"{event.claims[0].article_id}-{index}"
    return merged


# Sides that name no one in particular: they neither tell two happenings apart nor tie them together.
_GENERIC_SIDES = ("Unidentified", "Civilians", "Protesters", "Rioters")


def _merge_happenings(events: list[Event]) -> list[Event]:
    """One event per happening: the reports of one deed by different claimants ("the army said ...", "the group
    said it overran ..."), or a later sentence telling of it again without a place of its own ("killed in the
    fighting"), become one event with every claim, as the link stage joins reports from several articles."""
    happenings: list[list[Event]] = []
    for event in events:
        happening = next((reports for reports in happenings if all(_same_happening(r, event) for r in reports)), None)
        if happening is None:
            happenings.append([event])
        else:
            happening.append(event)
    merged = [reports[0] if len(reports) == 1 else _resolve_happening(reports) for reports in happenings]
    for index, event in enumerate(merged):
        event.id = f"{event.claims[0].article_id}-{index}"
    return merged


def _resolve_happening(reports: list[Event]) -> Event:
    event = resolve_reports(reports, reports[0].id)
    for report in reports:
        # Spans of no single field (the sentences, who claimed it) belong to the happening from every report.
        for name, spans in report.evidence.items():
            if name not in Event.__dataclass_fields__:
                event.add_evidence(name, *spans)
    if not _placed_by_its_sentence(event):
        # A place the article names for this deed beats the article's main place, however precise that is.
        placed = [report for report in reports if _placed_by_its_sentence(report)]
        if placed:
            copy_fields(event, min(placed, key=lambda report: report.geo_precision or 9), PLACE_FIELDS)
    return event


def _same_happening(first: Event, second: Event) -> bool:
    if first.is_background or second.is_background:
        return False
    same_kind = first.event_type == second.event_type or {first.event_type, second.event_type} <= _VIOLENT_EVENT_TYPES
    if "Battles" in {first.event_type, second.event_type} and (_civilian_side(first) or _civilian_side(second)):
        return False  # the merged fight would take civilians as a side, which the codebook forbids
    return same_kind and _dates_overlap(first, second) and _places_agree(first, second) and _sides_agree(first, second)


def _civilian_side(event: Event) -> bool:
    return any(side and side.startswith("Civilians") for side in (event.actor1, event.actor2))


def _dates_overlap(first: Event, second: Event) -> bool:
    if first.event_date is None or second.event_date is None:
        return True
    return (first.date_start or first.event_date) <= (second.date_end or second.event_date) and (
        second.date_start or second.event_date
    ) <= (first.date_end or first.event_date)


def _places_agree(first: Event, second: Event) -> bool:
    """The same place, or one of the two only has the article's main place, its own sentence naming none."""
    if first.geonameid == second.geonameid or not (_placed_by_its_sentence(first) and _placed_by_its_sentence(second)):
        return first.iso3 == second.iso3 or None in (first.iso3, second.iso3)
    return False


def _placed_by_its_sentence(event: Event) -> bool:
    told_in = event.evidence.get("sentence", [])
    places = event.evidence.get("location", [])
    return any(sentence.start <= place.start < sentence.end for place in places for sentence in told_in)


def _sides_agree(first: Event, second: Event) -> bool:
    """A side in common, or one of the two names only generic sides ("Unidentified Armed Group", "Civilians"); and
    never two different doers: each side accusing the other ("Armenia said Azerbaijani forces shelled ...", "it
    accused Armenia of shelling ...") tells two versions that stay two events."""
    first_doer, second_doer = _named(first.actor1), _named(second.actor1)
    if first_doer and second_doer and first_doer != second_doer:
        return False
    first_sides = {side for side in (first_doer, _named(first.actor2)) if side}
    second_sides = {side for side in (second_doer, _named(second.actor2)) if side}
    return not first_sides or not second_sides or bool(first_sides & second_sides)


def _named(side: str | None) -> str | None:
    """The side, unless it names no one in particular."""
    return side if side and not side.startswith(_GENERIC_SIDES) else None


def _absorb(kept: Event, other: Event) -> None:
    """Fills ``kept``'s empty fields from ``other`` and keeps all evidence; the larger casualty count wins, since
    repeated mentions in one report usually update the toll."""
    for name in Event.__dataclass_fields__:
        if name in ("claims", "evidence", "id", "weapons"):
            continue
        if getattr(kept, name) is None and getattr(other, name) is not None:
            setattr(kept, name, getattr(other, name))
            kept.evidence[name] = list(other.evidence.get(name, []))
    for count in ("fatalities", "injuries"):
        _keep_larger_count(kept, count, getattr(other, count), other.evidence.get(count, []))
    kept.sub_event_type = graver_sub_event(kept.sub_event_type, other.sub_event_type)
    kept.weapons = sorted(set(kept.weapons) | set(other.weapons))
    for name, spans in other.evidence.items():
        kept.add_evidence(name, *spans)
    kept.interaction = interaction_code(kept.inter1, kept.inter2)
    kept.claims[0] = replace(
        kept.claims[0],
        version=claim_version(kept),
        evidence=kept.claims[0].evidence + [span for span in other.claims[0].evidence if span not in kept.claims[0].evidence],
    )
