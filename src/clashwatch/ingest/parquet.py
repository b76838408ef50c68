"""Read articles from Parquet files: one row per article, with the fields of a JSON Lines record.

``text`` is required; ``id``, ``title``, ``url``, ``source`` (the outlet) and ``published`` (an ISO 8601 string or a
date) are read when present. Rows are read a record batch at a time, so a file larger than memory streams through.
A row is named "file#row" (rows numbered from 1) in failures and as the article's ``source_path``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from clashwatch.ingest.readers import IngestFailure, _Rejected, record_article
from clashwatch.records import Article

COLUMNS = ("text", "id", "title", "url", "source", "published")


def read_parquet(path: Path, max_bytes: int, collected: datetime) -> Iterator[Article | IngestFailure]:
    import pyarrow
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except (pyarrow.ArrowException, OSError) as error:
        raise _Rejected(f"not a readable Parquet file: {error}") from None
    present = [name for name in COLUMNS if name in parquet.schema_arrow.names]
    if "text" not in present:
        raise _Rejected('the Parquet file has no "text" column')
    number = 0
    for batch in parquet.iter_batches(columns=present):
        for row in batch.to_pylist():
            number += 1
            where = f"{path}#{number}"
            try:
                yield record_article(row, where, max_bytes, collected)
            except _Rejected as rejected:
                yield IngestFailure(where, str(rejected))
    if number == 0:
        raise _Rejected("the Parquet file has no rows")
