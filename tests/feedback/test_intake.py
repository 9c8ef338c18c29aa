"""Intake under concurrency and at the turn of the year."""

import asyncio
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from feedback.intake import receive_question
from feedback.models import Channel, Ticket
from notify.db import Database
from tests.factories import question_fields


async def test_concurrent_submissions_get_distinct_consecutive_references(database: Database, tmp_path) -> None:
    async def one() -> str:
        async with database.transaction() as session:
            submitted = await receive_question(
                session,
                question_fields(),
                [],
                channel=Channel.API,
                language="vi",
                upload_dir=tmp_path,
                now=datetime.now(UTC),
            )
            return submitted.reference

    references = await asyncio.gather(*(one() for _ in range(20)))
    assert len(set(references)) == 20
    numbers = sorted(int(r.split("-")[1]) for r in references)
    assert numbers == list(range(numbers[0], numbers[0] + 20))


@pytest.mark.parametrize(
    ("instant", "year"),
    [
        (datetime(2026, 12, 31, 16, 59, tzinfo=UTC), 2026),  # 23:59 in Hà Nội
        (datetime(2026, 12, 31, 17, 1, tzinfo=UTC), 2027),  # 00:01 on 1 January in Hà Nội
    ],
)
async def test_the_year_is_the_vietnamese_year(database: Database, tmp_path, instant: datetime, year: int) -> None:
    async with database.transaction() as session:
        submitted = await receive_question(
            session, question_fields(), [], channel=Channel.WEB, language="vi", upload_dir=tmp_path, now=instant
        )
    assert submitted.reference.startswith(f"{year}-")
    async with database.transaction() as session:
        stored = await session.scalar(sa.select(Ticket))
    assert stored.created_at == instant
