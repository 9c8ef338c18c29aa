"""What the endpoint offers: discovery, the services (our categories) and their definitions."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.errors import NotFound
from feedback.i18n import current_language
from feedback.settings import Settings
from routing.models import Category, CategoryAttribute
from routing.services import active_categories

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-12-04T00:00:00+07:00"
"""When this endpoint's behaviour last changed, as discovery tells clients (bump it with the code)."""


def discovery(settings: Settings) -> dict[str, Any]:
    english = current_language() == "en"
    return {
        "changeset": CHANGESET,
        "contact": settings.open311_contact or (settings.portal_name_en if english else settings.portal_name),
        "key_service": f"{settings.base_url}/",
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": f"{settings.base_url}/open311/v2",
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }


def _names(category: Category) -> tuple[str, str]:
    english = current_language() == "en"
    return (category.name_en, category.group_en) if english else (category.name, category.group)


async def services(session: AsyncSession) -> list[dict[str, Any]]:
    """Each active category as a service, in the order the portal's form lists them."""
    asking = set(await session.scalars(select(CategoryAttribute.category_id).distinct()))
    records = []
    for category in await active_categories(session):
        name, group = _names(category)
        records.append(
            {
                "service_code": category.code,
                "service_name": name,
                "description": f"{group}: {name}",
                "metadata": category.id in asking,
                "type": "realtime",
                "keywords": ", ".join(dict.fromkeys([category.code, *group.lower().replace(",", " ").split()])),
                "group": group,
            }
        )
    return records


async def definition(session: AsyncSession, code: str) -> dict[str, Any]:
    """The service definition of the category ``code``: its extra questions as the spec's attributes."""
    category = await session.scalar(select(Category).where(Category.code == code, Category.active))
    if category is None:
        raise NotFound(code)
    english = current_language() == "en"
    rows = await session.scalars(
        select(CategoryAttribute)
        .where(CategoryAttribute.category_id == category.id)
        .order_by(CategoryAttribute.position, CategoryAttribute.code)
    )
    return {
        "service_code": category.code,
        "attributes": [
            {
                "variable": True,
                "code": row.code,
                "datatype": row.datatype,
                "required": row.required,
                "datatype_description": row.datatype_description,
                "order": order,
                "description": row.description_en if english else row.description,
                "values": [
                    {"key": value["key"], "name": value.get("name_en" if english else "name") or value["key"]}
                    for value in row.values
                ],
            }
            for order, row in enumerate(rows, start=1)
        ],
    }
