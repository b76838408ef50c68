"""Coding on a real Dask LocalCluster (two worker processes) stores exactly what coding in one process stores."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select, text
from typer.testing import CliRunner

from clashwatch.cli import load_commands
from clashwatch.ingest import expand_paths
from clashwatch.scale import IngestOptions, LocalCoding, run_ingest
from clashwatch.scale.cluster import DaskCoding
from clashwatch.store import Store
from clashwatch.store.models import ClaimRow, EvidenceRow

runner = CliRunner()


def snapshot(store: Store) -> dict[str, list]:
    with store.engine.connect() as connection:
        return {
            "claims": sorted(connection.execute(select(ClaimRow.article_id, ClaimRow.event_id, ClaimRow.stance)).all()),
            "evidence": sorted(
                connection.execute(select(EvidenceRow.field, EvidenceRow.start, EvidenceRow.end, EvidenceRow.text))
            ),
            "events": sorted(connection.execute(text("SELECT id, event_type, location, fatalities FROM events")).all(),
                             key=str),
        }


def test_two_workers_store_what_one_process_stores(tmp_path: Path, corpus: Path) -> None:
    options = IngestOptions(batch_size=2)
    with Store(str(tmp_path / "plain.db")) as store:
        plain_counts = run_ingest(store, expand_paths([corpus]), LocalCoding(), options)
        plain = snapshot(store)
    with Store(str(tmp_path / "dask.db")) as store, DaskCoding(workers=2) as coding:
        assert coding.worker_count == 2
        dask_counts = run_ingest(store, expand_paths([corpus]), coding, options)
        dask = snapshot(store)
        memory = coding.peak_memory_mb()
    assert plain["claims"] and plain == dask
    assert dask_counts == plain_counts
    assert len(memory) == 2 and all(peak > 50 for peak in memory.values())  # each worker holds its own spaCy model


def test_cli_codes_on_an_existing_cluster(tmp_path: Path, corpus: Path) -> None:
    from distributed import LocalCluster

    db = str(tmp_path / "cli.db")
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = runner.invoke(load_commands(), ["ingest", str(corpus), "--db", db, "--scheduler",
                                                 cluster.scheduler_address, "--no-link"])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        assert store.count_articles() > 0 and f"new {store.count_articles()}, duplicate 0" in result.stdout
    both = runner.invoke(load_commands(), ["ingest", str(corpus), "--workers", "2", "--scheduler", "tcp://x:1"])
    assert both.exit_code != 0 and "not both" in both.output
