"""The ingest stage: files, folders and globs of text, HTML, JSON Lines and RSS/Atom in; ``Article`` records out.

Entry point: ``read_paths(paths) -> Iterator[Article | IngestFailure]``.
"""

from clashwatch.ingest.readers import (
    DEFAULT_MAX_BYTES,
    IngestFailure,
    expand_paths,
    read_file,
    read_jsonl_stream,
    read_paths,
)

__all__ = ["DEFAULT_MAX_BYTES", "IngestFailure", "expand_paths", "read_file", "read_jsonl_stream", "read_paths"]
