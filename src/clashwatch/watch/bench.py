"""Benchmark: ``watch`` over a local site of FEEDS feeds x ITEMS items against ``ingest`` of the same pages as files.

    python -m clashwatch.watch.bench --feeds 50 --items 40

Both code and store (SQLite) the same HTML pages with the same warmed-up coder, twice each in the order ingest,
watch, watch, ingest (times are the mean of the two); the figure that matters is watch's
articles/s as a share of ingest's, which says whether fetching (HTTP, feed parsing, politeness) slows coding down.
Linking is left out of both by default (``--link`` puts it in): the pages are copies of a few bundled stories, so
every report links into one of a handful of events and linking, not fetching or coding, would take most of the time.
The site is local, so the per-host delay is 0 (a real sources file keeps the default 1 s).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from clashwatch.ingest import expand_paths
from clashwatch.scale.bench import synthetic_articles
from clashwatch.scale.pipeline import IngestOptions, LocalCoding, run_ingest
from clashwatch.store import Store
from clashwatch.watch.localsite import LocalSite, article_page
from clashwatch.watch.monitor import Monitor
from clashwatch.watch.sources import load_sources


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--items", type=int, default=40, help="items per feed")
    parser.add_argument("--link", action="store_true", help="link each saved batch, in both runs")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    arguments = parser.parse_args()
    figures = run(arguments.feeds, arguments.items, arguments.link)
    if arguments.json:
        print(json.dumps(figures))
        return
    print(f"pages               {figures['articles']} ({arguments.feeds} feeds x {arguments.items} items)")
    print(f"ingest (files)      {figures['ingest_s']:.1f} s  ({figures['ingest_articles_per_s']:.1f} articles/s)")
    print(f"watch (HTTP)        {figures['watch_s']:.1f} s  ({figures['watch_articles_per_s']:.1f} articles/s)")
    print(f"watch / ingest      {figures['watch_share']:.0%} of ingest's articles/s")
    print(f"peak memory (RSS)   {figures['peak_rss_mb']:.0f} MB")


def run(feeds: int, items: int, link: bool = False) -> dict[str, float]:
    from clashwatch.extract import EventCoder

    articles = synthetic_articles(feeds * items)
    pages = {
        f"/story/{number}.html": article_page(article.title or "Report", article.text.split("\n\n"))
        for number, article in enumerate(articles)
    }
    coder = EventCoder()
    coder.code_many(articles[:8])  # load the model and lexicons before either clock starts
    options = IngestOptions(link=link)
    seconds = {"ingest": 0.0, "watch": 0.0}
    stored = {}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        pages_dir = root / "pages"
        pages_dir.mkdir()
        for path, page in pages.items():
            (pages_dir / Path(path).name).write_text(page, encoding="utf-8")
        files = list(expand_paths([pages_dir]))
        with Store(str(root / "warm-up.db")) as store:  # first-run costs (schema, linker imports) out of the clock
            run_ingest(store, files[:8], LocalCoding(coder), options)
        with _site_process(pages, feeds, items) as site_url:
            sources = [f'[[source]]\nurl = "{site_url}/feed/{feed}.xml"\ninterval = "1h"\n' for feed in range(feeds)]
            sources_path = root / "sources.toml"
            sources_path.write_text("[fetch]\nper_host_delay_s = 0\n\n" + "\n".join(sources), encoding="utf-8")
            # In the order A B B A, so that a drift of the machine's speed during the run favours neither.
            for number, kind in enumerate(("ingest", "watch", "watch", "ingest")):
                with Store(str(root / f"{kind}-{number}.db")) as store:
                    started = time.perf_counter()
                    if kind == "ingest":
                        stored[kind] = run_ingest(store, files, LocalCoding(coder), options).new
                    else:
                        with Monitor(store, load_sources(sources_path), LocalCoding(coder), options=options) as monitor:
                            monitor.poll()
                        stored[kind] = monitor.counts.new
                    seconds[kind] += time.perf_counter() - started
    ingest_s, watch_s = seconds["ingest"] / 2, seconds["watch"] / 2
    if stored["watch"] != stored["ingest"]:
        raise RuntimeError(f"watch stored {stored['watch']} articles but ingest {stored['ingest']}: not the same work")
    ingest_rate, watch_rate = stored["ingest"] / ingest_s, stored["watch"] / watch_s
    return {
        "articles": stored["ingest"],
        "ingest_s": ingest_s,
        "watch_s": watch_s,
        "ingest_articles_per_s": ingest_rate,
        "watch_articles_per_s": watch_rate,
        "watch_share": watch_rate / ingest_rate,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


@contextmanager
def _site_process(pages: dict[str, str], feeds: int, items: int) -> Iterator[str]:
    """The site served by another process, as a real site is: its HTTP work does not share this process's CPU."""
    context = multiprocessing.get_context("fork")
    urls = context.Queue()
    server = context.Process(target=_serve, args=(pages, feeds, items, urls), daemon=True)
    server.start()
    try:
        yield urls.get(timeout=60)
    finally:
        server.terminate()
        server.join()


def _serve(pages: dict[str, str], feeds: int, items: int, urls) -> None:
    site = LocalSite().start()
    paths = list(pages)
    for path, page in pages.items():
        site.put(path, page)
    for feed in range(feeds):
        chunk = paths[feed * items : (feed + 1) * items]
        site.put_feed(f"/feed/{feed}.xml", f"Wire {feed}", [(f"Report {path}", path) for path in chunk])
    urls.put(site.url)
    threading.Event().wait()


if __name__ == "__main__":
    main()
