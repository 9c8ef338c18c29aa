"""Who answers: departments (a tree under the People's Committee), question categories, communes and wards."""

from datetime import date

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

import notify.db  # noqa: F401  (the naming convention must be set before any table is declared)


class Department(SQLModel, table=True):
    """A sở, ban, ngành or vertical agency that answers citizens; the coordinating office triages."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True)
    name: str = Field(max_length=200)
    name_en: str = Field(max_length=200)
    parent_id: int | None = Field(default=None, foreign_key="department.id")
    mailbox: str | None = Field(default=None, max_length=254)
    is_coordinating_office: bool = Field(default=False)
    active: bool = Field(default=True)


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


class Area(SQLModel, table=True):
    """A commune, ward or special zone (xã, phường, đặc khu) of the province, the unit below it since 1/7/2025."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True)
    name: str = Field(max_length=120)
    active: bool = Field(default=True)


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
