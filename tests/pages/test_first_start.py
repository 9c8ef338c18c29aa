"""A newcomer's first `make run`: the demo's history is recorded as it happened, and nothing of it is sent now.

The real server in embedded mode (``newcomer_server``), its own SQLite file and local outbox. The
demo's months of questions, answers and escalations must leave ``outbox/`` empty: what is found
there is what the test itself does (one question asked through the API).
"""

import sqlite3
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import httpx

from feedback.demo import DEMO_TOTP_SECRET
from tests.factories import SECOND_STEP, csrf_of, question_fields, totp_codes

PASSWORD = "caunoi-demo-2026"
QUIET_SECONDS = 30
CITIZEN = "hong.nguyen@example.com"


def rows(database: Path, query: str) -> list[tuple]:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        return connection.execute(query).fetchall()


def emails(outbox: Path) -> list[EmailMessage]:
    return [message_from_bytes(eml.read_bytes(), policy=policy.default) for eml in (outbox / "email").glob("*.eml")]


def wait_until_idle(database: Path, outbox: Path) -> None:
    """Until the citizen's receipt is in the outbox and nothing more waits to be expanded or sent.

    The scheduler's first jobs (escalation scan, outbox sweep, digest) were sent before the
    server took its first request; the receipt's notification comes after whatever they wrote,
    so once the receipt is out and the queue is empty, they have had their say.
    """
    deadline = time.monotonic() + QUIET_SECONDS
    while time.monotonic() < deadline:
        received = any(CITIZEN in str(mail["To"]) for mail in emails(outbox)) if outbox.exists() else False
        [(waiting,)] = rows(
            database,
            "select (select count(*) from notification where status = 'pending')"
            " + (select count(*) from delivery where status in ('pending', 'sending'))",
        )
        if received and not waiting:
            return
        time.sleep(0.2)
    raise AssertionError(f"the receipt was not sent within {QUIET_SECONDS} s, or the outbox never emptied")


def test_the_demos_history_sends_nothing_and_its_overdue_questions_keep_their_levels(
    newcomer_server: Callable[[Path], AbstractContextManager[str]], tmp_path: Path
) -> None:
    database, outbox = tmp_path / "caunoi.sqlite3", tmp_path / "outbox"
    with newcomer_server(tmp_path) as url, httpx.Client(base_url=url, timeout=10) as web:
        asked = web.post("/api/v1/questions", json=question_fields(email=CITIZEN, phone=None))
        assert asked.status_code == 201, asked.text
        reference = asked.json()["reference"]
        wait_until_idle(database, outbox)

        sent = emails(outbox)
        assert sent and all(f"ticket-{reference}@" in str(mail["References"]) for mail in sent), sorted(
            str(mail["Subject"]) for mail in sent
        )
        assert not (outbox / "sms").exists() or not any((outbox / "sms").iterdir())
        history = rows(
            database,
            "select d.status, count(*) from delivery d join notification n on n.id = d.notification_id"
            f" where n.topic != '{reference}' group by d.status",
        )
        assert dict(history).keys() == {"sent"} and dict(history)["sent"] > 200  # recorded, never sent
        overdue = rows(
            database,
            "select reference, max(coalesce(transfer_level, 0), coalesce(accept_level, 0), coalesce(answer_level, 0))"
            f" from ticket where status not in ('answered', 'closed', 'rejected') and reference != '{reference}'",
        )
        assert overdue and all(level == 3 for _, level in overdue)  # each climbed its whole ladder, long ago

        login = web.get("/can-bo/dang-nhap")
        web.post(
            "/can-bo/dang-nhap",
            data={"username": "lanhdao", "password": PASSWORD, "_csrf_token": csrf_of(login.text), "next": "/can-bo"},
        )
        second = web.get(SECOND_STEP)  # the demo's leader has the demo authenticator key
        for code in totp_codes(DEMO_TOTP_SECRET):
            if web.post(SECOND_STEP, data={"code": code, "_csrf_token": csrf_of(second.text)}).status_code != 422:
                break
        listed = web.get("/can-bo/bang-dieu-khien/qua-han", params={"level": 3})
        assert listed.status_code == 200
        for demo_reference, _ in overdue:
            assert demo_reference in listed.text
        assert "badge-overdue" in listed.text
