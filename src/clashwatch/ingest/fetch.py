"""Fetch feeds and pages over HTTP politely: conditional GET, a size cap, retries with backoff, robots.txt, a few
requests at a time per host with a pause between them, and a user agent that says who is asking.

Every problem with a URL becomes a ``FetchError`` whose message says what went wrong in words a user can act on;
nothing here lets an httpx exception escape.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from clashwatch import __version__

PROJECT_URL = "https://github.com/clashwatch/clashwatch"
USER_AGENT = f"ClashWatch/{__version__} (+{PROJECT_URL})"
# Statuses worth asking again for: the server is busy or briefly broken, the page itself may be fine.
_TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class FetchPolicy:
    timeout_s: float = 20.0
    max_bytes: int = 10_000_000  # a body larger than this is refused, not read to the end
    retries: int = 2  # further tries after a transient failure (timeout, connection error, 5xx, 429)
    backoff_s: float = 1.0  # wait before the first retry; doubled before each next one
    per_host_concurrency: int = 2
    per_host_delay_s: float = 1.0  # least time between the starts of two requests to one host
    max_redirects: int = 5
    respect_robots: bool = True
    user_agent: str = USER_AGENT

    def __post_init__(self) -> None:
        if not 1 <= self.per_host_concurrency <= 2:
            raise ValueError("per_host_concurrency must be 1 or 2: more is impolite to one site")


@dataclass(frozen=True)
class Validators:
    """What a server said identifies the version last fetched, sent back to get 304 Not Modified if unchanged."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass
class FetchResult:
    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    body: bytes = b""
    content_type: str | None = None  # the media type, without parameters
    charset: str | None = None  # from the Content-Type header; pages may also declare one in a <meta> tag
    validators: Validators = field(default_factory=Validators)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class FetchError(Exception):
    def __init__(self, url: str, reason: str, transient: bool = False) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.transient = transient  # worth trying again later (the next poll), unlike a 404 or a robots.txt ban


class Fetcher:
    """An httpx ``AsyncClient`` with the policy applied; use as ``async with Fetcher(policy) as fetcher``."""

    def __init__(
        self, policy: FetchPolicy = FetchPolicy(), transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self.policy = policy
        self._client = httpx.AsyncClient(
            headers={"User-Agent": policy.user_agent},
            timeout=policy.timeout_s,
            follow_redirects=False,  # followed here, so each hop is checked against robots.txt and loops are named
            transport=transport,
        )
        self._slots: dict[str, asyncio.Semaphore] = {}
        self._pacing: dict[str, asyncio.Lock] = {}
        self._next_start: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser] = {}

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self._client.aclose()

    async def fetch(self, url: str, validators: Validators | None = None) -> FetchResult:
        """The body at ``url``, or a 304 result when ``validators`` still match; raises ``FetchError``."""
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(url, "not an http(s) URL")
        attempt = 0
        while True:
            try:
                return await self._follow(url, validators or Validators())
            except FetchError as error:
                if not error.transient or attempt >= self.policy.retries:
                    if attempt:
                        raise FetchError(url, f"{error.reason} (after {attempt + 1} tries)", error.transient) from None
                    raise
            await asyncio.sleep(self.policy.backoff_s * 2**attempt)
            attempt += 1

    async def _follow(self, url: str, validators: Validators) -> FetchResult:
        seen = [url]
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            if self.policy.respect_robots and not await self._allowed(current):
                raise FetchError(url, f"robots.txt of {_origin(current)} disallows {current} for ClashWatch")
            result = await self._get(current, validators)
            if result.status not in _REDIRECT_STATUSES:
                result.url = url
                return result
            target = urljoin(current, result.final_url)
            if target in seen:
                raise FetchError(url, "redirect loop: " + " -> ".join([*seen, target]))
            seen.append(target)
            current = target
        raise FetchError(url, f"too many redirects (more than {self.policy.max_redirects})")

    async def _get(self, url: str, validators: Validators) -> FetchResult:
        headers = {}
        if validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        host = urlsplit(url).netloc.lower()
        async with self._slot(host):
            await self._pace(host)
            try:
                async with self._client.stream("GET", url, headers=headers) as response:
                    return await self._result(url, response)
            except httpx.TimeoutException:
                raise FetchError(url, f"timed out after {self.policy.timeout_s:g} s", transient=True) from None
            except httpx.TransportError as error:
                raise FetchError(url, f"cannot connect: {error or type(error).__name__}", transient=True) from None
            except httpx.HTTPError as error:
                raise FetchError(url, f"HTTP error: {error or type(error).__name__}") from None

    async def _result(self, url: str, response: httpx.Response) -> FetchResult:
        status = response.status_code
        if status in _REDIRECT_STATUSES:
            location = response.headers.get("Location")
            if not location:
                raise FetchError(url, f"HTTP {status} redirect without a Location header")
            return FetchResult(url, location, status)
        if status == 304:
            return FetchResult(url, url, status, validators=_validators(response))
        if status >= 400:
            reason = f"HTTP {status} {response.reason_phrase}".rstrip()
            raise FetchError(url, reason, transient=status in _TRANSIENT_STATUSES)
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.policy.max_bytes:
            raise FetchError(url, f"{int(declared):,} bytes is over the cap of {self.policy.max_bytes:,} bytes; not read")
        body = bytearray()
        async for chunk in response.aiter_bytes():  # decompressed (gzip, deflate) as it arrives
            body.extend(chunk)
            if len(body) > self.policy.max_bytes:
                raise FetchError(url, f"larger than the cap of {self.policy.max_bytes:,} bytes; not read further")
        content_type = response.headers.get("Content-Type", "")
        media_type = content_type.split(";", 1)[0].strip().lower() or None
        return FetchResult(
            url, str(response.url), status, bytes(body), media_type, response.charset_encoding, _validators(response)
        )

    def _slot(self, host: str) -> asyncio.Semaphore:
        if host not in self._slots:
            self._slots[host] = asyncio.Semaphore(self.policy.per_host_concurrency)
        return self._slots[host]

    async def _pace(self, host: str) -> None:
        lock = self._pacing.setdefault(host, asyncio.Lock())
        loop = asyncio.get_running_loop()
        async with lock:
            wait = self._next_start.get(host, 0.0) - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            self._next_start[host] = loop.time() + self.policy.per_host_delay_s

    async def _allowed(self, url: str) -> bool:
        origin = _origin(url)
        if origin not in self._robots:
            self._robots[origin] = await self._read_robots(origin)
        return self._robots[origin].can_fetch(self.policy.user_agent, url)

    async def _read_robots(self, origin: str) -> RobotFileParser:
        parser = RobotFileParser(f"{origin}/robots.txt")
        try:
            result = await self._get(f"{origin}/robots.txt", Validators())
        except FetchError as error:
            # As urllib.robotparser does: a site that forbids reading its rules forbids everything; missing rules
            # (404) or a broken server allow everything.
            parser.disallow_all = error.reason.startswith(("HTTP 401", "HTTP 403"))
            parser.allow_all = not parser.disallow_all
            return parser
        if result.status != 200:
            parser.allow_all = True
            return parser
        parser.parse(result.body.decode(result.charset or "utf-8", errors="replace").splitlines())
        return parser


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _validators(response: httpx.Response) -> Validators:
    return Validators(response.headers.get("ETag"), response.headers.get("Last-Modified"))
