"""The seed article, two rewrites of the same fighting from each side, and an unrelated clash a week later,
coded by the real coder and linked."""

from pathlib import Path

import pytest

from clashwatch.link import link_events
from clashwatch.paths import PACKAGE_DATA
from clashwatch.records import Article

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "armenia-azerbaijan-2022-09.txt"
EXAMPLES = PACKAGE_DATA / "link-examples"
FIGHT = ("armenia-view-2022-09-13.txt", "azerbaijan-view-2022-09-13.txt")
UNRELATED = "tajikistan-kyrgyzstan-2022-09-20.txt"


@pytest.mark.slow
def test_one_fight_told_three_ways_links_into_one_contested_event():
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED}")
    from clashwatch.extract import EventCoder

    coder = EventCoder()
    articles = {name: Article(text=(EXAMPLES / name).read_text()) for name in (*FIGHT, UNRELATED)}
    articles["seed"] = Article(text=SEED.read_text())
    reports = {name: coder.code(article) for name, article in articles.items()}
    for name, coded in reports.items():
        assert coded, f"the coder found no event in {name}"
    article_of = {article.id: name for name, article in articles.items()}

    result = link_events([event for coded in reports.values() for event in coded])
    sources = [{article_of[claim.article_id] for claim in event.claims} for event in result.events]

    fight = [event for event, names in zip(result.events, sources) if {"seed", *FIGHT} <= names]
    assert fight, f"no event joins the seed and both rewrites: {sources}"
    assert fight[0].contested
    assert all(UNRELATED not in names or names == {UNRELATED} for names in sources)
