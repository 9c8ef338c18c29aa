"""Every kind of ticket event is told in words, Vietnamese and English, to whoever is shown it."""

from datetime import UTC, datetime, timedelta

import pytest
from litestar.testing import AsyncTestClient

from feedback import answering, handling
from feedback.i18n import gettext, speaking
from feedback.intake import receive_question
from feedback.lifecycle import PUBLIC_EVENTS, EventKind
from feedback.models import Channel
from feedback.staff_view import STAFF_EVENTS
from feedback.tickets import EVENT_DESCRIPTIONS
from notify.db import Database
from tests.factories import add_staff, log_in, question_fields

START = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # Monday 2/3/2026 09:00 in Vietnam


@pytest.mark.parametrize("kind", list(EventKind))
def test_every_event_kind_has_words_in_vietnamese_and_english(kind: EventKind) -> None:
    tables = {"the staff timeline": STAFF_EVENTS}
    if kind.public:
        tables["the citizen's status page and API"] = EVENT_DESCRIPTIONS
    for audience, table in tables.items():
        assert kind in table, f"{kind} has no words for {audience}"
        english = table[kind]
        with speaking("vi"):
            vietnamese = gettext(english)
        assert vietnamese != english, f"{kind}: “{english}” is not translated for {audience}"
        assert "ticket:" not in english and "ticket:" not in vietnamese


def test_the_citizen_is_told_of_exactly_the_public_kinds() -> None:
    assert set(EVENT_DESCRIPTIONS) == PUBLIC_EVENTS


async def test_a_published_answer_is_told_in_words_on_every_page(
    client: AsyncTestClient, database: Database, tmp_path
) -> None:
    await add_staff(database, "xd.tp", "head", "SXD")
    async with database.transaction() as session:
        submitted = await receive_question(
            session, question_fields(), [], channel=Channel.WEB, language="vi", upload_dir=tmp_path, now=START
        )
        await handling.accept(session, submitted.ticket_id, actor_id=None, now=START)
        await answering.submit_answer(session, submitted.ticket_id, text="Hồ sơ gồm đơn.", actor_id=None, now=START)
        # The citizen agreed to publication: approving publishes.
        await answering.approve_answer(session, submitted.ticket_id, actor_id=None, now=START + timedelta(hours=1))
    reference, token = submitted.reference, submitted.token

    page = await client.get(f"/cau-hoi/{reference}", params={"token": token})
    assert "Câu hỏi và câu trả lời của bạn đã được công khai trên chuyên mục hỏi đáp của Cổng thông tin." in page.text
    assert "ticket:" not in page.text
    english = await client.get(f"/cau-hoi/{reference}", params={"token": token}, headers={"Accept-Language": "en"})
    assert "Your question and its answer were published on the portal&#39;s public Q&amp;A pages." in english.text
    assert "ticket:" not in english.text

    for language in ("vi", "en"):
        data = (
            await client.get(
                f"/api/v1/questions/{reference}", params={"token": token}, headers={"Accept-Language": language}
            )
        ).json()
        published = next(e for e in data["events"] if e["kind"] == "ticket:published")
        with speaking(language):
            assert published["description"] == gettext(EVENT_DESCRIPTIONS[EventKind.PUBLISHED])
        assert not [e for e in data["events"] if "ticket:" in e["description"]]

    await log_in(client, "xd.tp")
    staff = await client.get(f"/can-bo/cau-hoi/{reference}")
    assert staff.status_code == 200
    assert "Đã công khai trên trang hỏi đáp" in staff.text and "ticket:" not in staff.text
