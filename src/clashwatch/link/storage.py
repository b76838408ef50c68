"""The linker over a ``Store``: link what is new, explain an event, and apply analysts' merges and splits.

``link_new(store)`` finds the stored events no linking run has seen (each is one article's report), links them
into the events of the same period, re-points the merged reports' claims with ``Store.merge_events``, writes the
resolved headline fields with ``Store.update_event`` and records each merge in ``link_decisions``. Events that
were already linked are anchored, so a run costs what the new reports cost, and running it again changes nothing.
``relink(store)`` re-clusters every report as coded, from scratch, under the analysts' decisions: for when the
linker's rules have changed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from clashwatch.link.decisions import Action, AnalystDecision, merge_decision, split_decisions
from clashwatch.link.events import LinkDecision, link_events
from clashwatch.link.features import EVENT_CONFIG, PRECISION_SLACK_DAYS, LinkConfig
from clashwatch.link.resolve import resolve
from clashwatch.records import Claim, Event, Span, Stance, to_jsonable
from clashwatch.store import EventFilter, Store
from clashwatch.store.link_models import AnalystDecisionRow, LinkDecisionRow, LinkReportRow, UnlinkedEventRow
from clashwatch.store.db import CLAIM_EVIDENCE, lookup_chunks
from clashwatch.store.models import ClaimRow, EventRow

_DATE_FIELDS = ("event_date", "date_start", "date_end")
_SPAN_FIELDS = ("claimant_span", "cue_span")


@dataclass(frozen=True)
class LinkSummary:
    new_reports: int
    events_changed: int
    merges: int

    def report(self) -> str:
        return f"reports linked {self.new_reports}, events that gained reports {self.events_changed}, merges {self.merges}"


def event_from_json(data: dict[str, Any]) -> Event:
    """The inverse of ``to_jsonable`` for an Event (dates, spans, claims and stances restored)."""
    values = dict(data)
    for name in _DATE_FIELDS:
        values[name] = date.fromisoformat(values[name]) if values.get(name) else None
    values["evidence"] = {name: [Span(**span) for span in spans] for name, spans in values.get("evidence", {}).items()}
    values["claims"] = [_claim_from_json(claim) for claim in values.get("claims", [])]
    return Event(**values)


def _claim_from_json(data: dict[str, Any]) -> Claim:
    values = dict(data)
    values["stance"] = Stance(values["stance"])
    values["published"] = date.fromisoformat(values["published"]) if values.get("published") else None
    for name in _SPAN_FIELDS:
        values[name] = Span(**values[name]) if values.get(name) else None
    values["evidence"] = [Span(**span) for span in values.get("evidence", [])]
    return Claim(**values)


def _sessions(store: Store):
    return store._sessions  # noqa: SLF001 - the link tables live in the store's database and transactions


def _unseen_event_ids(session: Session) -> list[str]:
    return list(session.scalars(select(UnlinkedEventRow.event_id).order_by(UnlinkedEventRow.event_id)))


def _members(session: Session, event_ids: list[str] | None = None) -> dict[str, list[str]]:
    statement = select(LinkReportRow.event_id, LinkReportRow.report_id)
    if event_ids is not None:
        statement = statement.where(LinkReportRow.event_id.in_(event_ids))
    members: dict[str, list[str]] = defaultdict(list)
    for event_id, report_id in session.execute(statement.order_by(LinkReportRow.report_id)):
        members[event_id].append(report_id)
    return dict(members)


def _analyst_decisions(session: Session) -> list[AnalystDecision]:
    rows = session.scalars(select(AnalystDecisionRow).order_by(AnalystDecisionRow.id))
    return [AnalystDecision(Action(row.action), row.first_report, row.second_report) for row in rows]


def _period(events: list[Event], config: LinkConfig) -> tuple[date, date] | None:
    days = [event.event_date for event in events if event.event_date]
    if not days:
        return None
    widen = timedelta(days=max(PRECISION_SLACK_DAYS.values()) + config.max_gap_days)
    return min(days) - widen, max(days) + widen


def link_new(store: Store, config: LinkConfig = EVENT_CONFIG) -> LinkSummary:
    """Links the stored reports no run has linked yet into the stored events; call after saving a batch."""
    sessions = _sessions(store)
    with sessions() as session:
        unseen = _unseen_event_ids(session)
        decisions = _analyst_decisions(session)
    new = [event for event in (store.get_event(event_id) for event_id in unseen) if event is not None]
    if not new:
        return LinkSummary(0, 0, 0)
    period = _period(new, config)
    new_ids = {event.id for event in new}
    existing = []
    if period is not None:
        window = EventFilter(since=period[0], until=period[1])
        existing = [event for event in store.iter_events(window) if event.id not in new_ids]
    with sessions() as session:
        members_of_existing = _members(session, [event.id for event in existing])
    result = link_events(new, existing, decisions, config, members_of_existing)

    now = datetime.now(UTC)
    changed = 0
    # One transaction: a run killed here leaves the new reports unseen, to be linked whole by the next run.
    with sessions.begin() as session:
        _register(session, new, now)
        for event in result.events:
            absorbed = [item for item in result.members[event.id] if item != event.id]
            if not absorbed:
                continue
            changed += 1
            for item in absorbed:
                store.merge_events(event.id, item, session)
            store.update_event(event, session)
            session.execute(update(LinkReportRow).where(LinkReportRow.event_id.in_(absorbed)).values(event_id=event.id))
        _record_merges(session, result.decisions, "linker", now)
    return LinkSummary(len(new), changed, len(result.decisions))


def _register(session: Session, reports: list[Event], now: datetime) -> None:
    """Keeps each report as coded, so that its event can be re-resolved, split or re-linked later."""
    if reports:
        for chunk in lookup_chunks([event.id for event in reports]):
            session.execute(delete(UnlinkedEventRow).where(UnlinkedEventRow.event_id.in_(chunk)))
        session.execute(
            insert(LinkReportRow),
            [{"report_id": event.id, "article_id": event.claims[0].article_id if event.claims else "",
              "event_id": event.id, "coded": to_jsonable(event), "linked_at": now} for event in reports],
        )


def _record_merges(session: Session, decisions: list[LinkDecision], source: str, now: datetime) -> None:
    for decision in decisions:
        session.add(LinkDecisionRow(
            event_id=decision.event_id, left_ids=list(decision.left), right_ids=list(decision.right),
            mean_score=decision.mean_score, pair=list(decision.pair) if decision.pair else None,
            pair_score=decision.pair_score, features=decision.features,
            source="analyst-merge" if decision.analyst else source, created=now,
        ))


def _claim_rows(session: Session, event_id: str, report: LinkReportRow) -> list[ClaimRow]:
    """The claim rows of one report inside its event: its article's claims that carry its evidence (one
    article may have several reports in one event, told by different claimants)."""
    rows = session.scalars(select(ClaimRow).where(ClaimRow.event_id == event_id,
                                                  ClaimRow.article_id == report.article_id)).all()
    wanted = {(span["start"], span["end"]) for claim in report.coded.get("claims", []) for span in claim["evidence"]}
    own = [row for row in rows
           if {(item.start, item.end) for item in row.evidence if item.field == CLAIM_EVIDENCE} & wanted]
    return own or list(rows)


def _event_row_values(coded: Event) -> dict[str, Any]:
    columns = {column.key for column in EventRow.__table__.columns}
    return {name: getattr(coded, name) for name in columns if name != "id"}


def relink(store: Store, config: LinkConfig = EVENT_CONFIG) -> LinkSummary:
    """Re-clusters every stored report from scratch, as the coder made it, obeying the analysts' merges and
    splits; the claims move to their new events, emptied events are deleted, and the run is recorded."""
    sessions = _sessions(store)
    now = datetime.now(UTC)
    with sessions() as session:
        unseen = _unseen_event_ids(session)
    unseen_reports = [event for event in (store.get_event(event_id) for event_id in unseen) if event is not None]
    with sessions.begin() as session:
        _register(session, unseen_reports, now)
    with sessions() as session:
        decisions = _analyst_decisions(session)
        reports = [event_from_json(row.coded) for row in
                   session.scalars(select(LinkReportRow).order_by(LinkReportRow.report_id))]
    result = link_events(reports, (), decisions, config)

    with sessions.begin() as session:
        rows = {row.report_id: row for row in session.scalars(select(LinkReportRow))}
        old_events = {row.event_id for row in rows.values()}
        for event_id, report_ids in result.members.items():
            if session.get(EventRow, event_id) is None:
                coded = event_from_json(rows[event_id].coded)
                session.execute(insert(EventRow).values(id=event_id, **_event_row_values(coded)))
            for report_id in report_ids:
                row = rows[report_id]
                if row.event_id != event_id:
                    for claim_row in _claim_rows(session, row.event_id, row):
                        claim_row.event_id = event_id
                    row.event_id = event_id
        session.flush()
        emptied = old_events - set(result.members)
        if emptied:
            session.execute(delete(EventRow).where(EventRow.id.in_(emptied),
                                                   EventRow.id.not_in(select(ClaimRow.event_id))))
        _record_merges(session, result.decisions, "relink", now)
    for event in result.events:
        store.update_event(event)
    changed = sum(1 for members in result.members.values() if len(members) > 1)
    return LinkSummary(len(reports), changed, len(result.decisions))


def _coded_reports(session: Session, event_id: str) -> list[Event]:
    rows = session.scalars(select(LinkReportRow).where(LinkReportRow.event_id == event_id).order_by(LinkReportRow.report_id))
    return [event_from_json(row.coded) for row in rows]


def _re_resolve(store: Store, event_id: str) -> None:
    with _sessions(store)() as session:
        reports = _coded_reports(session, event_id)
    if len(reports) > 1:
        store.update_event(resolve(reports, event_id))
    elif reports:
        single = reports[0]
        single.id = event_id
        store.update_event(single)


def _record(session: Session, event_id: str, left: list[str], right: list[str], source: str,
            decisions: list[AnalystDecision]) -> None:
    now = datetime.now(UTC)
    session.add(LinkDecisionRow(event_id=event_id, left_ids=left, right_ids=right, mean_score=None, pair=None,
                                pair_score=None, features={}, source=source, created=now))
    for decision in decisions:
        session.add(AnalystDecisionRow(action=decision.action.value, first_report=decision.first,
                                       second_report=decision.second, created=now))


def merge(store: Store, into_id: str, from_id: str) -> None:
    """An analyst's merge of two linked events; later linking runs keep them together."""
    with _sessions(store)() as session:
        members = _members(session, [into_id, from_id])
    if into_id not in members or from_id not in members:
        raise KeyError(f"both events must have been linked first (run `clashwatch link`): {into_id}, {from_id}")
    store.merge_events(into_id, from_id)
    with _sessions(store).begin() as session:
        session.execute(update(LinkReportRow).where(LinkReportRow.event_id == from_id).values(event_id=into_id))
        _record(session, into_id, members[into_id], members[from_id], "analyst-merge",
                [merge_decision(members[into_id][0], members[from_id][0])])
    _re_resolve(store, into_id)


def split(store: Store, event_id: str, report_id: str) -> str:
    """Takes one report (its article's claims) out of an event into an event of its own; returns the new id.
    Later linking runs never put it back with the reports it was split from."""
    with _sessions(store)() as session:
        report = session.get(LinkReportRow, report_id)
        others = [member for member in _members(session, [event_id]).get(event_id, []) if member != report_id]
    if report is None or report.event_id != event_id or not others:
        raise KeyError(f"{report_id} is not one of several reports of event {event_id}")
    new_id = report_id if report_id != event_id else f"{report_id}-split"
    coded = event_from_json(report.coded)
    with _sessions(store).begin() as session:
        session.execute(insert(EventRow).values(id=new_id, **_event_row_values(coded)))
        for claim_row in _claim_rows(session, event_id, session.get(LinkReportRow, report_id)):
            claim_row.event_id = new_id
        session.execute(update(LinkReportRow).where(LinkReportRow.report_id == report_id).values(event_id=new_id))
        _record(session, new_id, [report_id], others, "analyst-split", split_decisions(report_id, others))
    _re_resolve(store, event_id)
    return new_id


def explain(store: Store, event_id: str) -> str:
    """The event's reports (claimant, stance, version) and every merge or split that shaped it."""
    event = store.get_event(event_id)
    if event is None:
        raise KeyError(event_id)
    lines = [f"event {event.id}: {event.event_date} {event.event_type} / {event.sub_event_type} at {event.location}"
             f" ({event.iso3}); actor1 {event.actor1}; actor2 {event.actor2}; fatalities {event.fatalities}"
             f"{'; CONTESTED' if event.contested else ''}"]
    with _sessions(store)() as session:
        reports = session.scalars(select(LinkReportRow).where(LinkReportRow.event_id == event_id)
                                  .order_by(LinkReportRow.report_id)).all()
        lines.append(f"reports ({len(reports)}):")
        for row in reports:
            claims = row.coded.get("claims") or [{}]
            claim = claims[0]
            lines.append(f"  {row.report_id}  claimant {claim.get('claimant') or 'the reporter'} "
                         f"({claim.get('stance')}): {claim.get('version')}")
        history = session.scalars(select(LinkDecisionRow).where(LinkDecisionRow.event_id == event_id)
                                  .order_by(LinkDecisionRow.id)).all()
        lines.append(f"decisions ({len(history)}):")
        for row in history:
            scores = f" mean {row.mean_score:.3f}; closest pair {row.pair} {row.pair_score:.3f} {row.features}" \
                if row.mean_score is not None else ""
            lines.append(f"  {row.created:%Y-%m-%d %H:%M} {row.source}: {row.left_ids} + {row.right_ids}{scores}")
    return "\n".join(lines)
