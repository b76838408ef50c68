from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from clashwatch.ingest import IngestFailure, read_paths
from clashwatch.records import Article


def test_parquet_rows_become_articles_and_bad_rows_failures(tmp_path: Path) -> None:
    path = tmp_path / "batch.parquet"
    table = pa.table({
        "id": ["a-1", "a-2", "a-3", None],
        "text": ["Sept. 13 (Test Wire) -- Shelling hit Jermuk.", "", "Protesters marched in Nairobi.", "x" * 200],
        "title": ["Jermuk shelled", None, "March", None],
        "source": [None, None, "Courier", None],
        "published": [None, None, "2024-04-28", "not a date"],
        "ignored": [1, 2, 3, 4],
    })
    pq.write_table(table, path, row_group_size=2)  # rows span record batches
    results = list(read_paths([tmp_path]))  # a folder's .parquet files are found like any other format
    articles = [item for item in results if isinstance(item, Article)]
    failures = {item.path: item.reason for item in results if isinstance(item, IngestFailure)}

    assert [article.source_id for article in articles] == ["a-1", "a-3"]
    assert articles[0].outlet == "Test Wire" and articles[0].title == "Jermuk shelled"
    assert articles[1].outlet == "Courier" and articles[1].published == date(2024, 4, 28)
    assert articles[1].source_path == f"{path}#3"
    assert failures == {f"{path}#2": 'the record has no "text" string',
                        f"{path}#4": "\"published\" 'not a date' is not an ISO 8601 date"}


def test_parquet_without_text_column_or_not_parquet(tmp_path: Path) -> None:
    no_text = tmp_path / "no-text.parquet"
    pq.write_table(pa.table({"body": ["Shelling hit Jermuk."]}), no_text)
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"not parquet at all")
    [missing] = read_paths([no_text])
    [unreadable] = read_paths([broken])
    assert missing.reason == 'the Parquet file has no "text" column'
    assert unreadable.path == str(broken) and unreadable.reason.startswith("not a readable Parquet file")
