"""``caunoi``: serve the portal, run workers and the scheduler, migrate, load demo data, add staff."""

import signal
import threading

import click
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.areas.cli import areas
from feedback.backup.cli import backup, restore
from feedback.cli_admin import COMMANDS, in_transaction
from feedback.federation.cli import forward_command, peer
from feedback.models import Role
from feedback.open311.cli import open311
from feedback.settings import get_settings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Cầu Nối: citizens' questions to the provincial departments.

    Configuration comes from CAUNOI_* environment variables (see the README).
    """


@main.command()
@click.option("--host", default=None, help="Address to listen on [CAUNOI_HOST, 127.0.0.1].")
@click.option("--port", type=int, default=None, help="Port to listen on [CAUNOI_PORT, 8000].")
@click.option(
    "--workers",
    type=int,
    default=1,
    show_default=True,
    help="Web processes (needs PostgreSQL and Redis if > 1).",
)
def run(host: str | None, port: int | None, workers: int) -> None:
    """Serve the portal and the API.

    Without CAUNOI_REDIS_URL (embedded mode) the background worker and the scheduler run in
    this same process. With it, run `caunoi worker` and `caunoi scheduler` beside it.
    """
    from feedback.serve import serve

    settings = get_settings()
    if workers > 1 and (settings.embedded or settings.database_url.startswith("sqlite")):
        raise click.UsageError("--workers > 1 needs PostgreSQL (CAUNOI_DATABASE_URL) and Redis (CAUNOI_REDIS_URL)")
    stop = threading.Event()
    worker = None
    if settings.embedded:
        from feedback.scheduler import run_scheduler
        from notify.broker import start_worker

        worker = start_worker()
        threading.Thread(target=run_scheduler, args=(stop,), name="scheduler", daemon=True).start()
    host, port = host or settings.host, port or settings.port
    click.echo(f"Cầu Nối: http://{host}:{port}  ({'embedded' if settings.embedded else 'production'} mode)")
    try:
        serve(host, port, workers)
    finally:
        stop.set()
        if worker is not None:
            worker.stop()


@main.command()
@click.option(
    "--threads",
    type=int,
    default=4,
    show_default=True,
    help="Worker threads in this process.",
)
@click.option("--metrics-port", type=int, default=None, help="Serve Prometheus metrics on this port (off by default).")
@click.option(
    "--metrics-address", default="127.0.0.1", show_default=True, help="Address the metrics exporter listens on."
)
def worker(threads: int, metrics_port: int | None, metrics_address: str) -> None:
    """Run background jobs from Redis (CAUNOI_REDIS_URL) until interrupted."""
    settings = get_settings()
    if settings.embedded:
        raise click.UsageError("CAUNOI_REDIS_URL is not set: in embedded mode `caunoi run` does the jobs itself")
    import feedback.actors  # noqa: F401  (declares the actors the worker consumes)
    from feedback.logs import configure_logging
    from notify.broker import start_worker

    configure_logging(production=settings.environment == "production")

    running = start_worker(threads)
    _start_exporter(metrics_address, metrics_port, settings.notify.redis_url, scheduler=False)
    click.echo(f"worker: {threads} threads on {settings.notify.redis_url}")
    _wait_for_signal()
    running.stop()


@main.command()
@click.option("--metrics-port", type=int, default=None, help="Serve Prometheus metrics on this port (off by default).")
@click.option(
    "--metrics-address", default="127.0.0.1", show_default=True, help="Address the metrics exporter listens on."
)
def scheduler(metrics_port: int | None, metrics_address: str) -> None:
    """Send the periodic jobs to the workers (any number of schedulers may run)."""
    settings = get_settings()
    if settings.embedded:
        raise click.UsageError("CAUNOI_REDIS_URL is not set: in embedded mode `caunoi run` runs the scheduler")
    from feedback.logs import configure_logging
    from feedback.scheduler import run_scheduler

    configure_logging(production=settings.environment == "production")
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    _start_exporter(metrics_address, metrics_port, settings.notify.redis_url, scheduler=True)
    run_scheduler(stop, redis_url=settings.notify.redis_url)


def _start_exporter(address: str, port: int | None, redis_url: str | None, *, scheduler: bool) -> None:
    if port is None or redis_url is None:
        return
    from feedback.metrics.exporter import start_exporter

    start_exporter(address, port, redis_url, scheduler=scheduler)
    click.echo(f"metrics: http://{address}:{port}/metrics")


def _wait_for_signal() -> None:
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait()


@main.group()
def db() -> None:
    """Database schema (Alembic migrations)."""


@db.command()
@click.argument("revision", default="head")
def upgrade(revision: str) -> None:
    """Migrate the database to REVISION (default: the newest)."""
    from feedback import migrations

    migrations.upgrade(get_settings().database_url, revision)
    click.echo(f"database at {revision}")


@db.command()
@click.argument("revision")
def downgrade(revision: str) -> None:
    """Migrate the database back to REVISION."""
    from feedback import migrations

    migrations.downgrade(get_settings().database_url, revision)


@db.command()
@click.option("-m", "--message", required=True, help="What the migration does.")
def revision(message: str) -> None:
    """Write a new migration from the difference between the models and the database."""
    from feedback import migrations

    migrations.revision(get_settings().database_url, message)


@main.group()
def demo() -> None:
    """Demo data."""


@demo.command("load")
def demo_load() -> None:
    """Load the demo province (departments, categories, communes, staff, published Q&A, an Open311 app); safe to repeat."""
    from feedback.demo import DEMO_KEY, DEMO_PASSWORD, DEMO_TOTP_SECRET, load_demo, load_demo_answers
    from notify.db import utcnow

    settings = get_settings()
    users = in_transaction(load_demo)
    published = in_transaction(
        lambda session: load_demo_answers(
            session, now=utcnow(), upload_dir=settings.uploads, base_url=settings.base_url
        )
    )
    if published:
        click.echo(f"Published {published} answered questions on /hoi-dap.")
    click.echo(f"Demo data loaded. Staff accounts (password: {DEMO_PASSWORD}):")
    for user in users:
        click.echo(f"  {user.username:<18} {user.role:<12} {user.department or '-':<8} {user.full_name}")
    click.echo(
        f"Admins and leaders also need a code from an authenticator app: add the demo key {DEMO_TOTP_SECRET} "
        "to one (it is the same for every demo; never use it elsewhere)."
    )
    click.echo(f"Open311 endpoint: {settings.base_url}/open311/v2 (demo app key: {DEMO_KEY})")


@main.group()
def user() -> None:
    """Staff accounts."""


@user.command("create")
@click.option("--username", required=True)
@click.option("--full-name", required=True)
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--department", help="Department code (required for officer and head).")
@click.option("--email")
@click.option("--phone")
@click.password_option(help="At least 12 characters; asked for if not given.")
def user_create(
    username: str,
    full_name: str,
    role: str,
    department: str | None,
    email: str | None,
    phone: str | None,
    password: str,
) -> None:
    """Create a staff account (recorded in the audit trail)."""
    from feedback.admin.accounts import create_account
    from notify.db import utcnow

    in_transaction(
        lambda session: create_account(
            session,
            viewer=None,
            username=username,
            full_name=full_name,
            email=email,
            role=role,
            department=department,
            password=password,
            actor_id=None,
            now=utcnow(),
        )
    )
    click.echo(f"created {role} {username}")


@user.command("list")
def user_list() -> None:
    """Show every staff account."""
    from feedback.accounts import list_users

    for account in in_transaction(list_users):
        state = "" if account.active else "  (deactivated)"
        click.echo(f"{account.username:<20} {account.role:<12} {account.full_name}{state}")


@user.command("set")
@click.argument("username")
@click.option("--active/--inactive", default=None, help="Reactivate or deactivate (signs the user out).")
@click.option("--password", help="A new password (at least 12 characters).")
@click.option("--role", type=click.Choice([r.value for r in Role]), help="A new role.")
@click.option("--department", help="A new department code (with --role; '' for none).")
def user_set(
    username: str, active: bool | None, password: str | None, role: str | None, department: str | None
) -> None:
    """Change USERNAME's role and department, deactivate or reactivate it, or set a new password.

    Each change is recorded in the audit trail (never the password); open questions assigned to a
    member who is deactivated or leaves their department go back to the department's queue.
    """
    from sqlalchemy import select

    from feedback.accounts import account_named
    from feedback.admin import accounts
    from notify.db import utcnow
    from routing.models import Department

    async def change(session: AsyncSession) -> None:
        user = await account_named(session, username)
        now = utcnow()
        if role is not None or department is not None:
            current = await session.scalar(select(Department.code).where(Department.id == user.department_id))
            await accounts.change_role(
                session,
                user,
                viewer=None,
                role=role or user.role,
                department=current if department is None else department,
                actor_id=None,
                now=now,
            )
        if active is not None:
            await accounts.set_account_active(session, user, active, actor_id=None, now=now)
        if password is not None:
            await accounts.reset_password(session, user, password, actor_id=None, now=now)

    in_transaction(change)
    click.echo(f"updated {username}")


@user.command("reset-2fa")
@click.argument("username")
def user_reset_2fa(username: str) -> None:
    """Remove USERNAME's second factor and recovery codes (a lost phone); recorded in the audit trail."""
    from feedback.twofactor.services import reset_account
    from notify.db import utcnow

    in_transaction(lambda session: reset_account(session, username, now=utcnow()))
    click.echo(f"reset the second factor of {username}: they set it up again at their next login if it is required")


@user.command("require-2fa")
@click.argument("username")
@click.option("--off", is_flag=True, help="No longer require it (admins and leaders always need it).")
def user_require_2fa(username: str, off: bool) -> None:
    """Require two-step verification of USERNAME whatever their role; recorded in the audit trail."""
    from feedback.twofactor.services import require_account
    from notify.db import utcnow

    in_transaction(lambda session: require_account(session, username, not off, now=utcnow()))
    click.echo(f"two-step verification {'no longer ' if off else ''}required of {username}")


for command in (*COMMANDS, areas, backup, restore, open311, peer, forward_command):
    main.add_command(command)
