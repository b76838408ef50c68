"""Fuzzing the API from its own OpenAPI schema: any query, path or body gets an answer below 500, and the limits
on page size, query length and body size hold."""

from __future__ import annotations

import json
from urllib.parse import quote

from hypothesis import given
from hypothesis import strategies as st

from clashwatch.api.security import MAX_BODY_BYTES, MAX_QUERY_BYTES

# Values that trip parsers: dates, numbers, wildcards, SQL and FTS syntax, control and non-Latin characters.
HOSTILE = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["", "-1", "0", "1e309", "NaN", "2022-02-30", "9999-12-31", "0001-01-01", "-event_date",
                     "%", "_", "*", "\"", "' OR 1=1 --", "NEAR(", "a AND", "1,2,3", "-180,-90,180,90", "nan,0,1,2",
                     "\x00", "\u202e", "..", "../../etc/passwd", "true", "null", "[]", "{}"]),
    st.integers(-(2**70), 2**70).map(str),
)  # fmt: skip


def get_routes(client) -> list[tuple[str, list[str]]]:
    routes = []
    for path, operations in client.app.openapi()["paths"].items():
        if "get" in operations:
            routes.append((path, [parameter["name"] for parameter in operations["get"].get("parameters", [])]))
    return routes


@st.composite
def requests(draw, routes):
    path, names = draw(st.sampled_from(routes))
    params = {}
    for name in names:
        if "{" + name + "}" in path:
            path = path.replace("{" + name + "}", quote(draw(HOSTILE.filter(bool)), safe=""))
        elif draw(st.booleans()):
            params[name] = draw(HOSTILE)
    if draw(st.booleans()):
        params[draw(st.text(min_size=1, max_size=10))] = draw(HOSTILE)
    return path, params


def test_every_get_route_answers_any_query_below_500(client):
    routes = get_routes(client)
    assert any(path == "/api/events" for path, _ in routes)

    @given(request=requests(routes))
    def answers(request):
        path, params = request
        response = client.get(path, params=params)
        assert response.status_code < 500, (path, params, response.text[:300])

    answers()


SUBMISSION_KEYS = st.sampled_from(["text", "articles", "published", "title", "url", "source"]) | st.text(max_size=5)
JSON_BODIES = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=30),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(SUBMISSION_KEYS, children, max_size=4),
    max_leaves=10,
).map(lambda value: json.dumps(value).encode())


@given(body=st.one_of(st.binary(max_size=200), JSON_BODIES))
def test_submissions_of_any_body_answer_below_500_and_never_queue_an_invalid_article(client, auth, body):
    response = client.post("/api/articles", content=body, headers={**auth, "content-type": "application/json"})
    assert response.status_code in (202, 422), response.text[:300]
    unauthenticated = client.post("/api/articles", content=body, headers={"content-type": "application/json"})
    assert unauthenticated.status_code == 401


def test_page_size_query_length_and_body_size_are_capped(client, auth):
    assert client.get("/api/events", params={"limit": 10**6}).status_code == 422
    long_query = client.get("/api/events", params={"q": "x" * (MAX_QUERY_BYTES + 1)})
    assert long_query.status_code == 414 and "query string too long" in long_query.json()["detail"]
    assert client.get("/api/events", params={"q": "x" * 201}).status_code == 422  # each filter has its own cap
    body = json.dumps({"text": "x" * MAX_BODY_BYTES}).encode()
    assert client.post("/api/articles", content=body, headers=auth).status_code == 413


def test_a_token_that_differs_anywhere_is_refused(client, token):
    for wrong in (token[:-1], token + "x", "x" + token[1:], token.upper(), "\u00e9" * len(token)):
        headers = {"Authorization": f"Bearer {wrong}".encode("latin-1")}
        response = client.post("/api/articles", content=b"{}", headers=headers)
        assert response.status_code == 403, wrong
