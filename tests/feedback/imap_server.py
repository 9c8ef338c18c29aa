"""A real IMAP server (Dovecot) on loopback, started with a throw-away configuration and mailbox.

Dovecot refuses to run its login processes as root: run as root (a CI container), the mail and
login processes run as ``nobody`` and the files live in a world-readable temporary directory.
"""

import grp
import imaplib
import os
import pwd
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import free_port, unavailable

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
USERNAME, PASSWORD = "hoidap", "mat-khau-imap"

_CONFIG = """
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
first_valid_uid = {uid}
mail_location = maildir:{root}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {root}/passwd
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""


@dataclass
class ImapServer:
    port: int
    root: Path
    folder: str = "INBOX"

    def client(self) -> imaplib.IMAP4:
        client = imaplib.IMAP4("127.0.0.1", self.port)
        client.login(USERNAME, PASSWORD)
        client.select(self.folder)
        return client

    def reach(self, **extra: object) -> dict:
        """The ``CAUNOI_IMAP_*`` settings that read this server's current folder."""
        return {
            "host": "127.0.0.1",
            "port": self.port,
            "security": "none",
            "username": USERNAME,
            "password": PASSWORD,
            "folder": self.folder,
            **extra,
        }

    def new_folder(self) -> str:
        """A fresh, empty folder, which becomes the one :meth:`reach` names."""
        self.folder = f"hoidap-{uuid.uuid4().hex[:8]}"
        client = imaplib.IMAP4("127.0.0.1", self.port)
        client.login(USERNAME, PASSWORD)
        client.create(self.folder)
        client.logout()
        return self.folder

    def append(self, *messages: bytes) -> None:
        client = self.client()
        try:
            for raw in messages:
                status, data = client.append(self.folder, None, None, raw)
                assert status == "OK", data
        finally:
            client.logout()

    def flags(self) -> dict[int, set[str]]:
        """Each message's flags, by UID."""
        client = self.client()
        try:
            _, data = client.uid("FETCH", "1:*", "(UID FLAGS)")
        finally:
            client.logout()
        found = {}
        for line in data:
            if not line:
                continue
            text = line.decode() if isinstance(line, bytes) else line[0].decode()
            uid = int(text.split("UID ")[1].split()[0].rstrip(")"))
            found[uid] = set(text.split("FLAGS (")[1].split(")")[0].split())
        return found

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text() if path.exists() else ""


def _accounts() -> dict:
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        return {"user": "nobody", "uid": nobody.pw_uid, "gid": nobody.pw_gid}
    me = pwd.getpwuid(os.geteuid())
    return {"user": me.pw_name, "uid": me.pw_uid, "gid": me.pw_gid}


@contextmanager
def dovecot() -> Iterator[ImapServer]:
    """Dovecot listening on a free loopback port with one account, :data:`USERNAME`."""
    if not os.access(DOVECOT, os.X_OK):
        unavailable("Dovecot (apt-get install dovecot-imapd)")
    root = Path(tempfile.mkdtemp(prefix="caunoi-dovecot-"))
    root.chmod(0o755)
    account = _accounts()
    group = grp.getgrgid(account["gid"]).gr_name
    for name in ("mail", "home"):
        (root / name).mkdir()
        os.chown(root / name, account["uid"], account["gid"])
    (root / "passwd").write_text(f"{USERNAME}:{{PLAIN}}{PASSWORD}:{account['uid']}:{account['gid']}::{root}/home\n")
    (root / "passwd").chmod(0o644)
    port = free_port()
    config = root / "dovecot.conf"
    config.write_text(_CONFIG.format(root=root, user=account["user"], group=group, uid=account["uid"], port=port))
    process = subprocess.Popen(
        [DOVECOT, "-F", "-c", str(config)], stdout=subprocess.DEVNULL, stderr=(root / "stderr.log").open("w")
    )
    server = ImapServer(port, root)
    try:
        _wait_until_it_answers(server, process)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(root, ignore_errors=True)


def _wait_until_it_answers(server: ImapServer, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 15
    while True:
        try:
            server.client().logout()
            return
        except (OSError, imaplib.IMAP4.error) as error:
            if process.poll() is not None or time.monotonic() > deadline:
                stderr = (server.root / "stderr.log").read_text()
                raise RuntimeError(f"Dovecot did not start: {error}\n{stderr}\n{server.log()}") from error
            time.sleep(0.1)
