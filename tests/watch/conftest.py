"""A real local news site (``clashwatch.watch.localsite``) and stories written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from clashwatch.watch.localsite import LocalSite

STORIES = {
    "/news/kharkiv": (
        "Shelling hits Kharkiv suburb",
        [
            "KYIV, Sept. 12 (Local Wire) -- Russian artillery shelled the city of Kharkiv early Monday, killing two "
            "civilians and wounding five others, the regional governor said.",
            "The governor said the strikes damaged a school and several apartment blocks in the north of the city.",
        ],
    ),
    "/news/mogadishu": (
        "Car bomb in Mogadishu",
        [
            "MOGADISHU, Sept. 12 (Local Wire) -- A car bomb exploded outside a hotel in Mogadishu on Monday, killing "
            "four people, police said. Al Shabaab claimed responsibility for the attack.",
            "Witnesses said security forces then exchanged fire with gunmen who tried to storm the building.",
        ],
    ),
    "/news/lagos": (
        "Traders riot in Lagos market",
        [
            "LAGOS, Sept. 12 (Local Wire) -- Traders rioted at a market in Lagos on Monday, burning stalls and "
            "throwing stones at police after officers tried to evict them, witnesses said.",
            "Police fired tear gas to disperse the crowd. Three traders were injured.",
        ],
    ),
    "/news/tbilisi": (
        "Thousands protest in Tbilisi",
        [
            "TBILISI, Sept. 12 (Local Wire) -- Thousands of people marched peacefully through Tbilisi on Monday to "
            "protest against a draft law on foreign agents, organisers said.",
            "The protesters gathered outside parliament and dispersed in the evening without incident.",
        ],
    ),
}


@pytest.fixture
def stories() -> dict[str, tuple[str, list[str]]]:
    """Path on the site: (headline, paragraphs)."""
    return STORIES


@pytest.fixture
def site():
    with LocalSite() as running:
        yield running


@pytest.fixture
def publish(site):
    """``publish(*paths, feed=...)``: article pages for ``paths`` and a feed listing them; gives the feed's URL."""

    def put(*paths: str, feed: str = "/feed.xml", title: str = "Local Wire") -> str:
        for path in paths:
            headline, paragraphs = STORIES[path]
            site.put_article(path, headline, paragraphs)
        return site.put_feed(feed, title, [(STORIES[path][0], path) for path in paths])

    return put


@pytest.fixture
def sources_file(tmp_path):
    """``sources_file(*urls, kind=...)``: a sources file following ``urls``, polite to no one (a local site)."""

    def write(*urls: str, kind: str = "feed", follow: bool = True, interval: str = "1s") -> Path:
        entries = "".join(
            f'[[source]]\nurl = "{url}"\nkind = "{kind}"\ninterval = "{interval}"\nfollow = {str(follow).lower()}\n\n'
            for url in urls
        )
        path = tmp_path / "sources.toml"
        path.write_text(f"[fetch]\nper_host_delay_s = 0\nretries = 1\nbackoff_s = 0.05\ntimeout_s = 5\n\n{entries}")
        return path

    return write
