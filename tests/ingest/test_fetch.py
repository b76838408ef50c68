"""The fetcher and the byte readers against a real local HTTP server (http.server in a thread)."""

from __future__ import annotations

import asyncio
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from clashwatch.ingest.fetch import Fetcher, FetchError, FetchPolicy
from clashwatch.ingest.readers import IngestFailure, parse_feed, read_html_bytes

ENGLISH = "Gunmen attacked a police post in the north of the country on Monday and killed three officers, " * 5
FRENCH = "Des hommes armés ont attaqué un poste de police dans le nord du pays lundi et ont tué trois agents, " * 5


class _Site(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        _Site.hits[self.path] = _Site.hits.get(self.path, 0) + 1
        if self.path in ("/loop-a", "/loop-b"):
            self._send(302, b"", Location="/loop-b" if self.path == "/loop-a" else "/loop-a")
        elif self.path == "/robots.txt":
            self._send(200, b"User-agent: *\nDisallow: /private\n")
        elif self.path == "/flaky":
            self._send(503, b"busy")
        elif self.path == "/missing":
            self._send(404, b"no")
        elif self.path == "/huge":
            self._send(200, b"x" * 50_000)
        elif self.headers.get("If-None-Match") == '"v1"':
            self._send(304, b"")
        else:
            self._send(200, b"hello", ETag='"v1"')

    def _send(self, status: int, body: bytes, **headers: str) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def _fetch(url: str, **policy: float):
    async def run():
        async with Fetcher(FetchPolicy(per_host_delay_s=0, backoff_s=0.01, **policy)) as fetcher:
            first = await fetcher.fetch(url)
            return first, await fetcher.fetch(url, first.validators)

    return asyncio.run(run())


def test_conditional_get_gets_304_with_the_stored_etag(site):
    first, second = _fetch(f"{site}/page")
    assert (first.status, first.body, first.validators.etag) == (200, b"hello", '"v1"')
    assert second.not_modified and second.body == b""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/loop-a", "redirect loop"),
        ("/private/x", "robots.txt"),
        ("/missing", "HTTP 404"),
        ("/flaky", "HTTP 503"),
        ("/huge", "cap of 1,000 bytes"),
    ],
)
def test_failures_are_clear_errors(site, path, expected):
    with pytest.raises(FetchError, match=expected):
        _fetch(f"{site}{path}", max_bytes=1000)


def test_transient_failures_are_retried_then_reported(site):
    before = _Site.hits.get("/flaky", 0)
    with pytest.raises(FetchError, match=r"after 3 tries") as raised:
        _fetch(f"{site}/flaky", retries=2)
    assert raised.value.transient and _Site.hits["/flaky"] - before == 3


def test_html_given_as_feed_and_json_feed():
    assert "HTML page" in parse_feed(b"<!DOCTYPE html><html><body>x</body></html>", "u").reason
    feed = parse_feed(
        b'{"version": "https://jsonfeed.org/version/1.1", "title": "T", '
        b'"items": [{"id": "1", "url": "http://x/a", "title": "A", "content_text": "Body"}]}',
        "u",
    )
    assert feed.title == "T" and [(entry.link, entry.text) for entry in feed.entries] == [("http://x/a", "Body")]


def test_non_english_page_is_skipped_and_legacy_charset_decoded():
    page = "<html><head><meta charset='iso-8859-1'></head><body><article><p>{}</p></article></body></html>"
    french = read_html_bytes(page.format(FRENCH).encode("iso-8859-1"), "http://x/fr")
    assert isinstance(french, IngestFailure) and "not English" in french.reason
    english = read_html_bytes(page.format(ENGLISH + " Café.").encode("iso-8859-1"), "http://x/en")
    assert "Café" in english.text
