"""The public Q&A pages: ``/hoi-dap`` (list, filters, search: a plain GET link anyone can share) and one page per Q&A."""

from litestar import get
from litestar.params import FromQuery
from litestar.response import File, Template
from sqlalchemy import select

from feedback.qa import list_qa, public_file, qa_detail, recent_qa
from feedback.web.deps import AppSettings, Session
from feedback.web.files import attachment_response
from feedback.web.forms import Id, Reference, whole_number
from routing.calendar import YEARS
from routing.models import Category, Department


@get("/hoi-dap", name="qa_list")
async def qa_list(
    session: Session,
    q: FromQuery[str] = "",
    category: FromQuery[str | None] = None,
    department: FromQuery[str | None] = None,
    year: FromQuery[str | None] = None,
    page: FromQuery[str | None] = None,
) -> Template:
    categories = (await session.scalars(select(Category).where(Category.active).order_by(Category.position))).all()
    departments = (await session.scalars(select(Department).where(Department.active).order_by(Department.name))).all()
    category_id = next((c.id for c in categories if c.code == category), None)
    department_id = next((d.id for d in departments if d.code == department), None)
    year_number = whole_number(year, "year", low=YEARS.start, high=YEARS.stop - 1)
    result = await list_qa(
        session,
        query=q[:200],
        category_id=category_id,
        department_id=department_id,
        year=year_number,
        page=whole_number(page, "page") or 1,
    )
    return Template(
        "portal/qa_list.html",
        context={
            "result": result,
            "q": q[:200],
            "category": category if category_id else None,
            "department": department if department_id else None,
            "year": year_number,
            "categories": categories,
            "departments": departments,
        },
    )


FEED_SIZE = 50


@get(
    "/hoi-dap/feed.atom",
    name="qa_feed",
    media_type="application/atom+xml",
    summary="The newest published answers as an Atom feed",
)
async def qa_feed(session: Session, settings: AppSettings) -> Template:
    """An Atom feed of the newest published answers, for the press and member sites."""
    entries = await recent_qa(session, limit=FEED_SIZE)
    return Template(
        "portal/feed.atom",
        context={
            "entries": entries,
            "base_url": settings.base_url,
            "updated": entries[0].published_at if entries else None,
        },
    )


@get("/hoi-dap/{reference:str}", name="qa_detail")
async def qa_page(session: Session, reference: Reference) -> Template:
    """404 (the site's page) for a reference that is not published."""
    return Template("portal/qa_detail.html", context={"item": await qa_detail(session, reference)})


@get("/hoi-dap/{reference:str}/tep/{attachment_id:int}", name="qa_file")
async def qa_file(session: Session, settings: AppSettings, reference: Reference, attachment_id: Id) -> File:
    """A file of a published answer, for anyone."""
    attachment = await public_file(session, reference, attachment_id)
    return attachment_response(settings, attachment)
