"""The dashboard's exports: the department table, the questions of a period and the overdue list.

Each is a :class:`Table` (a title, headers in the reader's language, rows of plain values) and
is written as CSV (UTF-8 with a byte-order mark, so that Excel reads the Vietnamese right) or as
XLSX (dates as dates, rates as percentages). The figures are those of :mod:`feedback.performance`.
"""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import xlsxwriter
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.channels import LABELS
from feedback.i18n import current_language, gettext
from feedback.models import Ticket
from feedback.performance import OUTCOME_LABELS, Figures, OverduePage, Overview, Scope, level_of, outcome_of
from feedback.tickets import STATUS_LABELS
from routing.calendar import VIETNAM, WorkingCalendar
from routing.models import Category, Department

Value = str | int | float | datetime | None


class Format(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


MEDIA_TYPES = {
    Format.CSV: "text/csv",  # Litestar adds "; charset=utf-8" to every text/ type
    Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class Column(StrEnum):
    """How a column's values are written (XLSX formats; CSV text)."""

    TEXT = "text"
    NUMBER = "number"
    DAYS = "days"
    PERCENT = "percent"
    DATETIME = "datetime"


@dataclass(frozen=True)
class Table:
    title: str
    columns: list[tuple[str, Column]]
    rows: list[Sequence[Value]]


def _name(vietnamese: str, english: str) -> str:
    return english if current_language() == "en" else vietnamese


def department_table(result: Overview) -> Table:
    columns = [
        (gettext("Department"), Column.TEXT),
        (gettext("Received"), Column.NUMBER),
        (gettext("Answered"), Column.NUMBER),
        (gettext("On time"), Column.NUMBER),
        (gettext("Late"), Column.NUMBER),
        (gettext("Open"), Column.NUMBER),
        (gettext("Overdue now"), Column.NUMBER),
        (gettext("On-time rate"), Column.PERCENT),
        (gettext("Median answer time (working days)"), Column.DAYS),
        (gettext("Oldest open question"), Column.DATETIME),
    ]

    def row(name: str, f: Figures) -> list[Value]:
        return [
            name, f.received, f.answered, f.on_time, f.late, f.open, f.overdue,
            f.on_time_rate, f.median_answer_days, f.oldest_open_at,
        ]  # fmt: skip

    rows = [row(_name(r.name, r.name_en), r.figures) for r in result.departments]
    rows.append(row(gettext("All departments"), result.totals))
    return Table(gettext("Departments"), columns, rows)


async def question_table(session: AsyncSession, scope: Scope, *, now: datetime, calendar: WorkingCalendar) -> Table:
    """Every question received in the period (and the scope's department and topic), oldest first."""
    english = current_language() == "en"
    fields = [
        Ticket.reference,
        Ticket.title,
        Category.name_en if english else Category.name,
        Department.name_en if english else Department.name,
        Ticket.status,
        Ticket.created_at,
        Ticket.answer_due_at,
        Ticket.answered_at,
        outcome_of(now),
        Ticket.answer_minutes,
        level_of(),
        Ticket.channel,
    ]
    query = (
        select(*fields)
        .join(Category, Category.id == Ticket.category_id)
        .join(Department, Department.id == Ticket.department_id)
        .where(*scope.conditions(), Ticket.created_at >= scope.period.start, Ticket.created_at < scope.period.end)
        .order_by(Ticket.created_at, Ticket.id)
    )
    day_minutes = calendar.day_length.total_seconds() / 60
    rows: list[Sequence[Value]] = []
    for record in await session.execute(query):
        *head, status, created, due, answered, outcome, minutes, level, channel = record
        rows.append(
            [
                *head,
                gettext(STATUS_LABELS[status]),
                created,
                due,
                answered,
                gettext(OUTCOME_LABELS[outcome]),
                minutes / day_minutes if minutes is not None else None,
                level,
                gettext(LABELS[channel]),
            ]
        )
    columns = [
        (gettext("Reference"), Column.TEXT),
        (gettext("Title"), Column.TEXT),
        (gettext("Topic"), Column.TEXT),
        (gettext("Department"), Column.TEXT),
        (gettext("Status"), Column.TEXT),
        (gettext("Received"), Column.DATETIME),
        (gettext("Answer due"), Column.DATETIME),
        (gettext("Answered"), Column.DATETIME),
        (gettext("Result"), Column.TEXT),
        (gettext("Answer time (working days)"), Column.DAYS),
        (gettext("Escalation level"), Column.NUMBER),
        (gettext("Channel"), Column.TEXT),
    ]
    return Table(gettext("Questions"), columns, rows)


def overdue_table(page: OverduePage) -> Table:
    columns = [
        (gettext("Reference"), Column.TEXT),
        (gettext("Title"), Column.TEXT),
        (gettext("Department"), Column.TEXT),
        (gettext("Overdue by (working days)"), Column.DAYS),
        (gettext("Was due"), Column.DATETIME),
        (gettext("Escalation level"), Column.NUMBER),
        (gettext("Assignee"), Column.TEXT),
        (gettext("Channel"), Column.TEXT),
    ]
    rows: list[Sequence[Value]] = [
        [r.ticket.reference, r.ticket.title, r.department, r.overdue_days, r.due_at, r.level, r.assignee, channel]
        for r in page.rows
        for channel in [gettext(LABELS[r.ticket.channel])]
    ]
    return Table(gettext("Overdue questions"), columns, rows)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""How a cell a spreadsheet would run as a formula begins (OWASP, "CSV Injection")."""


def as_csv(table: Table) -> bytes:
    """CSV with a byte-order mark (Excel then reads UTF-8), dates as dd/mm/yyyy hh:mm in Vietnam.

    Text that begins like a formula (a citizen's title ``=HYPERLINK(…)``) gets a leading single
    quote, as OWASP advises, so that Excel or LibreOffice shows it instead of running it. Numbers
    and dates are written by this module, never from what someone typed, and stay as they are.
    """
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(name for name, _ in table.columns)
    for row in table.rows:
        writer.writerow(_text(value, kind) for value, (_, kind) in zip(row, table.columns, strict=True))
    return ("\ufeff" + out.getvalue()).encode()


def _text(value: Value, kind: Column) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M")
    if kind is Column.PERCENT:
        return f"{value:.1%}"
    if kind is Column.DAYS:
        return f"{value:.1f}"
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return str(value)


def as_xlsx(table: Table) -> bytes:
    """One sheet, a bold frozen header row, dates as Excel dates (Vietnam's time), rates as percentages.

    Text is written as strings (``write_string``), never read as a formula, whatever it begins with.
    """
    out = io.BytesIO()
    workbook = xlsxwriter.Workbook(out, {"constant_memory": True, "remove_timezone": True})
    sheet = workbook.add_worksheet(table.title[:31])
    formats = {
        Column.DATETIME: workbook.add_format({"num_format": "dd/mm/yyyy hh:mm"}),
        Column.PERCENT: workbook.add_format({"num_format": "0.0%"}),
        Column.DAYS: workbook.add_format({"num_format": "0.0"}),
    }
    sheet.write_row(0, 0, [name for name, _ in table.columns], workbook.add_format({"bold": True, "text_wrap": True}))
    sheet.freeze_panes(1, 0)
    for column, (_, kind) in enumerate(table.columns):
        sheet.set_column(column, column, 40 if kind is Column.TEXT and column == 1 else 16)
    for number, row in enumerate(table.rows, start=1):
        for column, (value, (_, kind)) in enumerate(zip(row, table.columns, strict=True)):
            if value is None:
                continue
            if isinstance(value, datetime):
                sheet.write_datetime(number, column, value.astimezone(VIETNAM), formats[Column.DATETIME])
            elif kind in formats:
                sheet.write_number(number, column, value, formats[kind])
            elif isinstance(value, int | float):
                sheet.write_number(number, column, value)
            else:
                sheet.write_string(number, column, value)
    workbook.close()
    return out.getvalue()
