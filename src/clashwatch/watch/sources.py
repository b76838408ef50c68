"""The sources file of ``clashwatch watch``: the feeds and pages to follow, how often, and how politely.

A TOML file::

    [fetch]                      # optional; these are the defaults
    per_host_delay_s = 1.0       # least time between two requests to one host
    per_host_concurrency = 2     # 1 or 2
    timeout_s = 20
    retries = 2                  # further tries after a timeout, a refused connection, a 5xx or a 429
    backoff_s = 1.0              # wait before the first retry, doubled before each next one
    max_mb = 10                  # a larger page or feed is refused
    respect_robots = true

    [[source]]
    url = "https://www.example.org/world/rss.xml"
    name = "Example World"       # optional, shown by `clashwatch sources`
    kind = "feed"                # "feed" (RSS, Atom, JSON Feed; the default) or "page" (one page, coded when it changes)
    interval = "15m"             # seconds, or a number with s, m, h or d; default 15m
    follow = true                # feeds: code each item's linked page (true, the default) or the item's own text

Every problem is a ``SourcesFileError`` naming the file, the source and the field.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clashwatch.ingest.fetch import FetchPolicy

KINDS = ("feed", "page")
DEFAULT_INTERVAL_S = 15 * 60
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_FETCH_FIELDS = {
    "per_host_delay_s": float,
    "per_host_concurrency": int,
    "timeout_s": float,
    "retries": int,
    "backoff_s": float,
    "respect_robots": bool,
}
_SOURCE_FIELDS = {"url", "name", "kind", "interval", "follow"}


class SourcesFileError(ValueError):
    pass


@dataclass(frozen=True)
class Source:
    url: str
    kind: str = "feed"
    name: str | None = None
    interval_s: int = DEFAULT_INTERVAL_S
    follow: bool = True  # feeds only: fetch each item's page rather than code the item's summary


@dataclass(frozen=True)
class SourcesFile:
    sources: list[Source]
    policy: FetchPolicy = field(default_factory=FetchPolicy)


def load_sources(path: str | Path) -> SourcesFile:
    return parse_sources(read_toml(Path(path), "the sources file", SourcesFileError), str(path))


def read_toml(path: Path, what: str, error: type[ValueError]) -> dict[str, Any]:
    """The TOML document at ``path``; a file that cannot be read or parsed raises ``error`` naming it."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as problem:
        raise error(f"{path}: cannot read {what}: {problem.strerror or problem}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as problem:
        raise error(f"{path}: not valid TOML: {problem}") from None


def parse_sources(document: dict[str, Any], where: str) -> SourcesFile:
    unknown = set(document) - {"fetch", "source"}
    if unknown:
        raise SourcesFileError(f"{where}: unknown table(s) {', '.join(sorted(unknown))}; expected [fetch], [[source]]")
    entries = document.get("source", [])
    if not isinstance(entries, list) or not entries:
        raise SourcesFileError(f'{where}: no sources; add at least one [[source]] with a url = "https://..."')
    sources = [_source(entry, f"{where}: source {number}") for number, entry in enumerate(entries, start=1)]
    seen: set[str] = set()
    for source in sources:
        if source.url in seen:
            raise SourcesFileError(f"{where}: {source.url} is listed twice")
        seen.add(source.url)
    return SourcesFile(sources, _policy(document.get("fetch", {}), f"{where}: [fetch]"))


def parse_interval(value: object) -> int:
    """Seconds from 900, "900", "90s", "15m", "2h" or "1d"; at least one second."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not an interval")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        match = _INTERVAL.match(str(value))
        if not match:
            raise ValueError(f"{value!r} is not an interval such as 900, \"90s\", \"15m\", \"2h\" or \"1d\"")
        seconds = float(match.group(1)) * _UNITS[match.group(2) or "s"]
    if seconds < 1:
        raise ValueError(f"{value!r} is shorter than one second")
    return round(seconds)


def check_table(entry: object, fields: set[str], where: str, error: type[ValueError]) -> dict[str, Any]:
    """``entry`` as a table of only ``fields``; anything else raises ``error`` naming ``where``."""
    if not isinstance(entry, dict):
        raise error(f"{where}: expected a table of fields")
    unknown = set(entry) - fields
    if unknown:
        raise error(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    return entry


def _source(entry: object, where: str) -> Source:
    entry = check_table(entry, _SOURCE_FIELDS, where, SourcesFileError)
    url = entry.get("url")
    if not isinstance(url, str) or not re.match(r"^https?://[^/\s]+", url):
        raise SourcesFileError(f"{where}: url must be an http(s) URL, got {url!r}")
    kind = entry.get("kind", "feed")
    if kind not in KINDS:
        raise SourcesFileError(f"{where} ({url}): kind must be one of {', '.join(KINDS)}, got {kind!r}")
    name = entry.get("name")
    if name is not None and not isinstance(name, str):
        raise SourcesFileError(f"{where} ({url}): name must be text")
    follow = entry.get("follow", True)
    if not isinstance(follow, bool):
        raise SourcesFileError(f"{where} ({url}): follow must be true or false")
    try:
        interval_s = parse_interval(entry.get("interval", DEFAULT_INTERVAL_S))
    except ValueError as error:
        raise SourcesFileError(f"{where} ({url}): interval: {error}") from None
    return Source(url=url, kind=kind, name=name, interval_s=interval_s, follow=follow)


def _policy(table: object, where: str) -> FetchPolicy:
    if not isinstance(table, dict):
        raise SourcesFileError(f"{where}: expected a table of fields")
    settings: dict[str, Any] = {}
    for name, value in table.items():
        if name == "max_mb":
            if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
                raise SourcesFileError(f"{where}: max_mb must be a positive number")
            settings["max_bytes"] = int(value * 1_000_000)
            continue
        kind = _FETCH_FIELDS.get(name)
        if kind is None:
            raise SourcesFileError(f"{where}: unknown field {name!r}; expected max_mb, {', '.join(_FETCH_FIELDS)}")
        if kind is bool:
            if not isinstance(value, bool):
                raise SourcesFileError(f"{where}: {name} must be true or false")
        elif isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise SourcesFileError(f"{where}: {name} must be a number of at least 0")
        settings[name] = kind(value)
    try:
        return FetchPolicy(**settings)
    except ValueError as error:
        raise SourcesFileError(f"{where}: {error}") from None
