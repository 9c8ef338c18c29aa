"""The ticket lifecycle as pure data: which action moves a ticket from which status to which.

Every change of status in the product goes through :func:`transition`, so an impossible move
(answering a rejected question, say) is refused in one place.
"""

from enum import StrEnum


class TicketStatus(StrEnum):
    RECEIVED = "received"
    TRIAGE = "triage"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    AWAITING_CITIZEN = "awaiting_citizen"
    PENDING_APPROVAL = "pending_approval"
    ANSWERED = "answered"
    CLOSED = "closed"
    REOPENED = "reopened"
    REJECTED = "rejected"
    FORWARDED = "forwarded"
    """With a peer portal (:mod:`feedback.federation`): it answers, and we pass the answer on."""
    RETURNED = "returned"
    """Sent back to the peer portal that forwarded it to us: not ours either."""


class Action(StrEnum):
    ROUTE = "route"
    SEND_TO_TRIAGE = "send_to_triage"
    CLAIM = "claim"
    TRANSFER = "transfer"
    REQUEST_INFO = "request_info"
    CITIZEN_REPLY = "citizen_reply"
    SUBMIT = "submit"
    APPROVE = "approve"
    RETURN = "return"
    CLOSE = "close"
    REOPEN = "reopen"
    REJECT = "reject"
    LINK_DUPLICATE = "link_duplicate"
    FORWARD = "forward"
    TAKE_BACK = "take_back"
    """A forward cancelled by staff, or sent back by the peer: the question returns to triage."""
    RELAY_REPLY = "relay_reply"
    """The citizen's reply to a peer's request for information, passed on to the peer."""
    SEND_BACK = "send_back"


S = TicketStatus
TRANSITIONS: dict[tuple[TicketStatus, Action], TicketStatus] = {
    (S.RECEIVED, Action.ROUTE): S.ASSIGNED,
    (S.RECEIVED, Action.SEND_TO_TRIAGE): S.TRIAGE,
    (S.RECEIVED, Action.REJECT): S.REJECTED,
    (S.TRIAGE, Action.ROUTE): S.ASSIGNED,
    (S.TRIAGE, Action.REJECT): S.REJECTED,
    (S.ASSIGNED, Action.CLAIM): S.IN_PROGRESS,
    (S.ASSIGNED, Action.TRANSFER): S.ASSIGNED,
    (S.ASSIGNED, Action.SEND_TO_TRIAGE): S.TRIAGE,
    (S.ASSIGNED, Action.REJECT): S.REJECTED,
    (S.IN_PROGRESS, Action.TRANSFER): S.ASSIGNED,
    (S.IN_PROGRESS, Action.SEND_TO_TRIAGE): S.TRIAGE,
    (S.IN_PROGRESS, Action.REQUEST_INFO): S.AWAITING_CITIZEN,
    (S.IN_PROGRESS, Action.SUBMIT): S.PENDING_APPROVAL,
    (S.IN_PROGRESS, Action.REJECT): S.REJECTED,
    (S.AWAITING_CITIZEN, Action.CITIZEN_REPLY): S.IN_PROGRESS,
    (S.PENDING_APPROVAL, Action.APPROVE): S.ANSWERED,
    (S.PENDING_APPROVAL, Action.RETURN): S.IN_PROGRESS,
    (S.ANSWERED, Action.CLOSE): S.CLOSED,
    (S.ANSWERED, Action.REOPEN): S.REOPENED,
    (S.REOPENED, Action.CLAIM): S.IN_PROGRESS,
    # A question already answered elsewhere is answered with that answer, by a head or the coordinator.
    (S.TRIAGE, Action.LINK_DUPLICATE): S.ANSWERED,
    (S.ASSIGNED, Action.LINK_DUPLICATE): S.ANSWERED,
    (S.IN_PROGRESS, Action.LINK_DUPLICATE): S.ANSWERED,
    # Between portals: a question outside our remit goes to a peer, which answers through us or
    # sends it back; one a peer forwarded to us may go back to it the same way.
    (S.TRIAGE, Action.FORWARD): S.FORWARDED,
    (S.ASSIGNED, Action.FORWARD): S.FORWARDED,
    (S.IN_PROGRESS, Action.FORWARD): S.FORWARDED,
    (S.FORWARDED, Action.TAKE_BACK): S.TRIAGE,
    (S.FORWARDED, Action.REQUEST_INFO): S.AWAITING_CITIZEN,
    (S.AWAITING_CITIZEN, Action.RELAY_REPLY): S.FORWARDED,
    (S.FORWARDED, Action.APPROVE): S.ANSWERED,
    (S.FORWARDED, Action.REJECT): S.REJECTED,
    (S.TRIAGE, Action.SEND_BACK): S.RETURNED,
    (S.ASSIGNED, Action.SEND_BACK): S.RETURNED,
    (S.IN_PROGRESS, Action.SEND_BACK): S.RETURNED,
}

OPEN_STATUSES = frozenset(S) - {S.ANSWERED, S.CLOSED, S.REJECTED, S.RETURNED}


class InvalidTransition(Exception):
    def __init__(self, status: TicketStatus, action: Action) -> None:
        super().__init__(f"cannot {action} a ticket that is {status}")
        self.status = status
        self.action = action


def transition(status: TicketStatus, action: Action) -> TicketStatus:
    try:
        return TRANSITIONS[(status, action)]
    except KeyError:
        raise InvalidTransition(status, action) from None


class EventKind(StrEnum):
    """What a :class:`~feedback.models.TicketEvent` records; stored as these strings."""

    @property
    def public(self) -> bool:
        """Shown to the citizen (status page and API); the other kinds are for staff only."""
        return self in PUBLIC_EVENTS

    RECEIVED = "ticket:received"
    ROUTED = "ticket:routed"
    SENT_TO_TRIAGE = "ticket:sent_to_triage"
    TRANSFERRED = "ticket:transferred"
    ACCEPTED = "ticket:accepted"
    REJECTED = "ticket:rejected"
    INFO_REQUESTED = "ticket:info_requested"
    CITIZEN_REPLIED = "ticket:citizen_replied"
    EXTENDED = "ticket:extended"
    ASSIGNED = "ticket:assigned"
    NOTE = "ticket:note"
    ANSWER_SUBMITTED = "ticket:answer_submitted"
    ANSWER_RETURNED = "ticket:answer_returned"
    ANSWERED = "ticket:answered"
    PUBLISHED = "ticket:published"
    UNPUBLISHED = "ticket:unpublished"
    REDACTED = "ticket:redacted"
    INPUT_REQUESTED = "ticket:input_requested"
    INPUT_RECEIVED = "ticket:input_received"
    FOLLOW_UP = "ticket:follow_up"
    RATED = "ticket:rated"
    LINKED_DUPLICATE = "ticket:linked_duplicate"
    ESCALATED = "ticket:escalated"
    FORWARDED = "ticket:forwarded"
    """Staff sent it to a peer portal (``peer``, ``service``, ``reason``); the peer has yet to take it."""
    FORWARD_TAKEN = "ticket:forward_taken"
    """The peer took it (``peer``, ``their_reference``, ``expected_at``)."""
    FORWARD_CANCELLED = "ticket:forward_cancelled"
    PEER_UPDATE = "ticket:peer_update"
    """What the peer said of it (``peer``, ``update``: routed, extended, forwarded…, ``notes``)."""
    TAKEN_BACK = "ticket:taken_back"
    """The peer sent it back (``peer``, ``reason``): it is in our triage again."""
    SENT_BACK = "ticket:sent_back"
    """We sent it back to the peer that forwarded it (``peer``, ``reason``)."""
    CITIZEN_EMAIL = "ticket:citizen_email"
    """The citizen wrote by email about a question that was not waiting for them (``text``)."""
    FILES_REFUSED = "ticket:files_refused"
    """Files that came by email and were not accepted (``files``: each one's ``code`` and ``params``)."""
    ENTERED_LATE = "ticket:entered_late"
    """Staff entered a question received on an earlier day (``received_at``, ``reason``: why it came in late)."""
    RECEIPT_REISSUED = "ticket:receipt_reissued"
    """Staff printed the receipt again with a new short code: the earlier short link no longer opens the question."""
    POSTED = "ticket:posted"
    """The answer was sent to the citizen by post (``posted_on``, a date)."""
    DEADLINE_RECOUNTED = "ticket:deadline_recounted"
    """A calendar change moved its running clocks (``days``, ``day_off``, ``reason``, ``clocks``: each moved
    clock's ``[old, new]``; ``previous_due_at``/``answer_due_at`` when the answer deadline moved)."""
    REORGANISED = "ticket:reorganised"
    """A merge, split or rename moved it, clocks untouched (``from_department_id``, ``department_id`` and
    both names of the time, ``from_name``/``name`` and ``_en``; see :mod:`feedback.reorganisation`)."""
    UNASSIGNED = "ticket:unassigned"
    """Its assignee's account was deactivated or moved (``former``, a user id): back in the department's queue."""


# Decided by the kind, not by each caller, so that every kind a citizen can be shown is known and
# has words for them (a test walks the enum): the rest (notes, drafts, escalations…) stay internal.
PUBLIC_EVENTS = frozenset(
    {
        EventKind.RECEIVED,
        EventKind.ROUTED,
        EventKind.SENT_TO_TRIAGE,
        EventKind.TRANSFERRED,
        EventKind.REJECTED,
        EventKind.INFO_REQUESTED,
        EventKind.CITIZEN_REPLIED,
        EventKind.EXTENDED,
        EventKind.ANSWERED,
        EventKind.PUBLISHED,
        EventKind.FOLLOW_UP,
        EventKind.LINKED_DUPLICATE,
        EventKind.FORWARD_TAKEN,
        EventKind.PEER_UPDATE,
        EventKind.TAKEN_BACK,
        EventKind.SENT_BACK,
        EventKind.POSTED,
        EventKind.DEADLINE_RECOUNTED,
        EventKind.REORGANISED,
    }
)
