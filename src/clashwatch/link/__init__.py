"""The link stage: reports of one real-world event, from many articles, become one event with every claim.

Entry point: ``link_events(new, existing, decisions) -> LinkResult`` (pure, over ``clashwatch.records.Event``);
``link_stream(reports)`` links a date-ordered stream of any length a stretch of days at a time, in bounded memory;
``link_new(store)`` links the reports a store has not linked yet;
``relink(store)`` re-clusters them all. Modules: ``features`` (what is compared and
how alike two reports are, measured for all candidate pairs at once as numpy arrays), ``blocking`` (which pairs are
compared: a sorted join of block keys), ``cluster`` (average linkage under constraints, run only inside groups of
pairs that reach the threshold), ``resolve`` (headline fields from contested claims), ``decisions`` (analyst merges
and splits).
"""

from clashwatch.link.decisions import Action, AnalystDecision
from clashwatch.link.events import LinkDecision, LinkResult, link_events, link_stream

__all__ = ["Action", "AnalystDecision", "LinkDecision", "LinkResult", "link_events", "link_stream"]
