"""How a question's answer deadline was counted, in the reader's language.

The steps come from :mod:`routing.explain`, replayed from the data that set the deadline: the
working calendar, the category's SLA policy, the ticket's clock columns and its events (each
pause for the citizen, the extension). Should the replay not land on the stored deadline (the
calendar or the policy changed since), a "recounted" step says so and the stored one stands.
"""

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.i18n import N_, current_language, gettext, local_datetime, ngettext
from feedback.lifecycle import EventKind
from feedback.models import Ticket, TicketEvent
from feedback.schemas import DeadlineExplanationOut, ExplanationStepOut
from routing.explain import DayOff, Extension, Pause, Step, StepKind, counting_start, days_between, replay
from routing.models import CalendarOverride
from routing.services import routing_data
from routing.sla import Period, Unit

_DAYS_OFF = {
    DayOff.SATURDAY: N_("Saturday"),
    DayOff.SUNDAY: N_("Sunday"),
    DayOff.WEEKEND: N_("the weekend"),
    DayOff.WEEKDAY: N_("not a working day"),
}
_WEEKDAYS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday"))


async def explain_deadline(session: AsyncSession, ticket: Ticket) -> DeadlineExplanationOut | None:
    """How ``ticket``'s answer deadline was counted; None while it has none."""
    if ticket.routed_at is None or ticket.answer_due_at is None:
        return None
    data = await routing_data(session)
    calendar = data.calendar
    period = data.policy(ticket.category_id, ticket.priority).answer
    events = await session.scalars(
        select(TicketEvent)
        .where(
            TicketEvent.ticket_id == ticket.id,
            TicketEvent.at >= ticket.routed_at,
            TicketEvent.kind.in_([EventKind.INFO_REQUESTED, EventKind.CITIZEN_REPLIED, EventKind.EXTENDED]),
        )
        .order_by(TicketEvent.at, TicketEvent.id)
    )
    due_at, changes = replay(calendar, period, ticket.routed_at, _changes(events, ticket))
    steps = [
        Step(StepKind.RECEIVED, ticket.routed_at, None, period=str(period)),
        Step(StepKind.COUNTING_STARTS, counting_start(calendar, period, ticket.routed_at)),
    ]
    if period.unit is not Unit.CALENDAR_DAYS:  # calendar days count weekends and holidays alike
        reasons = dict((await session.execute(select(CalendarOverride.day, CalendarOverride.reason))).all())
        first = ticket.routed_at.astimezone(calendar.tz).date()
        last = max(due_at, ticket.answer_due_at).astimezone(calendar.tz).date()
        steps += days_between(calendar, first, last, language=current_language(), override_reasons=reasons)
    steps += changes
    if due_at != ticket.answer_due_at:
        steps.append(Step(StepKind.RECOUNTED, due_at, ticket.answer_due_at))
    steps.append(Step(StepKind.RESULT, None, ticket.answer_due_at))
    return DeadlineExplanationOut(steps=[_out(step) for step in steps], due_at=ticket.answer_due_at)


def _changes(events: Iterable[TicketEvent], ticket: Ticket) -> list[Pause | Extension]:
    """Each pause for the citizen (the current one still open) and the extension, in order."""
    changes: list[Pause | Extension] = []
    paused_at: datetime | None = None
    for event in events:
        if event.kind == EventKind.INFO_REQUESTED:
            paused_at = event.at
        elif event.kind == EventKind.CITIZEN_REPLIED and paused_at is not None:
            changes.append(Pause(paused_at, event.at))
            paused_at = None
        elif event.kind == EventKind.EXTENDED:
            changes.append(Extension(Period.parse(event.data["period"]), event.data.get("reason", "")))
    if ticket.paused_at is not None:
        changes.append(Pause(ticket.paused_at, None))
    return changes


def _day(day: date) -> str:
    return f"{day.day}/{day.month}"


def _span(step: Step) -> str:
    assert isinstance(step.start, date) and isinstance(step.end, date)
    return _day(step.start) if step.start == step.end else f"{_day(step.start)}–{_day(step.end)}"


def _period_words(text: str) -> str:
    period = Period.parse(text)
    if period.unit is Unit.WORKING_DAYS:
        return ngettext("{n} working day", "{n} working days", period.amount).format(n=period.amount)
    if period.unit is Unit.WORKING_HOURS:
        return ngettext("{n} working hour", "{n} working hours", period.amount).format(n=period.amount)
    return ngettext("{n} calendar day", "{n} calendar days", period.amount).format(n=period.amount)


def _reason(step: Step) -> str | None:
    if step.kind is StepKind.SKIPPED:
        if step.reasons:
            return ", ".join(step.reasons)
        return gettext(_DAYS_OFF[step.day_off or DayOff.WEEKDAY])
    if step.kind in (StepKind.EXTENDED, StepKind.WORKED):
        return step.reasons[0] if step.reasons and step.reasons[0] else None
    return None


def _text(step: Step, reason: str | None) -> str:
    at = local_datetime(step.start) if isinstance(step.start, datetime) else ""
    to = local_datetime(step.end) if isinstance(step.end, datetime) else ""
    match step.kind:
        case StepKind.RECEIVED:
            return gettext("Received by the department in charge on {at}; the answer is due within {period}.").format(
                at=at, period=_period_words(step.period or "")
            )
        case StepKind.COUNTING_STARTS:
            return gettext("Counting starts on {at}.").format(at=at)
        case StepKind.SKIPPED:
            return gettext("{days}: {reason} (not counted)").format(days=_span(step), reason=reason)
        case StepKind.WORKED:
            assert isinstance(step.start, date)
            weekday = gettext(_WEEKDAYS[step.start.weekday()])
            if reason and step.day_off is DayOff.OVERRIDE:
                return gettext("{weekday} {day} is a working day: {reason}.").format(
                    weekday=weekday, day=_day(step.start), reason=reason
                )
            if reason:
                return gettext("{weekday} {day} is worked instead of {other}.").format(
                    weekday=weekday, day=_day(step.start), other=reason
                )
            return gettext("{weekday} {day} is a working day.").format(weekday=weekday, day=_day(step.start))
        case StepKind.PAUSED if step.end is None:
            return gettext("Paused while waiting for the citizen since {at}.").format(at=at)
        case StepKind.PAUSED:
            return gettext("Paused while waiting for the citizen from {at} to {to}; the deadline moved on.").format(
                at=at, to=to
            )
        case StepKind.EXTENDED:
            return gettext("Extended by {period}, from {at} to {to}: {reason}").format(
                period=_period_words(step.period or ""), at=at, to=to, reason=reason or ""
            )
        case StepKind.RECOUNTED:
            return gettext("Recounted from {at} to {to} after a change to the calendar or the rules.").format(
                at=at, to=to
            )
        case _:
            return gettext("Due on {to}.").format(to=to)


def _out(step: Step) -> ExplanationStepOut:
    reason = _reason(step)
    return ExplanationStepOut(kind=step.kind, start=step.start, end=step.end, reason=reason, text=_text(step, reason))
