"""A question as it arrives by email, read with the form's rules but for markup (see :func:`~feedback.mailbox.text.plain`)."""

from pydantic import field_validator

from feedback.mailbox.text import plain
from feedback.schemas import QuestionIn


class EmailQuestionIn(QuestionIn):
    """The form's question, but text with angle brackets is neutralised, not refused: an email is not markup."""

    @field_validator("title", "question", "name", "address")
    @classmethod
    def _no_markup(cls, value: str | None) -> str | None:
        return plain(value) if value is not None else None
