"""Where ClashWatch keeps built caches (the gazetteer index) and finds its bundled data."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DATA = Path(__file__).parent / "data"
SAMPLES = PACKAGE_DATA / "samples"


def cache_dir() -> Path:
    """``CLASHWATCH_CACHE`` or ``~/.cache/clashwatch``; created on first use."""
    root = Path(os.environ.get("CLASHWATCH_CACHE") or Path.home() / ".cache" / "clashwatch")
    root.mkdir(parents=True, exist_ok=True)
    return root


def eval_data_dir() -> Path:
    """Human-annotated evaluation data: ``CLASHWATCH_EVAL_DATA`` or ``../shared/eval-data`` beside the checkout."""
    if os.environ.get("CLASHWATCH_EVAL_DATA"):
        return Path(os.environ["CLASHWATCH_EVAL_DATA"])
    return Path(__file__).resolve().parents[3] / "shared" / "eval-data"


def seed_dir() -> Path:
    """The project's canonical example articles (news text, so kept outside the repository): ``../shared/seed``."""
    return eval_data_dir().parent / "seed"
