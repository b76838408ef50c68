"""Read endpoints over a database the real coder filled: filters, pagination, sorting, detail, GeoJSON, stats."""

from __future__ import annotations

import subprocess
import sys

import pytest

from clashwatch.api.read import MAX_PAGE


def events(client, **params) -> dict:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_list_reports_total_and_summaries(client, store):
    page = events(client, limit=5)
    assert page["total"] == store.count_events() > 5
    assert len(page["events"]) == 5
    assert page["next_offset"] == 5
    assert {"id", "event_type", "latitude", "contested"} <= page["events"][0].keys()


def test_pages_cover_every_event_once(client):
    total = events(client)["total"]
    seen: list[str] = []
    offset = 0
    while offset is not None:
        page = events(client, limit=4, offset=offset, sort="event_date")
        seen += [event["id"] for event in page["events"]]
        offset = page["next_offset"]
    assert len(seen) == len(set(seen)) == total


def test_capped_total_says_more_and_pages_still_reach_the_end(client, store, monkeypatch):
    import clashwatch.api.read

    monkeypatch.setattr(clashwatch.api.read, "COUNT_CAP", 3)
    first = events(client, limit=2)
    assert (first["total"], first["total_exact"], first["next_offset"]) == (3, False, 2)
    seen: list[str] = []
    offset = 0
    while offset is not None:
        page = events(client, limit=2, offset=offset)
        seen += [event["id"] for event in page["events"]]
        offset = page["next_offset"]
    assert len(seen) == len(set(seen)) == store.count_events()
    counted = events(client, limit=2, exact_total="true")
    assert (counted["total"], counted["total_exact"]) == (store.count_events(), True)


def test_filtered_requests_do_not_load_the_nlp_pipeline(tmp_path):
    # The server answers filters by ACLED type from the records' typology, not from the spaCy-based extractors.
    script = (
        "import sys; from fastapi.testclient import TestClient; from clashwatch.api import create_app; "
        "from clashwatch.store import Store; "
        f"client = TestClient(create_app(Store({str(tmp_path / 'empty.db')!r}))); "
        "assert client.get('/api/events', params={'event_type': 'battles'}).status_code == 200; "
        "assert client.get('/api/stats', params={'sub_event_type': 'armed clash'}).status_code == 200; "
        "print(sorted(name for name in sys.modules if name == 'spacy' or name.startswith('clashwatch.extract')))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": MAX_PAGE + 1}, "query.limit"),
        ({"limit": 0}, "query.limit"),
        ({"offset": -1}, "query.offset"),
        ({"since": "2024-13-01"}, "query.since"),
        ({"since": "2024-05-01", "until": "2024-01-01"}, "query.until"),
        ({"sort": "actor1; DROP TABLE events"}, "query.sort"),
        ({"bbox": "1,2,3"}, "query.bbox"),
        ({"bbox": "0,80,10,10"}, "query.bbox"),
        ({"bbox": "a,b,c,d"}, "query.bbox"),
        ({"contested": "maybe"}, "query.contested"),
        ({"q": "x" * 201}, "query.q"),
        ({"added_since": "yesterday"}, "query.added_since"),
    ],
)
def test_bad_parameters_are_422_naming_the_field(client, params, field):
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    body = response.json()
    assert field in [problem["field"] for problem in body["detail"]]
    assert field in body["message"]


def test_filter_by_type_and_sub_type(client):
    battles = events(client, event_type="battles", limit=MAX_PAGE)
    assert battles["total"] > 0
    assert {event["event_type"] for event in battles["events"]} == {"Battles"}
    clashes = events(client, event_type="Battles", sub_event_type="Armed clash", limit=MAX_PAGE)
    assert 0 < clashes["total"] <= battles["total"]
    assert {event["sub_event_type"] for event in clashes["events"]} == {"Armed clash"}


def test_filter_by_country_name_or_iso3_and_admin1(client):
    by_name = events(client, country="Somalia")
    by_code = events(client, country="som")
    assert by_name["total"] == by_code["total"] > 0
    assert {event["iso3"] for event in by_code["events"]} == {"SOM"}
    admin1 = by_code["events"][0]["admin1"]
    in_region = events(client, country="SOM", admin1=admin1.upper())
    assert 0 < in_region["total"] <= by_code["total"]
    assert {event["admin1"] for event in in_region["events"]} == {admin1}


def test_filter_by_date_range(client):
    inside = events(client, since="2024-02-01", until="2024-02-29", limit=MAX_PAGE)
    assert inside["total"] > 0
    assert all("2024-02-01" <= event["event_date"] <= "2024-02-29" for event in inside["events"])
    assert inside["total"] < events(client)["total"]


def test_filter_by_actor_substring(client):
    found = events(client, actor="police forces", limit=MAX_PAGE)
    assert found["total"] > 0
    for event in found["events"]:
        names = (event["actor1"], event["actor2"], event["assoc_actor_1"], event["assoc_actor_2"])
        actors = " ".join(filter(None, names))
        assert "police forces" in actors.lower()


def test_text_search_matches_article_words(client):
    found = events(client, q="Kharkiv")
    assert found["total"] > 0
    assert {event["country"] for event in found["events"]} == {"Ukraine"}
    assert events(client, q="zzzunheardofword")["total"] == 0
    # FTS5 syntax in user input is searched as words, never parsed as a query.
    assert events(client, q='Kharkiv" OR "x')["total"] == 0


def test_bounding_box_and_antimeridian(client):
    horn = events(client, bbox="40,-2,52,12", limit=MAX_PAGE)  # the Horn of Africa
    assert horn["total"] > 0
    assert all(40 <= e["longitude"] <= 52 and -2 <= e["latitude"] <= 12 for e in horn["events"])
    # A box from 170°E across the antimeridian to 30°E covers Africa and Europe but not the Caucasus or Asia.
    across = events(client, bbox="170,-90,30,90", limit=MAX_PAGE)
    assert across["total"] > 0
    assert all(e["longitude"] >= 170 or e["longitude"] <= 30 for e in across["events"])
    assert not any(event["iso3"] in {"SOM", "BGD", "GEO"} for event in across["events"])


def test_contested_only(client, contested_id):
    found = events(client, contested="true", limit=MAX_PAGE)
    assert contested_id in [event["id"] for event in found["events"]]
    assert all(event["contested"] is True for event in found["events"])
    assert found["total"] < events(client, limit=MAX_PAGE)["total"]


def test_sort_by_fatalities_puts_unknowns_last(client):
    listed = events(client, sort="-fatalities", limit=MAX_PAGE)["events"]
    known = [event["fatalities"] for event in listed if event["fatalities"] is not None]
    assert known == sorted(known, reverse=True)
    assert known[0] > 0
    first_unknown = next((i for i, event in enumerate(listed) if event["fatalities"] is None), len(listed))
    assert all(event["fatalities"] is None for event in listed[first_unknown:])


def test_sort_by_date_both_ways(client):
    newest = [event["event_date"] for event in events(client, limit=MAX_PAGE)["events"] if event["event_date"]]
    oldest = [event["event_date"] for event in events(client, sort="event_date", limit=MAX_PAGE)["events"]]
    assert newest == sorted(newest, reverse=True)
    assert [day for day in oldest if day] == sorted(newest)


def test_event_detail_has_claims_sources_and_evidence_into_each_article(client, store):
    event_id = events(client, q="Kharkiv", event_type="Explosions/Remote violence")["events"][0]["id"]
    detail = client.get(f"/api/events/{event_id}").json()
    assert detail["fatalities"] == 2
    # The governor and the regional administration each tell of the shelling: one event, two claims.
    assert len(detail["claims"]) == 2
    assert all(claim["stance"] in {"asserted", "alleged", "denied"} for claim in detail["claims"])
    assert "Kharkiv" in detail["claims"][0]["sentences"][0]["text"]
    (source,) = detail["sources"]
    assert source["outlet"] == "Eastern Desk" and source["published"] == "2024-03-04"
    fields = {span["field"] for span in detail["evidence"]}
    assert {"location", "fatalities", "actor1"} <= fields
    article = store.get_article(source["id"])
    for span in detail["evidence"]:
        assert span["article_id"] == source["id"]
        assert article.text[span["start"] : span["end"]] == span["text"]


def test_contested_event_keeps_both_versions(client, contested_id):
    detail = client.get(f"/api/events/{contested_id}").json()
    assert detail["contested"] is True
    assert len({claim["article_id"] for claim in detail["claims"]}) == 2
    assert len(detail["sources"]) == 2
    assert all(claim["version"] for claim in detail["claims"])
    assert {span["article_id"] for span in detail["evidence"]} == {source["id"] for source in detail["sources"]}


def test_article_with_evidence_offsets(client, store):
    event_id = events(client, country="UKR")["events"][0]["id"]
    article_id = client.get(f"/api/events/{event_id}").json()["sources"][0]["id"]
    article = client.get(f"/api/articles/{article_id}").json()
    assert article["text"] == store.get_article(article_id).text
    assert article["evidence"]
    assert {span["event_id"] for span in article["evidence"]} >= {event_id}
    for span in article["evidence"]:
        assert article["text"][span["start"] : span["end"]] == span["text"]


def test_unknown_ids_are_404(client):
    assert client.get("/api/events/nope").status_code == 404
    assert "nope" in client.get("/api/articles/nope").json()["detail"]


def test_geojson_points_match_filters(client):
    response = client.get("/api/events.geojson", params={"country": "SOM"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/geo+json")
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == events(client, country="SOM")["total"]
    for feature in collection["features"]:
        longitude, latitude = feature["geometry"]["coordinates"]
        assert 40 < longitude < 52 and -2 < latitude < 12
        assert feature["properties"]["iso3"] == "SOM"
    assert client.get("/api/events.geojson", params={"limit": 10_001}).status_code == 422


def test_stats_add_up(client):
    stats = client.get("/api/stats").json()
    assert stats["total"] == events(client)["total"]
    assert sum(row["count"] for row in stats["by_type"]) == stats["total"]
    assert sum(row["count"] for row in stats["by_country"]) == stats["total"]
    dated = events(client, since="1900-01-01", limit=1)["total"]
    assert sum(row["count"] for row in stats["by_day"]) == dated
    days = [row["date"] for row in stats["by_day"]]
    assert days == sorted(days)
    somalia = client.get("/api/stats", params={"country": "SOM"}).json()
    assert [row["iso3"] for row in somalia["by_country"]] == ["SOM"]
    assert somalia["fatalities"] >= 11


def test_openapi_schema_lists_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {
        "/api/events",
        "/api/events.geojson",
        "/api/events/{event_id}",
        "/api/stats",
        "/api/articles/{article_id}",
        "/api/articles",
        "/api/jobs/{job_id}",
        "/api/sources",
    } <= paths.keys()
    body = paths["/api/articles"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert {"$ref": "#/components/schemas/ArticleIn"} in body["anyOf"]


def test_dashboard_and_assets_are_served_locally(client):
    page = client.get("/")
    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "http" not in page.text.replace('href="#/"', "")  # no CDN or other remote asset
    script = client.get("/static/app.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    outlines = client.get("/static/world.geojson", headers={"accept-encoding": "gzip"})
    assert outlines.status_code == 200 and outlines.headers["content-encoding"] == "gzip"


def test_dashboard_never_writes_data_as_markup():
    from clashwatch.api import STATIC_DIR

    for script in STATIC_DIR.glob("*.js"):
        source = script.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in source, f"{script.name} uses {sink}"


def test_sources_list_each_followed_feed_with_its_health(client):
    sources = {source["url"]: source for source in client.get("/api/sources").json()}
    wire, down = sources["https://wire.example.org/rss.xml"], sources["https://down.example.org/feed.xml"]
    assert (wire["name"], wire["health"], wire["articles"], wire["error_count"]) == ("Example Wire", "ok", 3, 0)
    assert wire["last_success"].startswith("2026-12-01T08:30")
    assert (down["health"], down["error_count"], down["last_success"]) == ("failing", 3, None)
    assert "HTTP 503" in down["last_error"]


def test_events_added_since_poll_only_what_is_new(client):
    first = client.get("/api/events").json()
    assert first["total"] > 0 and first["as_of"]
    assert client.get("/api/events", params={"added_since": "2000-01-01T00:00:00Z"}).json()["total"] == first["total"]
    assert client.get("/api/events", params={"added_since": first["as_of"]}).json()["events"] == []
