"""Read articles from Parquet files: one row per article, with the fields of a JSON Lines record.

``text`` is required; ``id``, ``title``, ``url``, ``source`` (the outlet) and ``published`` (an ISO 8601 string or a
date) are read when present. Rows are read a record batch at a time, so a file larger than memory streams through.
A row is named "file#row" (rows numbered from 1) in failures and as the article's ``source_path``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from clashwatch.ingest.readers import IngestFailure, _article, _optional_str, _parse_date, _Rejected
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
                yield _row_article(row, where, max_bytes, collected)
            except _Rejected as rejected:
                yield IngestFailure(where, str(rejected))
    if number == 0:
        raise _Rejected("the Parquet file has no rows")


def _row_article(row: dict, where: str, max_bytes: int, collected: datetime) -> Article:
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise _Rejected('the row has no "text" string')
    if len(text.encode("utf-8")) > max_bytes:
        raise _Rejected(f"{len(text.encode('utf-8')) / 1e6:.1f} MB is over the limit of {max_bytes / 1e6:.1f} MB")
    published = row.get("published")
    parsed = _parse_date(published)
    if published and parsed is None:
        raise _Rejected(f'"published" {published!r} is not an ISO 8601 date')
    identifier = row.get("id")
    return _article(
        text,
        collected,
        where,
        title=_optional_str(row.get("title")),
        url=_optional_str(row.get("url")),
        outlet=_optional_str(row.get("source")),
        published=parsed,
        source_id=str(identifier) if identifier not in (None, "") else None,
    )
