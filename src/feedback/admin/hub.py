"""The administration's index page: one card per section, only those the signed-in role may use."""

from dataclasses import dataclass

from litestar import get
from litestar.response import Template

from feedback.i18n import N_
from feedback.models import Role
from feedback.web.deps import Staff

ADMIN_ROLES = {Role.ADMIN, Role.HEAD, Role.COORDINATOR}


@dataclass(frozen=True)
class Section:
    path: str
    title: str
    summary: str
    roles: frozenset[Role]


ADMINS_ONLY = frozenset({Role.ADMIN})

SECTIONS = (
    Section(
        "/can-bo/quan-tri/don-vi",
        N_("Departments"),
        N_("The tree of sở, ban, ngành, their mailboxes and the coordinating office."),
        ADMINS_ONLY,
    ),
    Section(
        "/can-bo/quan-tri/tai-khoan",
        N_("Staff accounts"),
        N_("Create accounts, set role and department, deactivate, reset a password."),
        frozenset({Role.ADMIN, Role.HEAD}),
    ),
    Section(
        "/can-bo/quan-tri/linh-vuc",
        N_("Topics"),
        N_("What citizens ask about, and the department that answers each by default."),
        ADMINS_ONLY,
    ),
    Section(
        "/can-bo/quan-tri/quy-tac-phan-luong",
        N_("Routing rules"),
        N_("Which department receives a question, in order; try a question to see where it goes."),
        ADMINS_ONLY,
    ),
    Section(
        "/can-bo/quan-tri/thoi-han",
        N_("Deadlines and escalation"),
        N_("Deadlines by topic and priority, and who is warned when an answer is late."),
        ADMINS_ONLY,
    ),
    Section(
        "/can-bo/quan-tri/lich-lam-viec",
        N_("Working calendar"),
        N_("The year's working days and holidays; add a day off or a Saturday worked."),
        frozenset({Role.ADMIN, Role.COORDINATOR}),
    ),
    Section(
        "/can-bo/quan-tri/sap-xep-to-chuc",
        N_("Reorganisation"),
        N_("Merge, split or rename departments, or hand topics over, without losing a question."),
        ADMINS_ONLY,
    ),
    Section(
        "/can-bo/quan-tri/dia-ban",
        N_("Communes and wards"),
        N_("The administrative units of the province, with their former names."),
        ADMINS_ONLY,
    ),
    Section(
        "/can-bo/quan-tri/nhat-ky",
        N_("Audit trail"),
        N_("Every change made here: who, when, before and after."),
        ADMINS_ONLY,
    ),
)
"""Every section in the order shown; a section's own handlers guard it with the same roles."""


@get("/quan-tri", name="staff_admin", opt={"roles": ADMIN_ROLES})
async def admin_index(staff: Staff) -> Template:
    sections = [section for section in SECTIONS if staff.role in section.roles]
    return Template("admin/hub.html", context={"staff": staff, "sections": sections})


ROUTES = [admin_index]
