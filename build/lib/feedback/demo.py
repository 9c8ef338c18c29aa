"""Demo data: the People's Committee of a province as it is organised since the 2025 reforms.

Departments follow NĐ 45/2025/NĐ-CP (the twelve sở every province has, the coordinating
office Văn phòng UBND, the provincial inspectorate) plus the vertical agencies that answer
citizens too (social insurance, police, tax). The commune and ward list is a sample for the
demo, not the official register: load the real one for production.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.accounts import create_user
from feedback.answering import approve_answer, submit_answer
from feedback.areas.importing import import_province
from feedback.demo_qa import DEMO_ANSWERS
from feedback.digest import queue_digest
from feedback.escalations import catch_up
from feedback.handling import accept
from feedback.intake import hash_token, receive_question
from feedback.lifecycle import TicketStatus
from feedback.models import Channel, Role, Ticket, User
from feedback.open311.keys import add_client
from feedback.open311.models import ClientApp
from feedback.outbox import record_as_sent
from feedback.twofactor.services import activate, is_enrolled, is_required
from notify.db import utcnow
from routing.admin import add_attribute, list_attributes, set_policy
from routing.calendar import VIETNAM
from routing.models import CalendarOverride, Category, Department, RoutingRule, SlaPolicy
from routing.services import routing_data

DEMO_PASSWORD = "caunoi-demo-2026"  # noqa: S105  (printed for the demo; never in production)

# code, name, English name, mailbox, is the coordinating office
DEPARTMENTS = [
    (
        "VPUB",
        "Văn phòng UBND tỉnh",
        "Office of the Provincial People's Committee",
        "vpub@thanhhoa.gov.vn",
        True,
    ),
    ("SNV", "Sở Nội vụ", "Department of Home Affairs", "sonv@thanhhoa.gov.vn", False),
    ("STP", "Sở Tư pháp", "Department of Justice", "sotp@thanhhoa.gov.vn", False),
    ("STC", "Sở Tài chính", "Department of Finance", "sotc@thanhhoa.gov.vn", False),
    (
        "SCT",
        "Sở Công Thương",
        "Department of Industry and Trade",
        "soct@thanhhoa.gov.vn",
        False,
    ),
    (
        "SNNMT",
        "Sở Nông nghiệp và Môi trường",
        "Department of Agriculture and Environment",
        "sonnmt@thanhhoa.gov.vn",
        False,
    ),
    ("SXD", "Sở Xây dựng", "Department of Construction", "soxd@thanhhoa.gov.vn", False),
    (
        "SKHCN",
        "Sở Khoa học và Công nghệ",
        "Department of Science and Technology",
        "sokhcn@thanhhoa.gov.vn",
        False,
    ),
    (
        "SVHTTDL",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Department of Culture, Sports and Tourism",
        "sovhttdl@thanhhoa.gov.vn",
        False,
    ),
    (
        "SGDDT",
        "Sở Giáo dục và Đào tạo",
        "Department of Education and Training",
        "sogddt@thanhhoa.gov.vn",
        False,
    ),
    ("SYT", "Sở Y tế", "Department of Health", "soyt@thanhhoa.gov.vn", False),
    (
        "TTT",
        "Thanh tra tỉnh",
        "Provincial Inspectorate",
        "thanhtra@thanhhoa.gov.vn",
        False,
    ),
    (
        "BHXH",
        "Bảo hiểm xã hội tỉnh",
        "Provincial Social Security",
        "bhxh@thanhhoa.gov.vn",
        False,
    ),
    ("CAT", "Công an tỉnh", "Provincial Police", "congan@thanhhoa.gov.vn", False),
    (
        "THUE",
        "Thuế tỉnh Thanh Hóa",
        "Thanh Hoa Provincial Tax Office",
        "thue@thanhhoa.gov.vn",
        False,
    ),
]

# group (vi, en) → [(code, name, English name, default department code)]
CATEGORIES = {
    ("Đất đai, môi trường, nông nghiệp", "Land, environment, agriculture"): [
        (
            "dat-dai",
            "Đất đai, giấy chứng nhận quyền sử dụng đất",
            "Land and land-use certificates",
            "SNNMT",
        ),
        (
            "moi-truong",
            "Môi trường, ô nhiễm, rác thải",
            "Environment, pollution, waste",
            "SNNMT",
        ),
        (
            "nong-nghiep",
            "Nông nghiệp, thủy lợi, phòng chống thiên tai",
            "Agriculture, irrigation, disaster prevention",
            "SNNMT",
        ),
        (
            "giam-ngheo",
            "Giảm nghèo, xây dựng nông thôn mới",
            "Poverty reduction, new rural development",
            "SNNMT",
        ),
    ],
    ("Xây dựng, giao thông, nhà ở", "Construction, transport, housing"): [
        ("giay-phep-xay-dung", "Cấp phép xây dựng", "Building permits", "SXD"),
        ("quy-hoach", "Quy hoạch, kiến trúc", "Planning and architecture", "SXD"),
        (
            "giao-thong",
            "Giao thông, giấy phép lái xe, đăng kiểm",
            "Transport, driving licences, vehicle inspection",
            "SXD",
        ),
        ("nha-o", "Nhà ở, thị trường bất động sản", "Housing and real estate", "SXD"),
    ],
    ("Doanh nghiệp, đầu tư, tài chính", "Business, investment, finance"): [
        (
            "dang-ky-kinh-doanh",
            "Đăng ký doanh nghiệp, hộ kinh doanh",
            "Registering a business or household business",
            "STC",
        ),
        (
            "dau-tu",
            "Đầu tư, dự án, hỗ trợ doanh nghiệp",
            "Investment, projects, business support",
            "STC",
        ),
        (
            "tai-chinh-ngan-sach",
            "Ngân sách, giá, tài sản công",
            "Budget, prices, public assets",
            "STC",
        ),
        ("thue-phi", "Thuế, phí, lệ phí", "Taxes, fees and charges", "THUE"),
        (
            "cong-thuong",
            "Thương mại, công nghiệp, điện, xăng dầu",
            "Trade, industry, electricity, fuel",
            "SCT",
        ),
    ],
    ("Lao động, xã hội, y tế, giáo dục", "Labour, social affairs, health, education"): [
        (
            "lao-dong-viec-lam",
            "Lao động, tiền lương, việc làm",
            "Labour, wages, employment",
            "SNV",
        ),
        (
            "nguoi-co-cong",
            "Chính sách người có công",
            "Benefits for people with meritorious service",
            "SNV",
        ),
        (
            "bao-hiem",
            "Bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp",
            "Social, health and unemployment insurance",
            "BHXH",
        ),
        (
            "bao-tro-xa-hoi",
            "Bảo trợ xã hội, trẻ em",
            "Social protection and children",
            "SYT",
        ),
        (
            "y-te",
            "Y tế, khám chữa bệnh, an toàn thực phẩm",
            "Health care and food safety",
            "SYT",
        ),
        (
            "giao-duc",
            "Giáo dục, tuyển sinh, văn bằng",
            "Education, admissions, diplomas",
            "SGDDT",
        ),
        (
            "van-hoa-du-lich",
            "Văn hóa, thể thao, du lịch, báo chí",
            "Culture, sports, tourism, press",
            "SVHTTDL",
        ),
    ],
    ("Hành chính, tư pháp, an ninh", "Administration, justice, security"): [
        (
            "ho-tich",
            "Hộ tịch, chứng thực, lý lịch tư pháp",
            "Civil status, certification, criminal records",
            "STP",
        ),
        (
            "cu-tru",
            "Cư trú, căn cước, an ninh trật tự",
            "Residence, ID cards, public order",
            "CAT",
        ),
        (
            "gop-y-van-ban",
            "Góp ý dự thảo văn bản quy phạm pháp luật",
            "Comments on draft legal documents",
            "STP",
        ),
        (
            "can-bo-cong-chuc",
            "Tổ chức bộ máy, cán bộ, công chức",
            "Organisation, officials and civil servants",
            "SNV",
        ),
        (
            "thai-do-can-bo",
            "Phản ánh về thái độ, hành vi của cán bộ",
            "Conduct of officials",
            "TTT",
        ),
        (
            "khoa-hoc-cong-nghe",
            "Khoa học, công nghệ, chuyển đổi số",
            "Science, technology, digital transformation",
            "SKHCN",
        ),
        (
            "thu-tuc-hanh-chinh",
            "Thủ tục hành chính, dịch vụ công trực tuyến",
            "Administrative procedures, online public services",
            "VPUB",
        ),
        ("khac", "Vấn đề khác", "Other matters", None),  # no default: the coordinating office sorts it
    ],
}

DEMO_PROVINCE = "38"
"""Thanh Hóa: its 166 communes and wards come from the shipped register (``feedback.areas``)."""


# (category code or None, area pattern or None, keywords, department code), in order
RULES = [
    (None, None, ["căn cước"], "CAT"),
    (None, None, ["bảo hiểm y tế"], "BHXH"),
    ("dat-dai", None, ["giấy phép xây dựng"], "SXD"),
    ("moi-truong", "sam-son*", ["bãi biển"], "SVHTTDL"),
]

# (category code or None, priority or None, accept, answer): the rest keeps the defaults.
POLICIES = [
    # Feedback on legal documents: 15 calendar days from receipt (Công điện 89/CĐ-TTg, 16/6/2025).
    ("gop-y-van-ban", None, "2wd", "15cd"),
    # An urgent question must be taken on the same day and answered within 3 working days.
    (None, "urgent", "4wh", "3wd"),
]

# Days the government swapped in 2026 that the holidays package does not know as such (it
# knows Saturday 22/8, worked for Monday 31/8, and both count without an override).
CALENDAR_OVERRIDES = [
    (date(2026, 1, 2), False, "Nghỉ Tết Dương lịch, hoán đổi với thứ Bảy 10/01/2026"),
    (date(2026, 1, 10), True, "Làm bù cho ngày 02/01/2026"),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: Role
    department: str | None


USERS = [
    DemoUser("admin", "Quản trị hệ thống", Role.ADMIN, None),
    DemoUser("lanhdao", "Nguyễn Văn Lãnh", Role.LEADER, None),
    DemoUser("dieuphoi", "Lê Thị Phối", Role.COORDINATOR, "VPUB"),
    DemoUser("xd.truongphong", "Trần Văn Xây", Role.HEAD, "SXD"),
    DemoUser("xd.chuyenvien", "Phạm Thị Dựng", Role.OFFICER, "SXD"),
    DemoUser("nnmt.truongphong", "Hoàng Văn Đất", Role.HEAD, "SNNMT"),
    DemoUser("nnmt.chuyenvien", "Vũ Thị Môi", Role.OFFICER, "SNNMT"),
    DemoUser("tc.truongphong", "Đỗ Văn Tài", Role.HEAD, "STC"),
    DemoUser("tc.chuyenvien", "Bùi Thị Chính", Role.OFFICER, "STC"),
    DemoUser("yt.chuyenvien", "Đặng Thị Y", Role.OFFICER, "SYT"),
]


async def load_reference_data(session: AsyncSession, *, now: datetime | None = None) -> None:
    """Departments, categories, areas, routing rules and 2026's swapped days; existing rows are left as they are."""
    departments = {d.code: d for d in await session.scalars(select(Department))}
    for code, name, name_en, mailbox, coordinating in DEPARTMENTS:
        if code not in departments:
            departments[code] = Department(
                code=code,
                name=name,
                name_en=name_en,
                mailbox=mailbox,
                is_coordinating_office=coordinating,
            )
            session.add(departments[code])
    await session.flush()

    existing = set(await session.scalars(select(Category.code)))
    position = 0
    for (group, group_en), items in CATEGORIES.items():
        for code, name, name_en, department_code in items:
            position += 1
            if code not in existing:
                session.add(
                    Category(
                        code=code,
                        name=name,
                        name_en=name_en,
                        group=group,
                        group_en=group_en,
                        position=position,
                        default_department_id=departments[department_code].id if department_code else None,
                    )
                )
    await import_province(session, DEMO_PROVINCE, now=now or utcnow(), audited=False)

    if not await session.scalar(select(RoutingRule.id).limit(1)):
        categories = {c.code: c.id for c in await session.scalars(select(Category))}
        session.add_all(
            RoutingRule(
                position=10 * (index + 1),
                category_id=categories[category] if category else None,
                area_pattern=area,
                keywords=keywords,
                department_id=departments[department].id,
            )
            for index, (category, area, keywords, department) in enumerate(RULES)
        )
    if not await session.scalar(select(SlaPolicy.id).limit(1)):
        for category, priority, accept, answer in POLICIES:
            await set_policy(session, category=category, priority=priority, accept=accept, answer=answer)
    days = set(await session.scalars(select(CalendarOverride.day)))
    session.add_all(
        CalendarOverride(day=day, working=working, reason=reason)
        for day, working, reason in CALENDAR_OVERRIDES
        if day not in days
    )
    await session.flush()


DEMO_STAFF_DOMAIN = "thanhhoa.example.gov.vn"


@dataclass(frozen=True)
class DemoAttribute:
    code: str
    description: str
    description_en: str
    datatype: str
    required: bool = False
    help_text: str = ""
    values: tuple[str, ...] = ()


# The questions a land office asks first: where the parcel is on the cadastral map, and what the land is for.
ATTRIBUTES = {
    "dat-dai": [
        DemoAttribute(
            "so-thua", "Số thửa đất", "Land parcel number", "string", required=True,
            help_text="Như ghi trên Giấy chứng nhận quyền sử dụng đất, ví dụ 125",
        ),
        DemoAttribute(
            "so-to-ban-do", "Số tờ bản đồ", "Cadastral map sheet number", "string",
            help_text="Như ghi trên Giấy chứng nhận quyền sử dụng đất, ví dụ 12",
        ),
        DemoAttribute(
            "loai-dat", "Loại đất", "Type of land", "singlevaluelist",
            values=(
                "ODT=Đất ở tại đô thị=Urban residential land",
                "ONT=Đất ở tại nông thôn=Rural residential land",
                "LUC=Đất chuyên trồng lúa=Rice land",
                "CLN=Đất trồng cây lâu năm=Perennial crop land",
            ),
        ),
    ],
}  # fmt: skip

DEMO_APP = "Ứng dụng thử nghiệm"
DEMO_APP_CONTACT = "open311@thanhhoa.example.gov.vn"
DEMO_KEY = "caunoi-demo-key"
"""The demo app's key, printed in the README so that anyone can try ``/open311/v2`` on ``make run``."""


async def load_demo_open311(session: AsyncSession) -> None:
    """The demo app (key :data:`DEMO_KEY`) and the land category's extra questions, each added once.

    A demo app an admin revoked stays revoked.
    """
    for category, attributes in ATTRIBUTES.items():
        asked = {row.code for row, _ in await list_attributes(session, category)}
        for a in attributes:
            if a.code not in asked:
                await add_attribute(
                    session, category, code=a.code, description=a.description, description_en=a.description_en,
                    datatype=a.datatype, required=a.required, help_text=a.help_text, values=a.values,
                )  # fmt: skip
    if not await session.scalar(select(ClientApp.id).where(ClientApp.key_hash == hash_token(DEMO_KEY))):
        await add_client(session, DEMO_APP, DEMO_APP_CONTACT, key=DEMO_KEY)


DEMO_TOTP_SECRET = "CAUNOIDEMOKEYCAUNOIDEMOKEY234567"  # noqa: S105  (printed for the demo; never in production)
"""The authenticator key of the demo's admin and leader, who must sign in with two steps like any admin or leader."""


async def enrol_demo_second_factor(session: AsyncSession) -> None:
    """Give the demo accounts that require a second factor the demo's published key, unless they have one."""
    for user in await session.scalars(select(User).where(User.username.in_([u.username for u in USERS]))):  # type: ignore[attr-defined]
        if is_required(user) and not await is_enrolled(session, user.id or 0):
            await activate(session, user, DEMO_TOTP_SECRET, now=utcnow())


async def load_demo(session: AsyncSession) -> list[DemoUser]:
    """Reference data, demo staff accounts (password :data:`DEMO_PASSWORD`) and the Open311 demo; returns the accounts."""
    await load_reference_data(session)
    departments = {d.code: d.id for d in await session.scalars(select(Department))}
    existing = set(await session.scalars(select(User.username)))
    for user in USERS:
        if user.username not in existing:
            await create_user(
                session,
                username=user.username,
                full_name=user.full_name,
                role=user.role,
                department_id=departments[user.department] if user.department else None,
                password=DEMO_PASSWORD,
                email=f"{user.username}@{DEMO_STAFF_DOMAIN}",  # so staff messages show in the outbox too
            )
    await enrol_demo_second_factor(session)
    await load_demo_open311(session)
    return USERS


DEMO_CONTACT = "nguoidan.demo@example.com"

DEMO_CHANNELS = (
    Channel.WEB,
    Channel.WEB,
    Channel.PHONE,
    Channel.WEB,
    Channel.EMAIL,
    Channel.COUNTER,
    Channel.SMS,
    Channel.LETTER,
)
"""The ways the demo's questions came in, in turn: most by the portal, the rest by every other channel."""
ENTERED_BY = "dieuphoi"
"""The demo's coordinator enters what came by phone, at the counter or by letter."""


async def load_demo_answers(session: AsyncSession, *, now: datetime, upload_dir: Path, base_url: str) -> int:
    """Publish :data:`~feedback.demo_qa.DEMO_ANSWERS` through the real services, once; returns how many.

    Each question is received ``days_ago`` days before ``now`` at 09:00, accepted an hour later
    and answered after its ``answer_working_days`` (some late), so that the public pages, their
    search and the on-time badges are alive in the demo.

    This is history: the escalation scan runs through it as the scheduler would have (each step
    fired at the instant it fell due, a question left in triage climbing its whole ladder), and
    every message it caused, today's digest included, is recorded as sent and sends nothing. A
    newcomer's outbox then holds only what they do.
    """
    if await session.scalar(select(Ticket.id).where(Ticket.published_at.is_not(None)).limit(1)):
        return 0
    calendar = (await routing_data(session)).calendar
    clerk = await session.scalar(select(User.id).where(User.username == ENTERED_BY))
    references = []
    loaded = 0
    for n, item in enumerate(sorted(DEMO_ANSWERS, key=lambda a: -a.days_ago)):
        channel = DEMO_CHANNELS[n % len(DEMO_CHANNELS)]
        day = (now - timedelta(days=item.days_ago)).astimezone(VIETNAM).date()
        asked = datetime.combine(day, time(9, 0), VIETNAM)
        fields = {
            "category": item.category, "title": item.title, "question": item.question, "name": item.name,
            "email": DEMO_CONTACT, "area": item.area, "publish": True, "show_name": item.show_name,
        }  # fmt: skip
        submitted = await receive_question(
            session,
            fields,
            [],
            channel=channel,
            language="vi",
            upload_dir=upload_dir,
            now=asked,
            entered_by=clerk if channel in (Channel.PHONE, Channel.COUNTER, Channel.LETTER) else None,
        )
        references.append(submitted.reference)
        if submitted.status is not TicketStatus.ASSIGNED:
            continue  # routed to triage by a rule change: leave it there, as in real life
        accepted = asked + timedelta(hours=1)
        answered = min(calendar.add(asked, working_days=item.answer_working_days) - timedelta(hours=1), now)
        await catch_up(session, until=accepted)
        await accept(session, submitted.ticket_id, actor_id=None, now=accepted)
        await catch_up(session, until=answered)
        await submit_answer(session, submitted.ticket_id, text=item.answer, actor_id=None, now=answered)
        await approve_answer(session, submitted.ticket_id, actor_id=None, now=answered)
        loaded += 1
    await catch_up(session, until=now)
    digest = await queue_digest(session, now=now, base_url=base_url)
    await record_as_sent(session, [*references, *([digest] if digest else [])], now=now, base_url=base_url)
    return loaded
