"""One event from many reports: every claim kept, headline fields chosen by a conservative rule.

The linked event keeps every report's claim (``Claim.version`` holds what that claim says: who attacked whom,
when, where, how many died). It is ``contested`` when the claims disagree on who attacked whom (the ordered
actor pair), on the death toll, or on whether it happened at all (a denial beside assertions).

Headline fields follow the most authoritative claim, ranked:
1. the reporter's own assertion (no claimant, stance asserted);
2. a claimant that is not a party to the event (a third government, a monitor), asserted or alleged;
3. a party's allegation (a warring side telling of the other side's attack);
4. a denial, which never supplies the headline.
Ties go to the earliest published report, then the smaller article id. From that report come the type, the
actors and the remaining fields; then:
- place: the most precisely geocoded report (ACLED geo precision 1 before 2 before 3), same ranking on ties;
- date: the most precise report (time precision 1 before 2 before 3), same ranking on ties;
- fatalities and injuries: the lowest figure reported by a source not party to the event, else the lowest
  figure reported by anyone. A zero counts as "no figure given" (the coder writes 0 when a report states none),
  so it never undercuts a stated toll. Lowest, because parties inflate the other side's losses and the lowest
  figure is the one most sources would sign;
- weapons: every weapon any report names;
- fields still empty are filled from the other reports in ranking order.
``Event.evidence`` of a field holds the spans of the report that supplied it; each claim keeps its own evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date

import pycountry

from clashwatch.records import Claim, Event, Stance

PLACE_FIELDS = ("location", "latitude", "longitude", "geonameid", "country", "iso3", "admin1", "admin2",
                "geo_precision", "feature_precision")
DATE_FIELDS = ("event_date", "time_precision", "date_start", "date_end")
COUNT_FIELDS = ("fatalities", "injuries")
_NOT_COPIED = {"claims", "evidence", "id", "contested", "weapons"}

# Words that name an institution's kind rather than its side: "Armenia's defense ministry" is involved through
# "Armenia", not through "ministry".
_GENERIC_WORDS = frozenset(
    "the of and for its his her their forces force military army armed ministry defense defence government "
    "police security state national republic spokesman spokesperson official officials office statement said "
    "unidentified group groups militia militias civilians civilian protesters rioters people".split()
)
# Hyphens split words: "Al-Shabaab" and "Al Shabaab" are one group.
_WORD = re.compile(r"[A-Za-z][A-Za-z']+")


def _stems(text: str | None) -> set[str]:
    """Six-letter stems of the distinctive words: "Armenian" and "Armenia" share "armeni"."""
    words = (word.lower().removesuffix("'s") for word in _WORD.findall(text or ""))
    return {word[:6] for word in words if len(word) >= 4 and word not in _GENERIC_WORDS}


def _party_stems(reports: list[Event]) -> set[str]:
    stems: set[str] = set()
    for report in reports:
        for name in (report.actor1, report.actor2):
            stems |= _stems(name)
        for code in (report.actor1_iso3, report.actor2_iso3):
            country = pycountry.countries.get(alpha_3=code) if code else None
            if country is not None:
                stems |= _stems(country.name)
        for claim in report.claims:
            stems |= _stems(claim.version.get("actor1")) | _stems(claim.version.get("actor2"))
    return stems


def is_involved(claim: Claim, party_stems: set[str]) -> bool:
    """Whether the claimant is one of the event's parties (or speaks for one)."""
    return claim.claimant is not None and bool(_stems(claim.claimant) & party_stems)


def authority(claim: Claim, party_stems: set[str]) -> int:
    """0 reporter's assertion, 1 non-party claimant, 2 a party's allegation, 3 a denial (see module docstring)."""
    if claim.stance is Stance.DENIED or claim.negated:
        return 3
    if claim.claimant is None:
        return 0 if claim.stance is Stance.ASSERTED else 1
    return 2 if is_involved(claim, party_stems) else 1


@dataclass(frozen=True)
class _Ranked:
    report: Event
    claim: Claim
    rank: tuple[int, date, str, str]


def _ranked_claims(reports: list[Event], party_stems: set[str]) -> list[_Ranked]:
    ranked = [
        _Ranked(report, claim, (authority(claim, party_stems), claim.published or date.max, claim.article_id, report.id))
        for report in reports
        for claim in report.claims
    ]
    return sorted(ranked, key=lambda item: item.rank)


def _lowest_figure(ranked: list[_Ranked], name: str, party_stems: set[str]) -> tuple[int | None, Event | None]:
    """The lowest positive figure from non-party sources, else from anyone (see module docstring)."""
    figures = []
    for item in ranked:
        if item.rank[0] == 3:
            continue
        value = item.claim.version.get(name, getattr(item.report, name))
        if value:
            figures.append((not is_involved(item.claim, party_stems), value, item.report))
    neutral = [figure for figure in figures if figure[0]]
    pool = neutral or figures
    if not pool:
        return None, None
    _, value, report = min(pool, key=lambda figure: figure[1])
    return value, report


def is_contested(claims: list[Claim]) -> bool:
    telling = [claim for claim in claims if claim.stance is not Stance.DENIED and not claim.negated]
    if len(telling) < len(claims) and telling:
        return True  # some deny what others assert
    attackers = {(claim.version.get("actor1"), claim.version.get("actor2"))
                 for claim in telling if claim.version.get("actor1")}
    tolls = {claim.version.get("fatalities") for claim in telling if claim.version.get("fatalities")}
    return len(attackers) > 1 or len(tolls) > 1


def copy_fields(target: Event, source: Event, names: tuple[str, ...] | list[str]) -> None:
    for name in names:
        setattr(target, name, getattr(source, name))
        if name in source.evidence:
            target.evidence[name] = list(source.evidence[name])
        else:
            target.evidence.pop(name, None)


def resolve(reports: list[Event], event_id: str) -> Event:
    """The linked event of ``reports`` (events with their claims, from one or many articles), named ``event_id``."""
    party_stems = _party_stems(reports)
    ranked = _ranked_claims(reports, party_stems)
    best_rank: dict[str, tuple] = {}
    for item in ranked:
        best_rank.setdefault(item.report.id, item.rank)
    last = (9, date.max, "", "")
    reports_in_order = sorted(reports, key=lambda report: (best_rank.get(report.id, last), report.id))
    primary = reports_in_order[0]

    event = Event(id=event_id)
    copied = [field.name for field in fields(Event) if field.name not in _NOT_COPIED]
    copy_fields(event, primary, copied)
    place_source = min(reports_in_order, key=lambda report: report.geo_precision or 9)
    copy_fields(event, place_source, PLACE_FIELDS)
    date_source = min(reports_in_order, key=lambda report: (report.time_precision or 9) if report.event_date else 99)
    copy_fields(event, date_source, DATE_FIELDS)
    for name in COUNT_FIELDS:
        value, source = _lowest_figure(ranked, name, party_stems)
        setattr(event, name, value if value is not None else getattr(primary, name))
        if source is not None:
            event.evidence[name] = list(source.evidence.get(name, []))
    for report in reports_in_order[1:]:
        for name in copied:
            if getattr(event, name) is None and getattr(report, name) is not None:
                copy_fields(event, report, [name])
    event.weapons = sorted({weapon for report in reports for weapon in report.weapons})
    event.is_background = all(report.is_background for report in reports)
    event.claims = [item.claim for item in ranked]
    event.contested = is_contested(event.claims) or any(report.contested for report in reports)
    return event
