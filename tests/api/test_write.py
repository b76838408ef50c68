"""Submitting articles: token checks, validation, size limits, and background coding with the real coder."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from clashwatch.api import create_app
from clashwatch.store import Store

ARTICLE = {
    "text": "Protesters marched through central Nairobi, Kenya, on Tuesday against a proposed tax increase, "
    "police said. No injuries were reported.",
    "title": "Nairobi tax protest",
    "url": "https://news.example/nairobi",
    "published": "2024-06-25",
    "source": "East Africa Desk",
}


@pytest.fixture
def fresh(tmp_path, coder, token):
    """An empty database behind an app whose coder is the session's real coder, counted as it is built."""
    built = []

    def make_coder():
        built.append(coder)
        return coder

    with Store(str(tmp_path / "write.db")) as store, TestClient(
        create_app(store, token=token, make_coder=make_coder)
    ) as client:
        yield client, store, built


def wait_for(client: TestClient, job_id: str, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["state"] in {"done", "failed"}:
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish in {timeout}s")


def test_submission_is_coded_in_the_background_and_stored(fresh, auth):
    client, store, built = fresh
    assert built == []  # the coder is built on the first submission, not with the app
    response = client.post("/api/articles", json=ARTICLE, headers=auth)
    assert response.status_code == 202, response.text
    job = wait_for(client, response.json()["id"])
    assert job["state"] == "done" and job["progress"] == 1.0 and job["errors"] == []
    (result,) = job["results"]
    assert result["new"] is True and result["event_ids"]
    event = client.get(f"/api/events/{result['event_ids'][0]}").json()
    assert event["event_type"] == "Protests"
    assert event["country"] == "Kenya"
    assert event["sources"] == [
        {
            "id": result["article_id"],
            "outlet": "East Africa Desk",
            "title": "Nairobi tax protest",
            "url": "https://news.example/nairobi",
            "published": "2024-06-25",
        }
    ]
    assert store.count_articles() == 1
    # The same text again is recognised, not coded twice; the coder was built once for both jobs.
    again = wait_for(client, client.post("/api/articles", json=ARTICLE, headers=auth).json()["id"])
    assert again["results"] == [{**result, "new": False}]
    assert len(built) == 1


def test_batch_submission_reports_progress_per_article(fresh, auth):
    client, store, _ = fresh
    batch = {"articles": [ARTICLE, {"text": "Troops clashed with militants near Goma, DR Congo, on Sunday."}]}
    job = client.post("/api/articles", json=batch, headers=auth).json()
    assert job["total"] == 2 and job["state"] in {"queued", "running", "done"}
    finished = wait_for(client, job["id"])
    assert finished["done"] == 2 and len(finished["results"]) == 2
    assert store.count_articles() == 2


def test_coder_that_cannot_load_fails_the_job_with_a_reason(tmp_path, token, auth):
    def broken_coder():
        raise OSError("model files missing")

    with Store(str(tmp_path / "broken.db")) as store, TestClient(
        create_app(store, token=token, make_coder=broken_coder)
    ) as client:
        job = wait_for(client, client.post("/api/articles", json=ARTICLE, headers=auth).json()["id"])
    assert job["state"] == "failed"
    assert "model files missing" in job["message"]
    assert job["results"] == []


def test_writes_refused_when_no_token_is_configured(tmp_path, monkeypatch, auth):
    monkeypatch.delenv("CLASHWATCH_TOKEN", raising=False)
    with Store(str(tmp_path / "closed.db")) as store, TestClient(create_app(store)) as client:
        response = client.post("/api/articles", json=ARTICLE, headers=auth)
        assert response.status_code == 403
        assert "CLASHWATCH_TOKEN" in response.json()["detail"]
        assert client.get("/api/events").status_code == 200  # reads stay open


def test_token_is_read_from_the_environment(tmp_path, monkeypatch, coder, auth):
    monkeypatch.setenv("CLASHWATCH_TOKEN", "from-env")
    with Store(str(tmp_path / "env.db")) as store, TestClient(create_app(store, make_coder=lambda: coder)) as client:
        assert client.post("/api/articles", json=ARTICLE, headers=auth).status_code == 403
        accepted = client.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer from-env"})
        assert accepted.status_code == 202
        assert wait_for(client, accepted.json()["id"])["state"] == "done"


@pytest.mark.parametrize(
    ("authorization", "status"),
    [
        (None, 401),
        ("{token}", 401),
        ("Basic dXNlcjpwYXNz", 401),
        ("Bearer wrong-token", 403),
        ("Bearer {token}x", 403),
    ],
)
def test_bad_credentials_are_refused_before_anything_is_queued(client, token, authorization, status):
    headers = {"Authorization": authorization.format(token=token)} if authorization else {}
    response = client.post("/api/articles", json=ARTICLE, headers=headers)
    assert response.status_code == status
    if status == 401:
        assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "no text"}, "body.text"),
        ({"text": ""}, "body.text"),
        ({**ARTICLE, "url": "not a url"}, "body.url"),
        ({**ARTICLE, "published": "yesterday"}, "body.published"),
        ({**ARTICLE, "outlet": "unknown field"}, "body.outlet"),
        ({"articles": []}, "body.articles"),
        ({"articles": [ARTICLE, {"title": "second has no text"}]}, "body.articles.1.text"),
    ],
)
def test_invalid_articles_are_422_naming_the_field(client, auth, body, field):
    response = client.post("/api/articles", json=body, headers=auth)
    assert response.status_code == 422
    assert field in [problem["field"] for problem in response.json()["detail"]]


def test_body_that_is_not_json_is_422(client, auth):
    response = client.post("/api/articles", content=b"{not json", headers={**auth, "content-type": "application/json"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "body"


def test_bodies_over_the_limit_are_413(client, auth):
    huge = {"text": "x" * 2_100_000}
    response = client.post("/api/articles", json=huge, headers=auth)
    assert response.status_code == 413
    assert "limit" in response.json()["detail"]

    def chunks():  # no Content-Length: the limit must hold for streamed bodies too
        for _ in range(30):
            yield b"x" * 100_000

    streamed = client.post("/api/articles", content=chunks(), headers={**auth, "content-type": "application/json"})
    assert streamed.status_code == 413


def test_unknown_job_is_404(client):
    assert client.get("/api/jobs/0123456789abcdef").status_code == 404
