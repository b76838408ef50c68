"""A news site on a local port, over real HTTP: feeds and article pages held in memory and changeable while it
serves, with ETags, gzip, failures and slow responses on demand. ``clashwatch.watch.bench`` measures ``watch``
against it, and the tests follow it; it is not meant for anything on a network.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from dataclasses import dataclass, field
from email.utils import format_datetime
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


@dataclass
class Resource:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay_s: float = 0.0  # wait before answering
    _gzipped: bytes | None = None

    def gzipped(self) -> bytes:
        """The body compressed, once: a server keeps compressed copies rather than compressing every request."""
        if self._gzipped is None:
            self._gzipped = gzip.compress(self.body, compresslevel=6)
        return self._gzipped


@dataclass
class LocalSite:
    resources: dict[str, Resource] = field(default_factory=dict)
    hits: dict[str, int] = field(default_factory=dict)
    conditional_hits: dict[str, int] = field(default_factory=dict)  # requests that sent If-None-Match
    posted: list[tuple[str, bytes]] = field(default_factory=list)  # (path, body) of each POST, as a webhook receives
    _server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self._server is not None, "start the site first"
        return f"http://127.0.0.1:{self._server.server_port}"

    def start(self) -> LocalSite:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out at once, not 40 ms apart

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                site._answer(self)

            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                length = int(self.headers.get("Content-Length") or 0)
                site.posted.append((self.path, self.rfile.read(length)))
                site._send(self, 204 if self.path in site.resources else 404, b"", None)

            def log_message(self, *args: object) -> None:
                pass

        self._server = _QuietServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> LocalSite:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def put(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8", **options) -> str:
        """Serves ``body`` at ``path`` from now on; returns its full URL."""
        raw = body.encode("utf-8") if isinstance(body, str) else body
        self.resources[path] = Resource(raw, content_type, **options)
        return self.url + path

    def put_feed(self, path: str, title: str, items: list[tuple[str, str]]) -> str:
        """An RSS 2.0 feed at ``path`` of (title, link path) items."""
        entries = "".join(
            f"<item><title>{escape(item_title)}</title><link>{escape(self.url + link)}</link>"
            f"<pubDate>{format_datetime(datetime(2022, 9, 13, 8, 0, tzinfo=UTC))}</pubDate></item>"
            for item_title, link in items
        )
        document = f'<?xml version="1.0"?><rss version="2.0"><channel><title>{escape(title)}</title>{entries}</channel></rss>'
        return self.put(path, document, "application/rss+xml")

    def put_article(self, path: str, title: str, paragraphs: list[str], canonical: str | None = None) -> str:
        return self.put(path, article_page(title, paragraphs, canonical and self.url + canonical))

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path
        self.hits[path] = self.hits.get(path, 0) + 1
        resource = self.resources.get(path)
        if resource is None:
            self._send(handler, 404, b"not found", "text/plain")
            return
        if resource.delay_s:
            time.sleep(resource.delay_s)
        etag = '"' + hashlib.sha1(resource.body).hexdigest()[:16] + '"'
        if handler.headers.get("If-None-Match"):
            self.conditional_hits[path] = self.conditional_hits.get(path, 0) + 1
            if handler.headers["If-None-Match"] == etag and resource.status == 200:
                self._send(handler, 304, b"", None, ETag=etag)
                return
        body = resource.body
        headers = {"ETag": etag} if resource.status == 200 else {}
        if "gzip" in handler.headers.get("Accept-Encoding", "") and len(body) > 512:
            body, headers["Content-Encoding"] = resource.gzipped(), "gzip"
        self._send(handler, resource.status, body, resource.content_type, **headers)

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, status: int, body: bytes, content_type: str | None, **headers) -> None:
        handler.send_response(status)
        if content_type:
            handler.send_header("Content-Type", content_type)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        import sys

        # A client that closes its kept-alive connection (as every client does at its end) is not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def article_page(title: str, paragraphs: list[str], canonical: str | None = None) -> str:
    """A news page with navigation and footer boilerplate around the story, as outlets publish them."""
    link = f'<link rel="canonical" href="{escape(canonical)}">' if canonical else ""
    body = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{escape(title)}</title>{link}"
        "<meta property='og:site_name' content='Local Wire'>"
        "<meta property='article:published_time' content='2022-09-13T08:00:00Z'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/about'>About us</a></nav>"
        f"<article><h1>{escape(title)}</h1>{body}</article>"
        "<footer>Copyright Local Wire. All rights reserved. Subscribe to our newsletter.</footer></body></html>"
    )
