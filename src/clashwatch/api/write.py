"""Write endpoints: submit articles for coding (token required) and follow the job that codes them."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.exceptions import RequestValidationError
from pydantic import TypeAdapter, ValidationError

from clashwatch.api.jobs import Job, JobRunner
from clashwatch.api.schemas import ArticleError, ArticleIn, ArticleResult, ArticlesIn, JobOut
from clashwatch.api.security import require_token
from clashwatch.records import Article

router = APIRouter(prefix="/api", tags=["write"])

# One article, or {"articles": [...]} for a batch.
SUBMISSION = TypeAdapter(ArticleIn | ArticlesIn)
SUBMISSION_SCHEMA = SUBMISSION.json_schema(ref_template="#/components/schemas/{model}")


def get_jobs(request: Request) -> JobRunner:
    return request.app.state.jobs


@router.post(
    "/articles",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=JobOut,
    dependencies=[Depends(require_token)],
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"anyOf": SUBMISSION_SCHEMA["anyOf"]}}},
        }
    },
    responses={401: {"description": "No bearer token"}, 403: {"description": "Wrong token, or writes disabled"},
               413: {"description": "Body over the size limit"}, 422: {"description": "Invalid article"}},
)  # fmt: skip
async def submit_articles(request: Request, jobs: Annotated[JobRunner, Depends(get_jobs)]) -> JobOut:
    """Queues articles for coding; follow the returned job at ``/api/jobs/{id}``. Requires a bearer token."""
    job = jobs.submit([_article(item) for item in _parse_submission(await request.body())])
    return job_out(job)


@router.get("/jobs/{job_id}", response_model=JobOut)
def get_job(job_id: str, jobs: Annotated[JobRunner, Depends(get_jobs)]) -> JobOut:
    """State and progress of a coding job, and the stored article and event ids once done."""
    job = jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no job with id {job_id!r} (jobs live in server memory until it restarts)")
    return job_out(job)


def job_out(job: Job) -> JobOut:
    return JobOut(
        id=job.id,
        state=job.state.value,
        total=job.total,
        done=job.done,
        progress=round(job.progress, 4),
        created=job.created,
        finished=job.finished,
        results=[ArticleResult(article_id=r.article_id, new=r.new, event_ids=r.event_ids) for r in list(job.results)],
        errors=[ArticleError(index=index, error=error) for index, error in list(job.errors)],
        message=job.message,
    )


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


def _parse_submission(body: bytes) -> list[ArticleIn]:
    try:
        # NaN and Infinity are not JSON, and echoed back in a validation error they would break the response.
        payload: Any = json.loads(body, parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError) as error:
        raise RequestValidationError(
            [{"type": "json_invalid", "loc": ("body",), "msg": f"body is not valid JSON: {error}", "input": None}]
        ) from error
    model = ArticlesIn if isinstance(payload, dict) and "articles" in payload else ArticleIn
    try:
        parsed = model.model_validate(payload)
    except ValidationError as error:
        raise RequestValidationError(
            [{**detail, "loc": ("body", *detail["loc"])} for detail in error.errors(include_url=False)]
        ) from error
    return parsed.articles if isinstance(parsed, ArticlesIn) else [parsed]


def _article(item: ArticleIn) -> Article:
    return Article(
        text=item.text,
        title=item.title,
        url=str(item.url) if item.url else None,
        outlet=item.source,
        published=item.published,
    )
