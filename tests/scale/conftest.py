"""A small corpus for the scale-out tests: the bundled samples and link examples, in one folder of files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from clashwatch.paths import PACKAGE_DATA


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for source in ("samples", "link-examples"):
        shutil.copytree(PACKAGE_DATA / source, folder / source)
    return folder
