"""What crosses the boundary: the question a citizen sends and the views they get back.

Tables never leave the service layer; these classes do, so nothing leaks by accident
(the citizen's phone, the token hash). Forms bind the same :class:`QuestionIn` as the API.
"""

from datetime import date, datetime
from typing import Any

import phonenumbers
from email_validator import SPECIAL_USE_DOMAIN_NAMES, EmailNotValidError, validate_email
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from routing.text import contains_control_characters, contains_markup, nfc

TITLE_MAX = 200
QUESTION_MAX = 10_000
APP_QUESTION_MAX = 4000

# The JSON Schema says what the validators below check beyond the types, so that a body the
# schema finds valid is accepted and one it finds invalid is refused: text without control
# characters (see routing.text) and, where a field is required, not blank once stripped (an
# optional one left blank is absent); a mobile number as Vietnam's numbering plan has them; and
# an email address or a mobile number.
_CONTROL = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_TEXT = {"pattern": f"^[^{_CONTROL}]*$"}
_FILLED = {"pattern": rf"^[^{_CONTROL}]*[^\s{_CONTROL}][^{_CONTROL}]*$"}
_SPACE = r"[^\S\x0b\x0c\x1c-\x1f\x85]"  # white space that is no control character
_BLANK = {"type": "string", "pattern": f"^{_SPACE}*$"}
_VN_MOBILE = phonenumbers.PhoneMetadata.metadata_for_region("VN").mobile.national_number_pattern
# No answer can reach a special-use domain (x@y.test): email_validator refuses them, in any case.
_SPECIAL_USE = "|".join("".join(f"[{c}{c.upper()}]" for c in name) for name in SPECIAL_USE_DOMAIN_NAMES)
_DELIVERABLE = {"pattern": rf"^(?![\s\S]*[.@](?:{_SPECIAL_USE})[.]?{_SPACE}*$)"}
_EMAIL = {"anyOf": [{"type": "string", "format": "email", "maxLength": 254, **_DELIVERABLE}, _BLANK, {"type": "null"}]}
_MOBILE = {
    "anyOf": [
        {"type": "string", "pattern": rf"^{_SPACE}*(?:\+84|0)(?:{_VN_MOBILE}){_SPACE}*$"},
        _BLANK,
        {"type": "null"},
    ]
}
_EMAIL_OR_MOBILE = {
    "anyOf": [
        {"required": [name], "properties": {name: {"type": "string", "pattern": r"\S"}}} for name in ("email", "phone")
    ],
}


class QuestionIn(BaseModel):
    """A question as a citizen submits it, on the portal form or through ``POST /api/v1/questions``."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_EMAIL_OR_MOBILE)

    category: str = Field(
        max_length=48, description="Category code, from GET /api/v1/categories.", json_schema_extra=_FILLED
    )
    title: str = Field(
        min_length=1,
        max_length=TITLE_MAX,
        description="A short title for the question (plain text: no HTML).",
        json_schema_extra=_FILLED,
    )
    question: str = Field(
        min_length=1,
        max_length=QUESTION_MAX,
        description="The question itself (plain text: no HTML).",
        json_schema_extra=_FILLED,
    )
    name: str = Field(
        min_length=1,
        max_length=120,
        description="The citizen's or the business's name.",
        json_schema_extra=_FILLED,
    )
    email: str | None = Field(
        default=None,
        max_length=254,
        description="Where to send the answer by email. An email address or a mobile number is required.",
        json_schema_extra=_EMAIL,
    )
    phone: str | None = Field(
        default=None,
        max_length=20,
        description="Mobile number for SMS: 09xx… or +849xx… (spaces are accepted too), stored in E.164 (+84…). "
        "An email address or a mobile number is required.",
        json_schema_extra=_MOBILE,
    )
    area: str | None = Field(
        default=None,
        max_length=160,
        description="Commune or ward (optional): its code, official 5-digit code, name, or a former name "
        "(before the 1/7/2025 merger), which resolves to the unit that replaced it.",
        json_schema_extra=_TEXT,
    )
    address: str | None = Field(
        default=None,
        max_length=300,
        description="Street address (optional, never published).",
        json_schema_extra=_TEXT,
    )
    publish: bool = Field(
        default=False,
        description="The question and its answer may be published on the portal.",
    )
    show_name: bool = Field(
        default=False,
        description="Show the citizen's name if the question is published.",
    )

    @field_validator("*", mode="before")
    @classmethod
    def _normalise_text(cls, value: Any) -> Any:
        # NFC before anything else: a decomposed "ế" must be stored exactly like a composed one.
        if isinstance(value, str):
            if contains_control_characters(value):
                raise PydanticCustomError("control_character", "control characters are not accepted")
            value = nfc(value).strip()
            return value or None
        return value

    @field_validator("publish", "show_name", mode="before")
    @classmethod
    def _yes_or_no(cls, value: Any) -> bool:
        # JSON sends true or false, a form its checkbox's "true"; a number or "yes" is neither.
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "false"):
            return value.strip().lower() == "true"
        raise PydanticCustomError("bool_type", "true or false")

    @field_validator("title", "question", "name", "address")
    @classmethod
    def _no_markup(cls, value: str | None) -> str | None:
        if value is not None and contains_markup(value):
            raise PydanticCustomError("markup_forbidden", "HTML or script is not accepted")
        return value

    @field_validator("email")
    @classmethod
    def _valid_email(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return validate_email(value, check_deliverability=False).normalized
        except EmailNotValidError:
            raise PydanticCustomError("email_invalid", "invalid email address") from None

    @field_validator("phone")
    @classmethod
    def _mobile_e164(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            number = phonenumbers.parse(value, "VN")
        except phonenumbers.NumberParseException:
            raise PydanticCustomError("phone_invalid", "invalid phone number") from None
        kinds = {
            phonenumbers.PhoneNumberType.MOBILE,
            phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
        }
        if not phonenumbers.is_valid_number(number) or phonenumbers.number_type(number) not in kinds:
            raise PydanticCustomError("phone_invalid", "not a valid mobile number")
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    @model_validator(mode="after")
    def _some_contact(self) -> "QuestionIn":
        if self.email is None and self.phone is None:
            raise PydanticCustomError("contact_missing", "give an email address or a mobile number")
        return self


class AppQuestionIn(QuestionIn):
    """A question an app files over Open311 on a citizen's behalf (see :mod:`feedback.open311`).

    The app follows the question with its key, so the citizen's name and contact are optional;
    the description is at most 4,000 characters, as the spec has it; a place may come as a point.
    """

    name: str | None = Field(default=None, max_length=120, json_schema_extra=_TEXT)  # type: ignore[assignment]
    question: str = Field(min_length=1, max_length=APP_QUESTION_MAX, json_schema_extra=_FILLED)
    latitude: float | None = Field(default=None, ge=-90, le=90, allow_inf_nan=False)
    longitude: float | None = Field(default=None, ge=-180, le=180, allow_inf_nan=False, validate_default=True)
    media_url: str | None = Field(default=None, max_length=2000, pattern=r"^https?://[^\s]+$")
    device_id: str | None = Field(default=None, max_length=120)
    account_id: str | None = Field(default=None, max_length=120)

    @field_validator("longitude")
    @classmethod
    def _whole_point(cls, value: float | None, info: ValidationInfo) -> float | None:
        # Checked here (the later of the two fields) so that the error names a field.
        if "latitude" in info.data and (value is None) != (info.data["latitude"] is None):
            raise PydanticCustomError("point_incomplete", "give both latitude and longitude")
        return value

    @model_validator(mode="after")
    def _some_contact(self) -> "AppQuestionIn":
        return self  # the app that filed it reads the answer back: a contact is the citizen's choice


class ProblemField(BaseModel):
    field: str = Field(description="The failing field: of the body, a query or path parameter, or `body` itself.")
    message: str = Field(description="What is wrong, in the language asked for (Accept-Language).")


class Problem(BaseModel):
    """An RFC 9457 problem document: how every error of the API is told (``application/problem+json``)."""

    type: str = Field(default="about:blank")
    title: str
    status: int
    detail: str
    errors: list[ProblemField] = Field(default_factory=list, description="One entry per failing field, if any.")


class CategoryOut(BaseModel):
    code: str = Field(description="Stable code to send as `category`.")
    name: str = Field(description="Name in Vietnamese.")
    group: str = Field(description="Group the category belongs to, in Vietnamese.")
    name_en: str = Field(description="Name in English.")
    group_en: str = Field(description="Group in English.")


class QuestionCreated(BaseModel):
    reference: str = Field(description="Public reference number, e.g. 2026-000123.")
    status: str = Field(description="Status code, `received` at first.")
    tracking_url: str = Field(description="Private link to the status page; it carries the access token.")


class DepartmentRef(BaseModel):
    code: str
    name: str


class CategoryRef(BaseModel):
    code: str
    name: str


class EventOut(BaseModel):
    kind: str = Field(description="Event kind, e.g. `ticket:received`.")
    at: datetime
    description: str = Field(description="What happened, in the requested language.")
    detail: str | None = Field(
        default=None, description="The words staff or the citizen wrote: a reason, a request, a reply."
    )


class ExplanationStepOut(BaseModel):
    """One line of how the answer deadline was counted."""

    kind: str = Field(
        description="received, counting_starts, skipped (days off), worked (a weekend day worked in exchange), "
        "paused (waiting for the citizen), extended, recounted (the calendar or rules changed since), result."
    )
    start: datetime | date | None = Field(
        description="Where the step starts: an instant, or the first day of skipped or worked days."
    )
    end: datetime | date | None = Field(
        description="Where it ends: an instant (the due time it led to, for extended and result), or the last day."
    )
    reason: str | None = Field(
        description="Why, in the requested language: the holiday, the calendar change's reason, Saturday, the "
        "extension's reason, the day a worked Saturday stands in for."
    )
    text: str = Field(description="The whole step in words, in the requested language.")


class DeadlineExplanationOut(BaseModel):
    """How the answer deadline was counted, replayed from the calendar, the policy and the question's events."""

    steps: list[ExplanationStepOut] = Field(description="Oldest first; the last one is the result.")
    due_at: datetime = Field(description="The result: the answer deadline, equal to `due_at` above.")


class DeadlineOut(BaseModel):
    """The answer deadline as it stands, counted in working time (office hours on working days)."""

    due_at: datetime = Field(description="When the answer is due, after any pause and extension.")
    working_hours_left: float = Field(description="Working hours left before the deadline (0 once overdue).")
    overdue: bool
    overdue_by_working_hours: float = Field(description="Working hours past the deadline (0 while on time).")
    paused: bool = Field(description="True while the office waits for more information from the citizen.")
    extended: bool = Field(description="True once the deadline has been extended (at most once).")
    extension_reason: str | None = Field(description="Why the deadline was extended.")
    summary: str = Field(description="The same in words, in the requested language.")
    explanation: DeadlineExplanationOut | None = Field(
        default=None, description="How the deadline was counted: days skipped and why, pauses, the extension."
    )


class AttachmentOut(BaseModel):
    filename: str
    content_type: str
    size: int
    kind: str = Field(default="question", description="question, reply (sent with more information) or answer.")
    url: str = Field(default="", description="Where the holder of the token downloads it.")


class AnswerOut(BaseModel):
    text: str
    department: DepartmentRef
    answered_at: datetime


class InformationRequestOut(BaseModel):
    """What the department asked the citizen for, shown above the reply form while it waits."""

    message: str = Field(description="The department's request, in its own words.")
    requested_at: datetime
    department: DepartmentRef = Field(description="The department that asked.")


class QuestionView(BaseModel):
    """The citizen's status page as data; only the holder of the tracking token sees it."""

    reference: str
    status: str = Field(description="Status code: received, triage, assigned, in_progress, … answered, rejected.")
    status_label: str = Field(description="Status in the requested language.")
    title: str
    question: str
    category: CategoryRef
    department: DepartmentRef | None = Field(description="Department in charge, once routed.")
    submitted_at: datetime
    answer_due_at: datetime | None = Field(description="Answer deadline, once routed.")
    deadline: DeadlineOut | None = Field(
        description="Where the answer deadline stands now, while the question is open."
    )
    rejection: str | None = Field(description="Why the question was not accepted, if it was not.")
    attachments: list[AttachmentOut]
    events: list[EventOut] = Field(description="Public timeline, oldest first.")
    information_request: InformationRequestOut | None = Field(
        default=None,
        description="While the status is awaiting_citizen: what the department asked for, to send with the reply.",
    )
    answer: AnswerOut | None = Field(description="The approved answer, once there is one.")
    rating: int | None = Field(default=None, description="The citizen's rating of the answer, 1 to 5.")
    forwarded: "ForwardOut | None" = Field(
        default=None, description="The portal the question was forwarded to, once it has taken it."
    )


class ForwardOut(BaseModel):
    """Where the question went when it was another portal's to answer; the citizen keeps this reference."""

    portal: str = Field(description="The portal that answers it (another province, a ministry).")
    reference: str | None = Field(description="The question's reference at that portal.")
    expected_at: datetime | None = Field(description="When that portal expects to answer.")
    public_url: str | None = Field(default=None, description="Its public page at that portal, once published there.")


class QaSuggestion(BaseModel):
    reference: str
    title: str = Field(description="The public title of the published question.")
    url: str = Field(description="Path of its public page.")


class QaOut(BaseModel):
    """A published question and answer: no personal data."""

    reference: str
    title: str = Field(description="The public title (personal data removed where needed).")
    question: str
    answer: str = Field(description="The approved answer, in the portal's small Markdown subset.")
    category: str = Field(description="Category code.")
    department: str = Field(description="The department that answered.")
    asked_at: datetime
    published_at: datetime
    answered_at: datetime
    on_time: bool = Field(description="Answered by the deadline (pauses and extensions counted).")
    url: str = Field(description="Its public page.")
