"""The ingest pipeline in one process: per-article coder failures, batch saving, linking, and resuming after a crash."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from clashwatch.cli import load_commands
from clashwatch.extract import EventCoder
from clashwatch.ingest import IngestFailure, expand_paths, read_paths
from clashwatch.paths import PACKAGE_DATA
from clashwatch.records import Article
from clashwatch.scale import CodedArticle, IngestOptions, LocalCoding, code_batch, run_ingest
from clashwatch.store import Store
from clashwatch.store.models import ClaimRow, EventRow, EvidenceRow

runner = CliRunner()
POISON = "Zorblax"


def ingest(*args: str):
    return runner.invoke(load_commands(), ["ingest", *args], env={"COLUMNS": "300"})


def stored_set(db: str) -> dict[str, object]:
    """What an ingest leaves behind, independent of row ids and timing: articles, claims with evidence, events."""
    with Store(db) as store, store.engine.connect() as connection:
        claims = connection.execute(
            select(ClaimRow.article_id, ClaimRow.event_id, ClaimRow.claimant, ClaimRow.stance, EvidenceRow.field,
                   EvidenceRow.start, EvidenceRow.end).join(EvidenceRow, EvidenceRow.claim_id == ClaimRow.id)
        ).all()
        events = connection.execute(select(EventRow.id, EventRow.event_type, EventRow.location,
                                           EventRow.fatalities, EventRow.contested)).all()
        return {"articles": store.count_articles(), "claims": sorted(claims, key=str), "events": sorted(events, key=str)}


class PoisonedClassifier:
    """The real rule classifier, except that it fails on sentences naming ``POISON``: a coder bug on one article."""

    def __init__(self, real) -> None:
        self.real = real

    def classify(self, sentence):
        if POISON in sentence.text:
            raise RuntimeError("classifier bug")
        return self.real.classify(sentence)


def test_a_coder_error_fails_that_article_only(coder: EventCoder) -> None:
    poisoned = EventCoder(nlp=coder.nlp, classifier=PoisonedClassifier(coder.classifier), geoparser=coder.geoparser)
    good = Article("Police fired tear gas at protesters in Nairobi on Tuesday.", source_path="good.txt")
    bad = Article(f"Militants attacked {POISON} village on Monday.", source_path="bad.txt")
    results = code_batch(poisoned, [good, bad, Article("Rebels shelled Goma on Sunday.")])
    assert isinstance(results[0], CodedArticle) and results[0].events
    assert isinstance(results[1], IngestFailure)
    assert results[1].path == "bad.txt" and "coding failed: RuntimeError: classifier bug" in results[1].reason
    assert isinstance(results[2], CodedArticle) and results[2].events


def test_failed_articles_are_reported_and_the_rest_saved(tmp_path: Path, coder: EventCoder) -> None:
    poisoned = EventCoder(nlp=coder.nlp, classifier=PoisonedClassifier(coder.classifier), geoparser=coder.geoparser)
    (tmp_path / "bad.txt").write_text(f"Militants attacked {POISON} village on Monday.", encoding="utf-8")
    (tmp_path / "good.txt").write_text("Rebels shelled Goma on Sunday, killing two civilians.", encoding="utf-8")
    failures: list[IngestFailure] = []
    with Store(":memory:") as store:
        counts = run_ingest(store, expand_paths([tmp_path]), LocalCoding(poisoned), on_failure=failures.append)
        assert [failure.path for failure in failures] == [str(tmp_path / "bad.txt")]
        assert (counts.read, counts.new, counts.failed) == (2, 1, 1)
        assert store.count_articles() == 1


def test_ingest_links_the_reports_of_one_fight(tmp_path: Path) -> None:
    db = str(tmp_path / "linked.db")
    examples = PACKAGE_DATA / "link-examples"
    result = ingest(str(examples), "--db", db)
    assert result.exit_code == 0, result.output
    assert "linked: reports" in result.stdout
    with Store(db) as store:
        armenia, azerbaijan = (next(read_paths([examples / f"{side}-view-2022-09-13.txt"])).id
                               for side in ("armenia", "azerbaijan"))
        shared = [event for event in store.list_events()
                  if {armenia, azerbaijan} <= {claim.article_id for claim in event.claims}]
        assert shared, "the two sides' reports of the same fight were not linked into one event"
        assert shared[0].contested
    unlinked = str(tmp_path / "unlinked.db")
    assert ingest(str(examples), "--db", unlinked, "--no-link").exit_code == 0
    with Store(unlinked) as store:
        assert not any(len({claim.article_id for claim in event.claims}) > 1 for event in store.list_events())


class Crash(Exception):
    pass


class CrashingCoding(LocalCoding):
    """Codes in this process and dies after ``batches`` batches, as a killed run would."""

    def __init__(self, batches: int) -> None:
        super().__init__()
        self.batches = batches

    def map(self, batches: Iterable[list[Article]]) -> Iterator[list]:
        for number, results in enumerate(super().map(batches)):
            if number == self.batches:
                raise Crash
            yield results


@pytest.mark.parametrize("resume_flag", [["--resume"], []])
def test_resuming_after_a_crash_gives_the_clean_run(tmp_path: Path, corpus: Path, resume_flag: list[str]) -> None:
    clean = str(tmp_path / "clean.db")
    assert ingest(str(corpus), "--db", clean, "--batch-size", "3").exit_code == 0

    crashed = str(tmp_path / "crashed.db")
    with Store(crashed) as store, pytest.raises(Crash):
        run_ingest(store, expand_paths([corpus]), CrashingCoding(batches=2), IngestOptions(batch_size=3))
    with Store(crashed) as store:
        assert 0 < store.count_articles() < stored_set(clean)["articles"]
    resumed = ingest(str(corpus), "--db", crashed, "--batch-size", "3", *resume_flag)
    assert resumed.exit_code == 0, resumed.output
    if resume_flag:
        assert "files skipped as already stored" in resumed.stdout
    assert stored_set(crashed) == stored_set(clean)
