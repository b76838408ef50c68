"""The dashboard in headless Chromium against `clashwatch serve` on a free local port.

Set CLASHWATCH_SCREENSHOT_DIR (e.g. docs/img) to also save dashboard.png and event.png there.
"""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent (.ci/run installs it with apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, base_url=server)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    outside: list[str] = []
    opened.on("request", lambda request: request.url.startswith((server, "data:")) or outside.append(request.url))
    yield opened
    context.close()
    assert errors == [], f"script errors on the page: {errors}"
    assert outside == [], f"the dashboard fetched from elsewhere: {outside}"


def wait_ready(page) -> None:
    page.wait_for_selector("body[data-ready=true]", timeout=20_000)


def navigate(page, action) -> None:
    """Runs an action that changes the route and waits until the page has rendered the new one."""
    page.evaluate("document.body.dataset.ready = 'false'")
    action()
    wait_ready(page)


def screenshot(page, name: str) -> None:
    folder = os.environ.get("CLASHWATCH_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name), full_page=True)


def test_map_markers_filters_and_list(page, server):
    page.goto("/")
    wait_ready(page)
    located = httpx.get(f"{server}/api/events.geojson").json()["features"]
    markers = page.locator("#map circle.marker")
    assert markers.count() == len(located) > 5
    assert page.locator("#map .land path").count() > 150  # the country outlines
    total = httpx.get(f"{server}/api/events").json()["total"]
    assert page.locator("#events tbody tr").count() == min(total, 50)
    screenshot(page, "dashboard.png")

    width_before = float(page.get_attribute("#map", "viewBox").split()[2])
    box = page.locator("#map").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -600)
    zoomed_in = "width => parseFloat(document.querySelector('#map').getAttribute('viewBox').split(' ')[2]) < width"
    page.wait_for_function(zoomed_in, arg=width_before)

    navigate(page, lambda: page.locator("#timeline g.bar").first.click())
    assert "since=" in page.url and "until=" in page.url
    navigate(page, lambda: page.click("#reset"))

    page.select_option("#filters select[name=event_type]", "Protests")
    navigate(page, lambda: page.click("#filters button[type=submit]"))
    protests = httpx.get(f"{server}/api/events", params={"event_type": "Protests"}).json()
    assert "event_type=Protests" in page.url
    assert page.locator("#events tbody tr").count() == protests["total"] > 0
    assert set(page.locator("#map circle.marker").evaluate_all("ms => ms.map(m => m.dataset.type)")) == {"Protests"}
    types = page.locator("#events tbody tr td:nth-child(2)").all_inner_texts()
    assert {text.strip() for text in types} == {"Protests"}

    navigate(page, lambda: page.click("#events th.sortable button[data-sort=fatalities]"))
    assert "sort=-fatalities" in page.url


def test_event_page_highlights_evidence(page, server):
    kharkiv = httpx.get(f"{server}/api/events", params={"q": "Kharkiv", "sort": "-fatalities"}).json()["events"][0]
    page.goto("/")
    wait_ready(page)
    # Several events share Kharkiv's point, so pick this one's marker from the keyboard rather than by pointer.
    page.focus(f'#map circle.marker[data-id="{kharkiv["id"]}"]')
    navigate(page, lambda: page.keyboard.press("Enter"))
    assert page.url.endswith(f"#/event/{kharkiv['id']}")
    marks = page.locator(".article-text mark")
    assert marks.count() > 3
    fields = " ".join(marks.evaluate_all("ms => ms.map(m => m.dataset.fields)"))
    assert "location" in fields and "fatalities" in fields
    location_text = "".join(page.locator('.article-text mark[data-fields~="location"]').all_inner_texts())
    assert "Kharkiv" in location_text
    assert page.locator(".field-legend .key").count() >= 3
    assert page.locator(".claim .badge").first.inner_text() in {"asserted", "alleged", "denied"}
    screenshot(page, "event.png")


def test_contested_versions_side_by_side(page, server):
    contested_events = httpx.get(f"{server}/api/events", params={"contested": "true"}).json()["events"]
    details = [httpx.get(f"{server}/api/events/{event['id']}").json() for event in contested_events]
    # The event two articles tell differently (others are contested within one article, by two claimants).
    (contested,) = [d for d in details if len({claim["article_id"] for claim in d["claims"]}) == 2]
    page.goto(f"/#/event/{contested['id']}")
    wait_ready(page)
    assert page.locator(".event-title .badge.contested").count() == 1
    header_cells = page.locator(".versions-table thead th")
    assert header_cells.count() == 1 + len(contested["claims"])  # the field names, then one column per claim
    assert page.locator(".versions-table tr.differs").count() >= 1
    assert page.locator("section.article").count() == 2


def test_hostile_article_renders_as_text(page, server):
    found = httpx.get(f"{server}/api/events", params={"q": "Maiduguri"}).json()
    assert found["total"] >= 1, "the coder should find the attack in the hostile article"
    page.goto("/#/?q=Maiduguri")
    wait_ready(page)
    navigate(page, lambda: page.click("#events tbody tr:first-child a"))
    article = page.locator("section.article")
    text = article.locator(".article-text").inner_text()
    assert "<script>window.__pwned" in text and 'onerror="window.__pwned' in text
    assert article.locator("script, img, b").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert "<img" in article.locator("h3").inner_text()
    assert page.evaluate("window.__pwned") is None


def test_sources_panel_shows_health_and_last_update(page, server):
    page.goto("/")
    wait_ready(page)
    panel = page.locator("#sources")
    assert panel.is_visible()
    assert page.locator("#sources tbody tr").count() == 2
    assert page.locator("#sources td.health.failing").inner_text() == "failing"
    assert page.locator("#sources td.health.ok").inner_text() == "ok"
    assert "last update 2026-12-01 08:30 UTC" in page.locator("#sources-note").inner_text()
