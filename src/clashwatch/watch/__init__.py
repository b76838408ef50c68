"""The watch stage: follow feeds and pages over HTTP, code and store what is new, alert on what matters.

Entry point: ``Monitor(store, load_sources(path))``, used as a context manager; ``monitor.run()`` polls until stopped.
"""

from clashwatch.watch.alerts import Alerts, AlertsFileError, load_alerts
from clashwatch.watch.harvest import fetch_once
from clashwatch.watch.monitor import Monitor, SourceReport, WatchCounts
from clashwatch.watch.sources import Source, SourcesFile, SourcesFileError, load_sources

__all__ = [
    "Alerts",
    "AlertsFileError",
    "Monitor",
    "Source",
    "SourceReport",
    "SourcesFile",
    "SourcesFileError",
    "WatchCounts",
    "fetch_once",
    "load_alerts",
    "load_sources",
]
