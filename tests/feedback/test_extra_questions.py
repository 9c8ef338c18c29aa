"""A category's extra questions on the portal's form: asked for the chosen topic, checked, stored."""

import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from feedback.models import Ticket
from notify.db import Database
from routing.models import AttributeType, Category, CategoryAttribute
from routing.services import forget_routing_data
from tests.feedback.test_portal import as_form, form_token


async def _land_questions(database: Database) -> None:
    async with database.transaction() as session:
        land = await session.scalar(sa.select(Category.id).where(Category.code == "dat-dai"))
        session.add_all(
            [
                CategoryAttribute(
                    category_id=land,
                    code="so-thua",
                    position=1,
                    description="Số thửa đất",
                    description_en="Land parcel number",
                    datatype=AttributeType.STRING,
                    datatype_description="Ghi trên giấy chứng nhận, ví dụ 125",
                    required=True,
                ),
                CategoryAttribute(
                    category_id=land,
                    code="muc-dich",
                    position=2,
                    description="Mục đích sử dụng đất",
                    description_en="Land use",
                    datatype=AttributeType.MULTI,
                    values=[
                        {"key": "ont", "name": "Đất ở nông thôn", "name_en": "Rural residential"},
                        {"key": "luc", "name": "Đất chuyên trồng lúa", "name_en": "Paddy land"},
                    ],
                ),
            ]
        )
        forget_routing_data(session)


async def test_the_form_asks_the_land_questions_and_stores_the_answers(
    client: AsyncTestClient, database: Database
) -> None:
    await _land_questions(database)
    page = await client.get("/gui-cau-hoi")
    assert 'data-category="dat-dai"' in page.text
    assert "Số thửa đất *" in page.text and "Đất chuyên trồng lúa" in page.text
    token = await form_token(client)
    form = {
        **as_form(category="dat-dai"),
        "attribute[dat-dai][so-thua]": " 125 ",
        "attribute[dat-dai][muc-dich][]": ["ont", "luc"],
        "attribute[xay-dung][so-thua]": "not this topic's",
        "_csrf_token": token,
    }
    response = await client.post("/gui-cau-hoi", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text
    async with database.transaction() as session:
        ticket = await session.scalar(sa.select(Ticket))
    assert ticket.attributes == {"so-thua": "125", "muc-dich": ["ont", "luc"]}


async def test_a_missing_or_wrong_answer_is_named_beside_its_field_and_the_answers_are_kept(
    client: AsyncTestClient, database: Database
) -> None:
    await _land_questions(database)
    token = await form_token(client)
    form = {
        **as_form(category="dat-dai"),
        "attribute[dat-dai][muc-dich][]": ["ont", "khong-co"],
        "_csrf_token": token,
    }
    response = await client.post("/gui-cau-hoi", data=form)
    assert response.status_code == 422
    text = response.text
    assert 'id="attr-dat-dai-so-thua-error"' in text and "Vui lòng nhập thông tin này." in text
    assert "Vui lòng chọn một giá trị trong danh sách." in text
    assert '<a href="#attr-dat-dai-so-thua">Số thửa đất: ' in text
    assert 'value="ont" checked' in text
    async with database.transaction() as session:
        assert await session.scalar(sa.select(sa.func.count()).select_from(Ticket)) == 0


async def test_a_topic_without_extra_questions_is_unaffected(client: AsyncTestClient, database: Database) -> None:
    await _land_questions(database)
    token = await form_token(client)
    form = {**as_form(), "attribute[dat-dai][so-thua]": "", "_csrf_token": token}
    response = await client.post("/gui-cau-hoi", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text
    async with database.transaction() as session:
        assert (await session.scalar(sa.select(Ticket))).attributes is None
