"""`caunoi user reset-2fa | require-2fa`: the operator's way back in for a member who lost their phone."""

import sqlalchemy as sa

from feedback.audit.models import AuditEntry
from feedback.models import User
from feedback.twofactor.models import RecoveryCode, TwoFactor
from tests.feedback.test_cli_admin import caunoi, query  # noqa: F401  (caunoi is a fixture)


def user_id(url: str, username: str) -> int:
    return query(url, sa.select(User.id).where(User.username == username))[0]


def test_reset_2fa_removes_the_second_factor_and_records_it(caunoi) -> None:  # noqa: F811
    run, url = caunoi
    admin = user_id(url, "admin")
    assert query(url, sa.select(TwoFactor.user_id).where(TwoFactor.user_id == admin)) == [admin]

    reset = run("user", "reset-2fa", "admin")
    assert reset.exit_code == 0, reset.output
    assert "reset the second factor of admin" in reset.output
    assert query(url, sa.select(TwoFactor.user_id).where(TwoFactor.user_id == admin)) == []
    assert query(url, sa.select(RecoveryCode.id).where(RecoveryCode.user_id == admin)) == []
    [entry] = query(url, sa.select(AuditEntry).where(AuditEntry.action == "two_factor:reset"))
    assert entry.actor_id is None and entry.target == f"user:{admin}"

    again = run("user", "reset-2fa", "admin")
    assert again.exit_code == 1 and "'admin' has no second factor" in again.output
    unknown = run("user", "reset-2fa", "khongco")
    assert unknown.exit_code == 1 and "khongco" in unknown.output
    assert len(query(url, sa.select(AuditEntry.id).where(AuditEntry.action == "two_factor:reset"))) == 1


def test_require_2fa_is_set_and_lifted_for_an_officer_and_recorded(caunoi) -> None:  # noqa: F811
    run, url = caunoi
    officer = query(url, sa.select(User.username).where(User.role == "officer").order_by(User.id))[0]

    assert run("user", "require-2fa", officer).exit_code == 0
    assert query(url, sa.select(User.two_factor_required).where(User.username == officer)) == [True]
    lifted = run("user", "require-2fa", officer, "--off")
    assert lifted.exit_code == 0 and "no longer required" in lifted.output
    assert query(url, sa.select(User.two_factor_required).where(User.username == officer)) == [False]
    changes = query(url, sa.select(AuditEntry).where(AuditEntry.action == "two_factor:requirement_changed"))
    assert [(e.actor_id, e.after) for e in changes] == [
        (None, {"two_factor_required": True}),
        (None, {"two_factor_required": False}),
    ]
