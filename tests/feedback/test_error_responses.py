"""What every error response says and carries: the words for what happened, and the site's security headers."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from notify.db import Database
from tests.factories import add_staff, csrf_of, log_in, question_fields, submit

TROUBLE = ("area", "ticket_event")
SECURITY_HEADERS = {
    "Referrer-Policy": "no-referrer",  # the tracking link's token must not leak
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; "
    "base-uri 'self'",
}


@asynccontextmanager
async def database_trouble(database: Database) -> AsyncIterator[None]:
    """Two tables go missing, so the question form fails to load and every question fails to save: a real 500."""
    async with database.transaction() as session:
        for table in TROUBLE:
            await session.execute(sa.text(f"ALTER TABLE {table} RENAME TO {table}_away"))
    try:
        yield
    finally:
        async with database.transaction() as session:
            for table in TROUBLE:
                await session.execute(sa.text(f"ALTER TABLE {table}_away RENAME TO {table}"))


def assert_secured(response, what: str) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, f"{what}: {name}"


async def test_a_500_says_what_was_and_was_not_saved(client: AsyncTestClient, database: Database) -> None:
    form = await client.get("/gui-cau-hoi")
    data = {**{k: str(v) for k, v in question_fields().items()}, "_csrf_token": csrf_of(form.text)}
    async with database_trouble(database):
        page = await client.get("/gui-cau-hoi")
        sent = await client.post("/gui-cau-hoi", data=data)
        api = await client.post("/api/v1/questions", json=question_fields())
    assert page.status_code == 500
    assert "Hệ thống gặp sự cố. Vui lòng thử lại sau ít phút." in page.text
    assert "lưu" not in page.text  # a GET saves nothing: saying "not saved" would only alarm
    assert sent.status_code == 500
    assert "những gì bạn gửi chưa được lưu" in sent.text
    assert api.status_code == 500 and "những gì bạn gửi chưa được lưu" in api.json()["detail"]
    english = await client.get("/ngon-ngu/en", follow_redirects=False)
    assert english.status_code == 303
    async with database_trouble(database):
        page = await client.get("/gui-cau-hoi")
    assert "Something went wrong on our side. Please try again in a moment." in page.text


async def test_every_response_carries_the_security_headers(
    client: AsyncTestClient, database: Database, tmp_path
) -> None:
    submitted = await submit(database, tmp_path)
    await add_staff(database, "xd.cv", "officer", "SXD")
    responses = {
        "page": await client.get("/"),
        "404 of a path no route has": await client.get("/khong-co-trang-nay"),
        "404 of a question": await client.get("/hoi-dap/2026-999999"),
        "404 of a file, its URL carrying the token": await client.get(
            f"/cau-hoi/{submitted.reference}/tep/999", params={"token": submitted.token}
        ),
        "405": await client.delete("/"),
        "403 of a form without its CSRF token": await client.post("/gui-cau-hoi", data={"title": "x"}),
        "API 422": await client.post("/api/v1/questions", json=question_fields(title="")),
        "API 400": await client.post("/api/v1/questions", content=b"{", headers={"content-type": "application/json"}),
        "API 404": await client.get(f"/api/v1/questions/{submitted.reference}", params={"token": "wrong"}),
        "static file": await client.get("/static/css/site.css"),
    }
    async with database_trouble(database):
        responses["500 page"] = await client.get("/gui-cau-hoi")
        responses["API 500"] = await client.post("/api/v1/questions", json=question_fields())
    await log_in(client, "xd.cv")
    responses["404 of a staff file"] = await client.get("/can-bo/tep/999")
    for what, response in responses.items():
        assert response.status_code >= 200, what
        assert_secured(response, what)
    assert [r.status_code for r in responses.values()] == [
        200, 404, 404, 404, 405, 403, 422, 400, 404, 200, 500, 500, 404,
    ]  # fmt: skip
