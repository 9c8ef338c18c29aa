"""Staff accounts as admins and heads manage them: the list, creating one, role and department,
deactivating and reactivating, a new password.

Admins manage every account; a head manages the officers of their own department only, creates
officers there only, and cannot change a role or a department (:func:`managed_account` answers
:class:`~feedback.errors.NotFound` for any other account, so that a head learns nothing of it).
The rules are :mod:`feedback.accounts`' (the command line uses them too). A member who leaves a
department or stops working gives their open questions back to the department's queue,
unassigned, as a transfer does (:mod:`feedback.handling`).
"""

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from feedback import accounts
from feedback.accounts import DEPARTMENT_ROLES, AccountError
from feedback.admin.confirm import Preview
from feedback.admin.rehearsal import rehearse
from feedback.audit.services import record
from feedback.changes import finish
from feedback.changes import record as record_event
from feedback.errors import NotFound
from feedback.i18n import N_, gettext, ngettext
from feedback.lifecycle import OPEN_STATUSES, EventKind
from feedback.models import Role, Ticket, User
from feedback.twofactor.models import TwoFactor
from routing import admin
from routing.models import Department
from routing.services import routing_data

CREATED = "account:created"
ROLE_CHANGED = "account:role_changed"
DEACTIVATED = "account:deactivated"
REACTIVATED = "account:reactivated"
PASSWORD_RESET = "account:password_reset"  # noqa: S105  (an audit action, not a password)

MANAGERS = frozenset({Role.ADMIN, Role.HEAD})
ROLE_NAMES = {
    Role.OFFICER: N_("Officer"),
    Role.HEAD: N_("Head of department"),
    Role.COORDINATOR: N_("Coordinating office"),
    Role.LEADER: N_("Leader"),
    Role.ADMIN: N_("Administrator"),
}


@dataclass(frozen=True)
class AccountRow:
    user: User
    department: Department | None
    two_factor: bool


def _scope(viewer: User) -> ColumnElement[bool]:
    """The accounts ``viewer`` manages: every one for an admin, a head's own officers."""
    if viewer.role is Role.ADMIN:
        return true()
    return (
        (User.role == Role.OFFICER) & (User.department_id == viewer.department_id) & (User.department_id.is_not(None))
    )


async def list_accounts(session: AsyncSession, viewer: User) -> list[AccountRow]:
    enrolled = set(await session.scalars(select(TwoFactor.user_id)))
    departments = {d.id: d for d in await session.scalars(select(Department))}
    users = await session.scalars(
        select(User).where(_scope(viewer)).order_by(User.active.desc(), User.department_id, User.role, User.username)
    )
    return [AccountRow(u, departments.get(u.department_id or 0), u.id in enrolled) for u in users]


async def managed_account(session: AsyncSession, viewer: User, user_id: int) -> User:
    """The account ``user_id`` if ``viewer`` manages it; :class:`NotFound` otherwise (we do not say which)."""
    user = await session.scalar(select(User).where(User.id == user_id, _scope(viewer)))
    if user is None:
        raise NotFound(str(user_id))
    return user


def _snapshot(user: User, department: str | None) -> dict[str, object]:
    return {
        "username": user.username,
        "full_name": user.full_name,
        "role": str(user.role),
        "department": department,
        "active": user.active,
    }


async def _department_code(session: AsyncSession, department_id: int | None) -> str | None:
    if department_id is None:
        return None
    return await session.scalar(select(Department.code).where(Department.id == department_id))


async def _department_id(session: AsyncSession, code: str | None) -> int | None:
    if not code:
        return None
    try:
        department = await admin.department_named(session, code)
    except admin.AdminError as exc:
        raise AccountError(exc.message, field="department", **exc.values) from None
    if not department.active:
        raise AccountError(N_("no active department with code '{code}'"), field="department", code=code)
    return department.id


def _check_head(viewer: User | None, role: Role, department_id: int | None) -> None:
    """A head creates officers of their own department, nothing else."""
    if viewer is None or viewer.role is Role.ADMIN:
        return
    if role is not Role.OFFICER:
        raise AccountError(N_("a head creates officer accounts only"), field="role")
    if department_id != viewer.department_id:
        raise AccountError(N_("a head creates accounts in their own department only"), field="department")


# Creating ----------------------------------------------------------------------------------------


async def create_account(
    session: AsyncSession,
    *,
    viewer: User | None,
    username: str,
    full_name: str,
    email: str | None,
    role: str,
    department: str | None,
    password: str,
    actor_id: int | None,
    now: datetime,
) -> User:
    """Create an account (``viewer`` None: the command line, which may create any) and record it."""
    try:
        chosen = Role(role)
    except ValueError:
        raise AccountError(N_("choose a role"), field="role") from None
    department_id = await _department_id(session, department)
    _check_head(viewer, chosen, department_id)
    user = await accounts.create_user(
        session,
        username=username,
        full_name=full_name,
        role=chosen,
        password=password,
        department_id=department_id,
        email=email,
    )
    after = _snapshot(user, await _department_code(session, department_id))
    await record(session, actor_id, CREATED, f"user:{user.id}", None, after, now)
    return user


async def preview_create(
    session: AsyncSession,
    *,
    viewer: User | None,
    username: str,
    full_name: str,
    email: str | None,
    role: str,
    department: str | None,
    password: str,
    now: datetime,
) -> Preview:
    fields = {"username": username, "full_name": full_name, "email": email, "role": role, "department": department}
    await rehearse(
        session,
        lambda: create_account(session, viewer=viewer, password=password, actor_id=None, now=now, **fields),
    )
    department_id = await _department_id(session, department)
    where = await session.get(Department, department_id) if department_id else None
    summary = gettext(N_("Create the account {username} for {name}, {role}.")).format(
        username=username.strip().lower(), name=full_name.strip(), role=gettext(ROLE_NAMES[Role(role)])
    )
    effects = []
    if where is not None:
        effects.append(gettext(N_("It belongs to {department}.")).format(department=where.name))
    effects.append(gettext(N_("Give the member the initial password in person; it is not shown again.")))
    return Preview(summary, effects)


# Role and department -----------------------------------------------------------------------------


async def _assigned(session: AsyncSession, user: User) -> int:
    query = select(func.count()).where(Ticket.assignee_id == user.id, Ticket.status.in_(OPEN_STATUSES))
    return await session.scalar(query) or 0


async def _release_questions(session: AsyncSession, user: User, *, actor_id: int | None, now: datetime) -> int:
    """Give the member's open questions back to their department's queue, unassigned, each with an event."""
    tickets = list(
        await session.scalars(
            select(Ticket).where(Ticket.assignee_id == user.id, Ticket.status.in_(OPEN_STATUSES)).with_for_update()
        )
    )
    if tickets:
        data = await routing_data(session)
        for ticket in tickets:
            ticket.assignee_id = None
            finish(ticket, data, now)  # the escalation now warns the department, not the member
            record_event(session, ticket, EventKind.UNASSIGNED, actor_id, now, former=user.id)
    return len(tickets)


def _keeps_questions(user: User, role: Role, department_id: int | None) -> bool:
    return user.active and role in DEPARTMENT_ROLES and department_id == user.department_id


async def change_role(
    session: AsyncSession,
    user: User,
    *,
    viewer: User | None,
    role: str,
    department: str | None,
    actor_id: int | None,
    now: datetime,
) -> int:
    """Give ``user`` a role and a department; returns how many open questions went back to the queue."""
    if viewer is not None and viewer.role is not Role.ADMIN:
        raise AccountError(N_("only an admin changes a role or a department"), field="role")
    try:
        chosen = Role(role)
    except ValueError:
        raise AccountError(N_("choose a role"), field="role") from None
    department_id = await _department_id(session, department)
    before = _snapshot(user, await _department_code(session, user.department_id))
    keeps = _keeps_questions(user, chosen, department_id)  # before the change, which makes them equal
    await accounts.change_role(session, user, role=chosen, department_id=department_id)
    released = 0 if keeps else await _release_questions(session, user, actor_id=actor_id, now=now)
    after = _snapshot(user, await _department_code(session, department_id))
    if after != before:
        await record(session, actor_id, ROLE_CHANGED, f"user:{user.id}", before, after, now)
    return released


async def preview_role(
    session: AsyncSession, user: User, *, viewer: User | None, role: str, department: str | None, now: datetime
) -> Preview:
    await rehearse(
        session,
        lambda: change_role(session, user, viewer=viewer, role=role, department=department, actor_id=None, now=now),
    )
    chosen = Role(role)
    department_id = await _department_id(session, department)
    where = await session.get(Department, department_id) if department_id else None
    summary = gettext(N_("{name} becomes {role}{department}.")).format(
        name=user.full_name,
        role=gettext(ROLE_NAMES[chosen]),
        department=f" — {where.name}" if where else "",
    )
    effects = []
    if not _keeps_questions(user, chosen, department_id):
        effects.append(_released_effect(await _assigned(session, user)))
    return Preview(summary, effects)


def _released_effect(count: int) -> str:
    return ngettext(
        "{count} open question assigned to this member goes back to the department's queue, unassigned;"
        " its deadlines do not change.",
        "{count} open questions assigned to this member go back to the department's queue, unassigned;"
        " their deadlines do not change.",
        count,
    ).format(count=count)


# Active or not -----------------------------------------------------------------------------------


async def set_account_active(
    session: AsyncSession, user: User, active: bool, *, actor_id: int | None, now: datetime
) -> int:
    """Deactivate (signed out at the next request) or reactivate; returns the questions given back."""
    before = _snapshot(user, await _department_code(session, user.department_id))
    await accounts.set_active(session, user, active, actor_id=actor_id)
    released = 0 if active else await _release_questions(session, user, actor_id=actor_id, now=now)
    after = {**before, "active": user.active}
    if after != before:
        await record(session, actor_id, REACTIVATED if active else DEACTIVATED, f"user:{user.id}", before, after, now)
    return released


async def preview_active(session: AsyncSession, user: User, active: bool, *, actor_id: int, now: datetime) -> Preview:
    await rehearse(session, lambda: set_account_active(session, user, active, actor_id=actor_id, now=now))
    if active:
        summary = gettext(N_("Reactivate the account of {name} ({username}).")).format(
            name=user.full_name, username=user.username
        )
        return Preview(summary, [gettext(N_("They can sign in again with their password."))])
    summary = gettext(N_("Deactivate the account of {name} ({username}).")).format(
        name=user.full_name, username=user.username
    )
    effects = [
        gettext(N_("They are signed out at once and can no longer sign in.")),
        _released_effect(await _assigned(session, user)),
        gettext(N_("What they wrote keeps their name.")),
    ]
    return Preview(summary, effects)


# Password ----------------------------------------------------------------------------------------


def generated_password() -> str:
    """A password to read out or copy: 16 characters from a 64-character alphabet (96 bits)."""
    return secrets.token_urlsafe(12)


async def reset_password(
    session: AsyncSession, user: User, password: str, *, actor_id: int | None, now: datetime
) -> None:
    """Set a new password; the audit entry says it happened, never what it is."""
    await accounts.set_password(user, password)
    await record(session, actor_id, PASSWORD_RESET, f"user:{user.id}", None, None, now)


async def preview_reset(
    session: AsyncSession, user: User, password: str | None, *, actor_id: int, now: datetime
) -> Preview:
    """``password`` None: one is generated when the change is confirmed, and shown then, once."""
    if password is not None:
        await rehearse(session, lambda: reset_password(session, user, password, actor_id=actor_id, now=now))
    summary = gettext(N_("Set a new password for {name} ({username}).")).format(
        name=user.full_name, username=user.username
    )
    effects = [
        gettext(N_("The former password stops working at once.")),
        gettext(N_("The new password is shown once, on the next page: give it to the member in person.")),
    ]
    return Preview(summary, effects)
