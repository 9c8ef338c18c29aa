"""What can go wrong with a citizen's input, independent of HTTP.

A service raises :class:`InvalidInput` with one :class:`FieldError` per failing field; the web
layer shows each message beside its field on pages and in ``errors[]`` of a problem+json body
in the API. Messages are English msgids, translated when shown.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError

from feedback.i18n import N_, gettext
from routing.calendar import YEARS
from routing.errors import Refusal

MESSAGES: dict[str, str] = {
    "missing": N_("This field is required."),
    "string_too_long": N_("This is too long: at most {max_length} characters."),
    "string_type": N_("This must be text."),
    "bool_parsing": N_("Choose yes or no."),
    "bool_type": N_("Choose yes or no."),
    "email_invalid": N_("Enter a valid email address, e.g. ten@example.com."),
    "phone_invalid": N_("Enter a valid Vietnamese mobile number, e.g. 0912 345 678."),
    "contact_missing": N_("Give an email address or a mobile number so that we can send you the answer."),
    "category_unknown": N_("Choose a topic from the list."),
    "point_incomplete": N_("Give both the latitude and the longitude of the place."),
    "attribute_unknown": N_("This topic asks no such question."),
    "attribute_value_unknown": N_("Choose one of the listed values."),
    "attribute_one_value": N_("Choose only one value."),
    "attribute_not_a_number": N_("Enter a number, e.g. 125 or 12.5."),
    "attribute_not_a_date": N_("Enter a date, e.g. 2026-12-04 or 2026-12-04T09:30:00+07:00."),
    "area_unknown": N_("Choose a commune or ward from the list."),
    "area_not_found": N_(
        "No commune or ward is called “{typed}”: choose one from the list (former names before 1/7/2025 work too)."
    ),
    "area_ambiguous": N_("“{typed}” may be several communes or wards: {names}. Choose one from the list."),
    "too_many_files": N_("Attach at most {max_files} files."),
    "file_not_taken": N_("The file {filename} was not kept: at most {max_files} files are."),
    "not_a_file": N_("Send each file as a file, with its name: this part is text."),
    "file_too_large": N_("The file {filename} is larger than {max_mb} MB."),
    "file_type_forbidden": N_("The file {filename} is not a PDF, JPEG, PNG or DOCX file."),
    "file_type_mismatch": N_("The content of {filename} does not match its name: it is not really a {claimed} file."),
    "malformed": N_("The request could not be read: {detail}"),
    "media_type_unsupported": N_("Send the question as JSON (application/json), or as multipart/form-data with files."),
    "request_too_large": N_("What you sent is too large. Attach at most 5 files of 10 MB each."),
    "not_found": N_("No question with this reference and token."),
    "extra_forbidden": N_("This field is not part of the form."),
    "invalid": N_("This value is not valid."),
    "reason_missing": N_("Give the reason."),
    "assignee_unknown": N_("Choose a colleague of the department in charge."),
    "not_publishable": N_("Only an answered question whose citizen agreed can be published."),
    "not_published": N_("This question is not published."),
    "original_unanswered": N_("Give the reference of another question that has already been answered."),
    "already_replied": N_("This request has already been answered."),
    "rating_invalid": N_("Choose a rating from 1 to 5."),
    "already_rated": N_("You have already rated this answer. Thank you."),
    "follow_up_closed": N_("The time to ask a follow-up question has passed: please send a new question."),
    "reply_missing": N_("Write the information the department asked for."),
    "answer_missing": N_("Write the answer before saving or sending it."),
    "not_permitted": N_("Your role does not allow this on this question."),
    "control_character": N_("Remove the invisible control characters (such as a NUL byte) from this text."),
    "markup_forbidden": N_("Write plain text: HTML tags and scripts (such as <script>) are not accepted."),
    "stale": N_(
        "Someone changed this question after you opened it. Reload the page to see the change, then try again."
    ),
    "action_not_allowed": N_("This cannot be done to the question in its current state."),
    "department_unknown": N_("Choose an active department from the list."),
    "peer_unknown": N_("Choose a portal from the list of connected portals."),
    "peer_service_unknown": N_("Choose one of the categories this portal lists."),
    "forward_in_flight": N_(
        "The question is being sent to the other portal right now: wait a minute and reload the page."
    ),
    "not_forwarded_to_us": N_("Only a question another portal forwarded to us can be sent back to it."),
    "same_department": N_("The question is already with this department: choose another one."),
    "no_coordinating_office": N_("No coordinating office is configured to receive the question."),
    "reject_reason_unknown": N_("Choose why the question is not accepted: spam, duplicate or out of scope."),
    "duplicate_unknown": N_("Give the reference of another existing question, e.g. 2026-000123."),
    "already_extended": N_("The deadline has already been extended once; it cannot be extended again."),
    "extension_invalid": N_("Give an extension of at most {limit}, e.g. 5wd (working days)."),
    "date_invalid": N_("Enter a date as dd/mm/yyyy."),
    "date_time_invalid": N_(
        "Give a date and time such as 2026-06-01T08:00:00+07:00 (without an offset: Vietnam time)."
    ),
    "date_out_of_range": N_("Choose a date from {first} to {last}."),
    "number_invalid": N_("Give a whole number from {low} to {high}."),
    "period_reversed": N_("The end of the period comes before its start."),
    "period_too_long": N_("Choose a period of at most three years."),
    "channel_unknown": N_("Choose how the question came in."),
    "received_invalid": N_("Enter the date and time of receipt, e.g. 04/12/2026 08:30."),
    "received_in_future": N_("The time of receipt cannot be later than now."),
    "received_too_early": N_(
        "A question received more than {days} working days ago cannot be entered: the earliest date is {earliest}."
    ),
    "delay_note_missing": N_("Explain why a question received on an earlier day is entered only now."),
    "desk_contact_missing": N_(
        "Give a mobile number, an email address or a postal address: only a question taken by phone may have none."
    ),
    "citizen_name_missing": N_("Enter the citizen's name as they gave it."),
    "scan_type_forbidden": N_("The file {filename} is not a PDF, JPEG or PNG file."),
    "posted_in_future": N_("The date it was sent cannot be later than today."),
    "posted_before_answer": N_("The answer was approved on {answered}: the date it was sent cannot be earlier."),
    "not_answered": N_("Only an answered question can be recorded as sent by post."),
    "already_posted": N_("The answer has already been recorded as sent by post."),
}

# Where the field's name lets the message say what to do with *that* field: a form's error
# summary then names each field ("Choose a topic.", "Enter a title.") instead of repeating
# "This field is required.", and a select says "choose", not "enter". Keyed by the form field's
# name, so a name several forms share (``title``) gets words that fit each of them.
FIELD_MESSAGES: dict[tuple[str, str], str] = {
    ("category", "missing"): N_("Choose a topic."),
    ("category", "string_too_long"): MESSAGES["category_unknown"],
    ("title", "missing"): N_("Enter a title."),
    ("title", "string_too_long"): N_("The title is too long: at most {max_length} characters."),
    ("title", "markup_forbidden"): N_(
        "Write the title as plain text: HTML tags and scripts (such as <script>) are not accepted."
    ),
    ("question", "missing"): N_("Write your question."),
    ("question", "string_too_long"): N_("Your question is too long: at most {max_length} characters."),
    ("question", "markup_forbidden"): N_(
        "Write your question as plain text: HTML tags and scripts (such as <script>) are not accepted."
    ),
    ("name", "missing"): N_("Enter your full name or business name."),
    ("name", "string_too_long"): N_("The name is too long: at most {max_length} characters."),
    ("name", "markup_forbidden"): N_(
        "Write the name as plain text: HTML tags and scripts (such as <script>) are not accepted."
    ),
    ("email", "string_too_long"): N_("The email address is too long: at most {max_length} characters."),
    ("phone", "string_too_long"): MESSAGES["phone_invalid"],
    ("area", "string_too_long"): MESSAGES["area_unknown"],
    ("address", "string_too_long"): N_("The address is too long: at most {max_length} characters."),
    ("address", "markup_forbidden"): N_(
        "Write the address as plain text: HTML tags and scripts (such as <script>) are not accepted."
    ),
    ("follow_up", "missing"): N_("Write your follow-up question."),
    ("channel", "missing"): MESSAGES["channel_unknown"],
    ("channel", "invalid"): MESSAGES["channel_unknown"],
}


@dataclass(frozen=True)
class FieldError:
    field: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        """The message in the current request's language, in this field's words where it has its own."""
        message = FIELD_MESSAGES.get((self.field, self.code)) or MESSAGES.get(self.code, MESSAGES["invalid"])
        return gettext(message).format(**self.params)


class InvalidInput(Exception):
    """Input that cannot be accepted; ``status`` is 413 when the trouble is size, else 422."""

    def __init__(self, errors: list[FieldError], *, status: int = 422) -> None:
        super().__init__(", ".join(f"{e.field}: {e.code}" for e in errors))
        self.errors = errors
        self.status = status

    @property
    def messages(self) -> dict[str, str]:
        """Each failing field's message in the current language, as a page shows them beside the fields."""
        return {e.field: e.message for e in self.errors}


class AdminRefusal(Refusal):
    """An admin's change that cannot be made, said once for both doors.

    The message is an English msgid: the command line prints it as it is (``str``), the admin
    page in the reader's language (:meth:`translated`), beside the form's ``field``. Refusals of
    :mod:`routing` (such as :class:`routing.admin.AdminError`) are the same kind of thing.
    """

    def translated(self) -> str:
        return gettext(self.message).format(**self.values)


class NotFound(Exception):
    """The thing asked for does not exist, or the token that would show it is wrong (we do not say which)."""


def out_of_years(field: str) -> FieldError:
    """``field`` holds a date outside the portal's :data:`~routing.calendar.YEARS`."""
    first, last = date(YEARS.start, 1, 1), date(YEARS.stop - 1, 12, 31)
    return FieldError(field, "date_out_of_range", {"first": f"{first:%d/%m/%Y}", "last": f"{last:%d/%m/%Y}"})


def from_validation_error(exc: ValidationError) -> InvalidInput:
    """Our field errors for pydantic's; the first error per field is enough for a person to act on."""
    errors: dict[str, FieldError] = {}
    for error in exc.errors():
        name = str(error["loc"][0]) if error["loc"] else "contact"
        code = error["type"] if error["type"] in MESSAGES else "invalid"
        if code == "string_too_short" or (code == "string_type" and error.get("input") is None):
            code = "missing"  # an empty field arrives as None once normalised
        errors.setdefault(name, FieldError(name, code, dict(error.get("ctx") or {})))
    return InvalidInput(list(errors.values()))
