"""Scale-out: the ingest pipeline (read, skip what is stored, code, save in batches, link), run in this process or
on a Dask cluster.

Entry point: ``run_ingest(store, items, coding, options)`` with ``LocalCoding()`` or ``DaskCoding(workers=N)`` /
``DaskCoding(scheduler="tcp://host:8786")``; ``clashwatch ingest`` drives it.
"""

from clashwatch.scale.coding import CodedArticle, code_batch
from clashwatch.scale.pipeline import IngestCounts, IngestOptions, LocalCoding, run_ingest

__all__ = ["CodedArticle", "IngestCounts", "IngestOptions", "LocalCoding", "code_batch", "run_ingest"]
