"""``/thong-ke``: how each department has answered the public over the last twelve months (no personal data)."""

from litestar import get
from litestar.response import Template

from feedback.performance import Scope, last_twelve_months, overview
from feedback.web.deps import Session
from notify.db import utcnow
from routing.calendar import VIETNAM
from routing.services import routing_data


@get("/thong-ke", name="statistics")
async def statistics_page(session: Session) -> Template:
    """Per department: questions received, answered and answered on time, the same figures as the dashboard's."""
    now = utcnow()
    chosen = last_twelve_months(now.astimezone(VIETNAM).date())
    calendar = (await routing_data(session)).calendar
    result = await overview(session, Scope(chosen), now=now, calendar=calendar, sort="name", medians=False)
    return Template("portal/statistics.html", context={"result": result})
