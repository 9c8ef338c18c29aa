"""``/thong-ke``: how each department has answered the public over the last twelve months (no personal data)."""

from litestar import get
from litestar.response import Template

from feedback.channels import LABELS
from feedback.federation.network import exchanges
from feedback.performance import Scope, last_twelve_months, overview, received_by_channel
from feedback.web.deps import Session
from notify.db import utcnow
from routing.calendar import VIETNAM
from routing.services import routing_data


@get("/thong-ke", name="statistics")
async def statistics_page(session: Session) -> Template:
    """Per department: questions received, answered and answered on time, the same figures as the dashboard's;
    per channel: the questions received; per peer portal: the questions forwarded to it and received from it."""
    now = utcnow()
    chosen = last_twelve_months(now.astimezone(VIETNAM).date())
    calendar = (await routing_data(session)).calendar
    scope = Scope(chosen)
    result = await overview(session, scope, now=now, calendar=calendar, sort="name", medians=False)
    peers = await exchanges(session, scope)
    channels = await received_by_channel(session, scope)
    return Template(
        "portal/statistics.html",
        context={"result": result, "peers": peers, "channels": channels, "intake_labels": LABELS},
    )
