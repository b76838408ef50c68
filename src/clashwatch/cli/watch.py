"""``clashwatch watch``: follow feeds and pages, code what is new; ``clashwatch sources``: their health."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from clashwatch.cli import app
from clashwatch.cli.events import DbOption

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from clashwatch.store.watch_state import SourceStatus
    from clashwatch.watch import SourceReport


@app.command()
def watch(
    sources_file: Annotated[Path, typer.Argument(metavar="SOURCES.toml", help="The feeds and pages to follow.")],
    db: DbOption = None,
    alerts: Annotated[
        Path | None, typer.Option(metavar="RULES.toml", help="Alert rules: matching new events go to stdout, a "
                                  "JSON Lines file or a webhook (see docs/monitoring.md).")
    ] = None,  # fmt: skip
    polls: Annotated[
        int | None, typer.Option(min=1, help="Stop after this many polls (default: run until interrupted).")
    ] = None,
    once: Annotated[bool, typer.Option("--once", help="Poll the due sources once and stop (same as --polls 1).")] = False,
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per coding batch and per database transaction.")] = 32,
    live: Annotated[
        bool | None, typer.Option(help="A live table of the sources (default: when writing to a terminal; plain log "
                                  "lines otherwise).")
    ] = None,  # fmt: skip
) -> None:
    """Follow the RSS/Atom/JSON feeds and pages of SOURCES.toml: fetch each when due (conditional GET, politely),
    code the new articles, store and link them as `ingest` does.

    The state is in the store: stop it any time (even kill -9) and run it again; nothing is lost or coded twice.
    """
    from rich.console import Console

    from clashwatch.store import Store
    from clashwatch.watch import AlertsFileError, Monitor, SourcesFileError, load_alerts, load_sources

    console = Console(stderr=True)
    try:
        sources = load_sources(sources_file)
        rules = load_alerts(alerts) if alerts else None
    except (SourcesFileError, AlertsFileError) as error:
        raise typer.BadParameter(str(error)) from None
    if rules is not None:
        rules.on_error = lambda message: console.print(f"[bold red]alert failed[/] {message}", soft_wrap=True)
    from clashwatch.scale import IngestOptions

    options = IngestOptions(batch_size=batch_size, max_bytes=sources.policy.max_bytes)
    show_live = console.is_terminal if live is None else live
    with Store(db) as store:
        on_report = _LiveView(console, store) if show_live else (lambda report: _log(console, report))
        monitor = Monitor(store, sources, options=options, alerts=rules, on_report=on_report)
        try:
            with monitor:
                if show_live:
                    with on_report:
                        monitor.run(1 if once else polls)
                else:
                    monitor.run(1 if once else polls)
        except KeyboardInterrupt:
            console.print("stopped; what was saved is kept, and the next run goes on from there")
    typer.echo(monitor.counts.summary())


@app.command()
def sources(db: DbOption = None) -> None:
    """List the sources `watch` follows, with their health, last fetch, next due time and articles given."""
    from rich.console import Console

    from clashwatch.store import Store
    from clashwatch.store.watch_state import list_sources

    with Store(db) as store:
        statuses = list_sources(store)
    if not statuses:
        typer.echo("no sources yet: run `clashwatch watch SOURCES.toml`")
        return
    Console().print(_sources_table(statuses))


def _sources_table(statuses: list[SourceStatus]) -> Table:
    from rich.table import Table

    table = Table("source", "kind", "health", "last fetch", "next due", "articles", "last error")
    styles = {"ok": "green", "new": "cyan", "retrying": "yellow", "failing": "bold red"}
    for status in statuses:
        table.add_row(
            status.name or status.url,
            status.kind,
            f"[{styles[status.health]}]{status.health}[/]",
            _moment(status.last_fetch),
            _moment(status.next_due),
            str(status.articles),
            status.last_error or "",
        )
    return table


def _moment(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value else "-"


def _log(console: Console, report: SourceReport) -> None:
    line = f"{report.label}: {report.outcome}"
    if report.error:
        line += f" ({report.error})"
    if report.outcome in ("new", "unchanged"):
        line += f"; pages {report.pages}, new {report.new}, duplicate {report.duplicate}, events {report.events}"
    if report.alerts:
        line += f", alerts {report.alerts}"
    console.print(line, soft_wrap=True, markup=False, highlight=False)
    for failure in report.failures:
        console.print(f"  failed {failure.path}: {failure.reason} (asked again next poll)", soft_wrap=True,
                      markup=False, highlight=False)  # fmt: skip
    for url, reason in report.skipped:
        console.print(f"  skipped {url}: {reason}", soft_wrap=True, markup=False, highlight=False)


class _LiveView:
    """A Rich live table of every source, redrawn after each source's poll, with the run's totals under it."""

    def __init__(self, console: Console, store) -> None:
        from rich.live import Live

        self.store = store
        self.totals = {"fetched": 0, "new": 0, "coded": 0, "errors": 0}
        self.live = Live(console=console, refresh_per_second=4, transient=False)

    def __enter__(self) -> _LiveView:
        self.live.__enter__()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.live.__exit__(*exc_info)

    def __call__(self, report: SourceReport) -> None:
        from rich.console import Group

        from clashwatch.store.watch_state import list_sources

        self.totals["fetched"] += 1
        self.totals["new"] += report.new
        self.totals["coded"] += report.events
        self.totals["errors"] += (report.outcome == "failed") + len(report.failures)
        totals = ", ".join(f"{name} {value}" for name, value in self.totals.items())
        self.live.update(Group(_sources_table(list_sources(self.store)), f"this run: {totals}"))
