"""The lifecycle table: allowed moves go where DESIGN.md says, anything else is refused."""

import pytest

from feedback.lifecycle import OPEN_STATUSES, Action, InvalidTransition, TicketStatus, transition

S = TicketStatus


@pytest.mark.parametrize(
    ("status", "action", "result"),
    [
        (S.RECEIVED, Action.ROUTE, S.ASSIGNED),
        (S.RECEIVED, Action.SEND_TO_TRIAGE, S.TRIAGE),
        (S.TRIAGE, Action.REJECT, S.REJECTED),
        (S.ASSIGNED, Action.CLAIM, S.IN_PROGRESS),
        (S.IN_PROGRESS, Action.REQUEST_INFO, S.AWAITING_CITIZEN),
        (S.AWAITING_CITIZEN, Action.CITIZEN_REPLY, S.IN_PROGRESS),
        (S.IN_PROGRESS, Action.SUBMIT, S.PENDING_APPROVAL),
        (S.PENDING_APPROVAL, Action.RETURN, S.IN_PROGRESS),
        (S.PENDING_APPROVAL, Action.APPROVE, S.ANSWERED),
        (S.ANSWERED, Action.REOPEN, S.REOPENED),
    ],
)
def test_allowed_moves(status: TicketStatus, action: Action, result: TicketStatus) -> None:
    assert transition(status, action) is result


@pytest.mark.parametrize(
    ("status", "action"),
    [(S.REJECTED, Action.APPROVE), (S.RECEIVED, Action.APPROVE), (S.ANSWERED, Action.SUBMIT), (S.CLOSED, Action.CLAIM)],
)
def test_impossible_moves_are_refused(status: TicketStatus, action: Action) -> None:
    with pytest.raises(InvalidTransition):
        transition(status, action)


def test_closed_statuses_have_no_way_forward_but_reopening() -> None:
    assert {S.ANSWERED, S.CLOSED, S.REJECTED}.isdisjoint(OPEN_STATUSES)
    for action in Action:
        if action not in (Action.CLOSE, Action.REOPEN):
            with pytest.raises(InvalidTransition):
                transition(S.ANSWERED, action)
