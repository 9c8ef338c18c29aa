"""A local HTTP server that speaks Twilio's Messages API, for the real twilio client to send to.

``POST /2010-04-01/Accounts/{AccountSid}/Messages.json`` with form fields and HTTP basic auth,
answered as Twilio answers: 201 with the message resource in JSON, or an error body
(``code``, ``message``, ``more_info``, ``status``) with 400, 401, 404, 429 or 5xx.
"""

import base64
import json
import re
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

_PATH = re.compile(r"^/2010-04-01/Accounts/(AC\w+)/Messages\.json$")


@dataclass
class FakeTwilio:
    """The messages accepted, the credentials allowed and, optionally, the status of the next replies."""

    account_sid: str
    credentials: set[tuple[str, str]]
    url: str = ""
    messages: list[dict[str, str]] = field(default_factory=list)
    fail_next: list[int] = field(default_factory=list)
    """HTTP statuses to answer with before accepting again (429, 503, …)."""


def _handler(state: FakeTwilio) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet
            pass

        def _reply(self, status: int, body: dict) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _error(self, status: int, code: int, message: str) -> None:
            more = f"https://www.twilio.com/docs/errors/{code}"
            self._reply(status, {"code": code, "message": message, "more_info": more, "status": status})

        def do_POST(self) -> None:
            match = _PATH.match(self.path)
            if not match or match.group(1) != state.account_sid:
                return self._error(404, 20404, "The requested resource was not found")
            auth = self.headers.get("Authorization", "")
            user, _, password = base64.b64decode(auth.removeprefix("Basic ")).decode().partition(":")
            if not auth.startswith("Basic ") or (user, password) not in state.credentials:
                return self._error(401, 20003, "Authenticate")
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode()).items()}
            if state.fail_next:
                status = state.fail_next.pop(0)
                return self._error(
                    status, 20429 if status == 429 else 20500, "Too Many Requests or Service Unavailable"
                )
            if not re.fullmatch(r"\+[1-9]\d{6,14}", form.get("To", "")) or form["To"].startswith("+8400"):
                return self._error(400, 21211, f"The 'To' number {form.get('To')} is not a valid phone number.")
            if not (form.get("From") or form.get("MessagingServiceSid")):
                return self._error(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required")
            if not form.get("Body"):
                return self._error(400, 21602, "Message body is required.")
            sid = "SM" + secrets.token_hex(16)
            state.messages.append({"Sid": sid, **form})
            self._reply(
                201,
                {
                    "sid": sid,
                    "account_sid": state.account_sid,
                    "to": form["To"],
                    "from": form.get("From"),
                    "messaging_service_sid": form.get("MessagingServiceSid"),
                    "body": form["Body"],
                    "status": "queued",
                    "num_segments": "1",
                    "direction": "outbound-api",
                    "api_version": "2010-04-01",
                    "uri": f"/2010-04-01/Accounts/{state.account_sid}/Messages/{sid}.json",
                },
            )
            return None

    return Handler


@contextmanager
def fake_twilio(account_sid: str, credentials: set[tuple[str, str]]) -> Iterator[FakeTwilio]:
    state = FakeTwilio(account_sid, credentials)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
