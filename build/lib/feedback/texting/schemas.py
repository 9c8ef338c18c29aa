"""A question as an SMS brings it: the sender's number for a contact, no name, no category of its own."""

from pydantic import Field
from pydantic_core import PydanticCustomError

from feedback.schemas import QuestionIn
from notify.sms import InvalidNumber, e164


class SmsQuestionIn(QuestionIn):
    """The portal's question, with what an SMS cannot say left out.

    The sender gives no name; the number may be any that can receive an SMS (a visitor's foreign
    mobile too), not only a Vietnamese one; and the text is taken as written: everything is escaped
    where it is shown, and a question refused for a "<" would be lost, as the sender has no form to
    correct it in.
    """

    name: str | None = Field(default=None, max_length=120)  # type: ignore[assignment]

    @classmethod
    def _mobile_e164(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return e164(value)
        except InvalidNumber:
            raise PydanticCustomError("phone_invalid", "invalid phone number") from None

    @classmethod
    def _no_markup(cls, value: str | None) -> str | None:
        return value
