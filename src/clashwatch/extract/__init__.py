"""The extract stage: code an article's events (type, actors, place, time, casualties, claims).

Entry point: ``EventCoder().code(article) -> list[Event]``; one module per coding step (see docs/architecture.md).
"""

from clashwatch.extract.coder import EventCoder

__all__ = ["EventCoder"]
