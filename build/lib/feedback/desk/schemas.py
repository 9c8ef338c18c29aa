"""The question as staff enter it: the citizen's contact as they gave it, which may be none for a phone call."""

from pydantic import field_validator, model_validator
from pydantic_core import PydanticCustomError

from feedback.channels import STAFF_ENTRY
from feedback.models import Channel
from feedback.schemas import QuestionIn


def missing_contact(channel: Channel | str | None, *contacts: str | None) -> bool:
    """No way to reach the citizen (``contacts``: email, mobile, postal address), where the channel needs one.

    A caller is given the reference and short code to follow the question; anyone else who
    wrote, faxed or came to the counter gets the answer by one of these, by post at least.
    """
    return channel != Channel.PHONE and not any(c and c.strip() for c in contacts)


class DeskQuestionIn(QuestionIn):
    """A question taken by phone, at the counter, by letter or fax, or forwarded by email, entered by staff."""

    channel: Channel

    @field_validator("channel")
    @classmethod
    def _entered_by_staff(cls, value: Channel) -> Channel:
        if value not in STAFF_ENTRY:  # the portal's form, an app or a peer portal is no desk's channel
            raise PydanticCustomError("channel_unknown", "not a channel staff enter")
        return value

    @model_validator(mode="after")
    def _some_contact(self) -> "DeskQuestionIn":
        if missing_contact(self.channel, self.email, self.phone, self.address):
            raise PydanticCustomError("desk_contact_missing", "give a contact")
        return self
