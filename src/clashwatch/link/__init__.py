"""The link stage: reports of one real-world event, from many articles, become one event with every claim.

Entry point: ``link_events(new, existing, decisions) -> LinkResult`` (pure, over ``clashwatch.records.Event``);
``link_new(store)`` links the reports a store has not linked yet;
``relink(store)`` re-clusters them all. Modules: ``features`` (what is compared and
how alike two reports are), ``blocking`` (which pairs are compared), ``cluster`` (average linkage under
constraints), ``resolve`` (headline fields from contested claims), ``decisions`` (analyst merges and splits).
"""

from clashwatch.link.decisions import Action, AnalystDecision
from clashwatch.link.events import LinkDecision, LinkResult, link_events

__all__ = ["Action", "AnalystDecision", "LinkDecision", "LinkResult", "link_events"]
