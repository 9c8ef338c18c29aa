"""Who may see a ticket and act on it: one table of roles and actions, checked by every staff route.

Officers and heads work their own department's tickets (and read those of the versions it
took over, see :class:`Sight`); the coordinating office's coordinators, leaders and admins see
every ticket. What a role may do is further limited by the ticket's status (the services refuse
impossible moves); :func:`allowed_actions` offers only what both allow, so a page never shows
a button that would be refused.
"""

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import ColumnElement, true
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.lifecycle import OPEN_STATUSES, TRANSITIONS, Action, TicketStatus
from feedback.models import Channel, Role, Ticket, User
from feedback.reorganisation.names import with_predecessors


class StaffAction(StrEnum):
    ACCEPT = "accept"
    ASSIGN = "assign"
    NOTE = "note"
    REQUEST_INFO = "request_info"
    DRAFT = "draft"
    SUBMIT = "submit"
    APPROVE = "approve"
    RETURN = "return"
    EXTEND = "extend"
    TRANSFER = "transfer"
    SEND_TO_TRIAGE = "send_to_triage"
    ROUTE = "route"
    REJECT = "reject"
    REQUEST_INPUT = "request_input"
    REDACT = "redact"
    UNPUBLISH = "unpublish"
    LINK_DUPLICATE = "link_duplicate"
    FORWARD = "forward"
    CANCEL_FORWARD = "cancel_forward"
    SEND_BACK = "send_back"
    RECORD_POSTED = "record_posted"


A = StaffAction
_OFFICER = {
    A.ACCEPT,
    A.NOTE,
    A.REQUEST_INFO,
    A.DRAFT,
    A.SUBMIT,
    A.TRANSFER,
    A.SEND_TO_TRIAGE,
    A.FORWARD,
    A.SEND_BACK,
    A.RECORD_POSTED,
}
_BETWEEN_PORTALS = {A.FORWARD, A.CANCEL_FORWARD, A.SEND_BACK}
ROLE_ACTIONS: dict[Role, frozenset[StaffAction]] = {
    Role.OFFICER: frozenset(_OFFICER),
    Role.HEAD: frozenset(
        _OFFICER
        | {A.ASSIGN, A.APPROVE, A.RETURN, A.EXTEND, A.REJECT, A.REQUEST_INPUT, A.LINK_DUPLICATE, A.CANCEL_FORWARD}
    ),
    Role.COORDINATOR: frozenset(
        {A.ROUTE, A.REJECT, A.TRANSFER, A.NOTE, A.REDACT, A.UNPUBLISH, A.LINK_DUPLICATE, A.RECORD_POSTED}
        | _BETWEEN_PORTALS
    ),
    Role.LEADER: frozenset({A.NOTE}),
    Role.ADMIN: frozenset(),
}

# The lifecycle move behind each action, where there is one; the others need an open ticket.
_MOVES: dict[StaffAction, Action] = {
    A.ACCEPT: Action.CLAIM,
    A.REQUEST_INFO: Action.REQUEST_INFO,
    A.SUBMIT: Action.SUBMIT,
    A.APPROVE: Action.APPROVE,
    A.RETURN: Action.RETURN,
    A.TRANSFER: Action.TRANSFER,
    A.SEND_TO_TRIAGE: Action.SEND_TO_TRIAGE,
    A.ROUTE: Action.ROUTE,
    A.REJECT: Action.REJECT,
    A.LINK_DUPLICATE: Action.LINK_DUPLICATE,
    A.FORWARD: Action.FORWARD,
    A.SEND_BACK: Action.SEND_BACK,
}
_STATUS_NEEDED: dict[StaffAction, frozenset[TicketStatus]] = {
    A.DRAFT: frozenset({TicketStatus.IN_PROGRESS}),
    A.ASSIGN: frozenset({TicketStatus.ASSIGNED, TicketStatus.IN_PROGRESS, TicketStatus.REOPENED}),
    A.EXTEND: OPEN_STATUSES - {TicketStatus.RECEIVED, TicketStatus.TRIAGE},
    A.REQUEST_INPUT: frozenset({TicketStatus.IN_PROGRESS, TicketStatus.AWAITING_CITIZEN, TicketStatus.REOPENED}),
    # The public wording may be edited before or after publication, once there is an answer to publish.
    A.REDACT: frozenset({TicketStatus.PENDING_APPROVAL, TicketStatus.ANSWERED, TicketStatus.CLOSED}),
    A.UNPUBLISH: frozenset({TicketStatus.ANSWERED, TicketStatus.CLOSED}),
    # The service refuses a forward the peer has already taken: only then can it not be called back.
    A.CANCEL_FORWARD: frozenset({TicketStatus.FORWARDED}),
    A.RECORD_POSTED: frozenset({TicketStatus.ANSWERED, TicketStatus.CLOSED}),
}

DEPARTMENT_BOUND = frozenset({Role.OFFICER, Role.HEAD})


@dataclass(frozen=True)
class Sight:
    """The tickets a member of staff may see: every one, or those of some departments.

    Officers and heads see their department's tickets and those of the ended versions it took over
    (a merge, split or rename). Answered questions stay with the version that answered them, in the
    name of the time (:mod:`feedback.reorganisation`), but the successor's staff read them and post
    their letters. The coordinating office, leaders and admins see every ticket.
    """

    departments: frozenset[int] | None
    """None: every ticket."""

    def sees(self, ticket: Ticket) -> bool:
        return self.departments is None or ticket.department_id in self.departments

    def condition(self) -> ColumnElement[bool]:
        """The same, as an SQL condition on tickets."""
        if self.departments is None:
            return true()
        return Ticket.department_id.in_(sorted(self.departments))


async def sight(session: AsyncSession, user: User) -> Sight:
    """What ``user`` may see now (the successor links are read each time: a reorganisation applies at once)."""
    if user.role not in DEPARTMENT_BOUND:
        return Sight(None)
    if user.department_id is None:
        return Sight(frozenset())
    return Sight(await with_predecessors(session, user.department_id))


def out_of_hand(ticket: Ticket, seen: Sight) -> bool:
    """Whether an action has just taken ``ticket`` away from whoever has ``seen``: to a department they cannot see,
    or closed without an answer (rejected, sent back to the portal it came from), leaving them nothing to do on it.

    The staff pages then return them to their inbox rather than to a page they may not open.
    """
    return not seen.sees(ticket) or ticket.status in (TicketStatus.REJECTED, TicketStatus.RETURNED)


def _status_allows(action: StaffAction, status: TicketStatus) -> bool:
    if action in _MOVES:
        return (status, _MOVES[action]) in TRANSITIONS
    return status in _STATUS_NEEDED.get(action, frozenset(TicketStatus))


def _applies(action: StaffAction, ticket: Ticket) -> bool:
    """Conditions beyond the status: one extension; publication matters only with consent; one posting."""
    if action is A.EXTEND:
        return ticket.extended_at is None
    if action is A.REDACT:
        return ticket.publish_consent
    if action is A.UNPUBLISH:
        return ticket.published_at is not None
    if action is A.SEND_BACK:
        return ticket.channel is Channel.PEER
    if action is A.RECORD_POSTED:  # once, and only where there is an address to post it to
        return ticket.posted_at is None and bool(ticket.address)
    return True


def allowed_actions(user: User, ticket: Ticket, seen: Sight) -> frozenset[StaffAction]:
    """What ``user`` may do to ``ticket`` now."""
    if not seen.sees(ticket):
        return frozenset()
    return frozenset(a for a in ROLE_ACTIONS[user.role] if _status_allows(a, ticket.status) and _applies(a, ticket))
