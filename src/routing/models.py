"""Who answers: departments (a tree under the People's Committee), question categories, communes and wards."""

from datetime import date
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from notify.db import text_enum  # also sets the naming convention before any table is declared


class Department(SQLModel, table=True):
    """A sở, ban, ngành or vertical agency that answers citizens; the coordinating office triages.

    A row is one *version* of a department: a merge, split or rename (see
    :mod:`feedback.reorganisation`) ends it (``valid_to``, inactive, ``successor_id``) and the
    questions it answered keep pointing at it, so they keep the name of the time.
    """

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True)
    name: str = Field(max_length=200)
    name_en: str = Field(max_length=200)
    parent_id: int | None = Field(default=None, foreign_key="department.id")
    mailbox: str | None = Field(default=None, max_length=254)
    is_coordinating_office: bool = Field(default=False)
    active: bool = Field(default=True)
    valid_from: date | None = Field(default=None)
    """The first day of this version (None: since before the platform kept versions)."""
    valid_to: date | None = Field(default=None)
    """The last day of this version, set when a reorganisation ends it."""
    successor_id: int | None = Field(default=None, foreign_key="department.id")
    """The version that took over its questions (for a split, the one that took the rest)."""


class Category(SQLModel, table=True):
    """What a question is about; it names the department that answers it unless a rule says otherwise."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=48, unique=True)
    name: str = Field(max_length=200)
    name_en: str = Field(max_length=200)
    group: str = Field(max_length=120)
    group_en: str = Field(max_length=120)
    position: int = Field(default=0)
    default_department_id: int | None = Field(default=None, foreign_key="department.id")
    active: bool = Field(default=True)


class AttributeType(StrEnum):
    """The datatypes of Open311 GeoReport v2 service attributes."""

    STRING = "string"
    NUMBER = "number"
    DATETIME = "datetime"
    TEXT = "text"
    SINGLE = "singlevaluelist"
    MULTI = "multivaluelist"


class CategoryAttribute(SQLModel, table=True):
    """An extra question a category asks (e.g. "Số thửa đất" for land), answered with the question.

    Open311 publishes these as the service definition's ``attributes``; the answers are stored
    with the ticket (``Ticket.attributes``, by ``code``) and shown to staff. For the list types,
    ``values`` are ``{"key", "name", "name_en"}`` and an answer is a key.
    """

    __tablename__ = "category_attribute"
    __table_args__ = (sa.UniqueConstraint("category_id", "code"),)

    id: int | None = Field(default=None, primary_key=True)
    category_id: int = Field(foreign_key="category.id", index=True)
    code: str = Field(max_length=48)
    position: int = Field(default=0)
    description: str = Field(max_length=300)
    description_en: str = Field(max_length=300)
    datatype: AttributeType = Field(sa_type=text_enum(AttributeType))
    datatype_description: str = Field(default="", max_length=300)
    required: bool = Field(default=False)
    values: list[dict[str, str]] = Field(default_factory=list, sa_type=sa.JSON)


class AreaKind(StrEnum):
    """The three kinds of commune-level unit since 1/7/2025 (Law 72/2025/QH15)."""

    COMMUNE = "xa"
    WARD = "phuong"
    SPECIAL_ZONE = "dac-khu"


class Area(SQLModel, table=True):
    """A commune, ward or special zone (xã, phường, đặc khu) of the province, the unit below it since 1/7/2025.

    ``code`` is the slug citizens' forms, Open311 and routing rules' area patterns (``sam-son*``)
    use; ``official_code`` is the 5-digit code of the national register (QĐ 19/2025/QĐ-TTg), set
    by ``caunoi areas import``. A unit the register no longer lists is ended, never deleted
    (questions keep it): ``valid_to`` set, inactive, and ``successor_id`` naming the unit that
    took it over when known.
    """

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True)
    name: str = Field(max_length=120)
    active: bool = Field(default=True)
    official_code: str | None = Field(default=None, max_length=5, unique=True)
    kind: AreaKind | None = Field(default=None, sa_type=text_enum(AreaKind, length=16))
    province_code: str | None = Field(default=None, max_length=2)
    valid_from: date | None = None
    valid_to: date | None = None
    successor_id: int | None = Field(default=None, foreign_key="area.id")


class AreaFormerName(SQLModel, table=True):
    """A unit one area was formed from (wholly or in part), so a citizen may still use its name or code."""

    __tablename__ = "area_former_name"

    id: int | None = Field(default=None, primary_key=True)
    area_id: int = Field(foreign_key="area.id", index=True)
    name: str = Field(max_length=120)
    official_code: str | None = Field(default=None, max_length=5, index=True)
    district_name: str = Field(default="", max_length=120)
    province_name: str = Field(default="", max_length=120)


class RoutingRule(SQLModel, table=True):
    """One line of the routing table; rules are tried by ``position``, the first match wins."""

    __tablename__ = "routing_rule"

    id: int | None = Field(default=None, primary_key=True)
    position: int = Field(index=True)
    department_id: int = Field(foreign_key="department.id")
    category_id: int | None = Field(default=None, foreign_key="category.id")
    area_pattern: str | None = Field(default=None, max_length=33)
    keywords: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    active: bool = Field(default=True)


class CalendarOverride(SQLModel, table=True):
    """A day the government swapped: a Saturday worked, or an extra day off. Wins over the holiday list."""

    __tablename__ = "calendar_override"

    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(unique=True)
    working: bool
    reason: str = Field(max_length=200)


class SlaPolicy(SQLModel, table=True):
    """The deadlines for a category, a priority, both, or (neither) the default; periods keep their unit.

    ``scope`` makes a second policy for the same category and priority impossible, NULLs included.
    The ladder is a list of ``[level, recipient, working days overdue or null for the warning]``.
    """

    __tablename__ = "sla_policy"

    id: int | None = Field(default=None, primary_key=True)
    scope: str = Field(max_length=64, unique=True)
    category_id: int | None = Field(default=None, foreign_key="category.id")
    priority: str | None = Field(default=None, max_length=16)
    accept_amount: int
    accept_unit: str = Field(max_length=16)
    answer_amount: int
    answer_unit: str = Field(max_length=16)
    transfer_amount: int
    transfer_unit: str = Field(max_length=16)
    max_extension_amount: int
    max_extension_unit: str = Field(max_length=16)
    warning_ratio: float
    restart_on_transfer: bool = Field(default=True)
    ladder: list[list[int | str | None]] = Field(default_factory=list, sa_type=sa.JSON)

    @staticmethod
    def scope_of(category_id: int | None, priority: str | None) -> str:
        return f"category:{category_id or '*'}/priority:{priority or '*'}"
