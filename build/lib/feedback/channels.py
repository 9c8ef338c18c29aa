"""How a question came in, in the words the inbox, the question page, the dashboard and the exports use.

Every channel ends in the same ticket (:func:`feedback.intake.receive_question`); only the way
in differs: the portal's form and API, apps over Open311, a peer portal, the office's mailbox,
SMS, and what staff enter from the phone, the counter, a letter or a fax.
"""

from feedback.i18n import N_
from feedback.models import Channel

LABELS: dict[Channel, str] = {
    Channel.WEB: N_("portal form"),
    Channel.API: N_("API"),
    Channel.OPEN311: N_("Open311"),
    Channel.PEER: N_("forwarded by another portal"),
    Channel.EMAIL: N_("email"),
    Channel.SMS: N_("SMS"),
    Channel.PHONE: N_("phone"),
    Channel.COUNTER: N_("at the counter"),
    Channel.LETTER: N_("letter"),
    Channel.FAX: N_("fax"),
    Channel.OTHER: N_("other"),
}

STAFF_ENTRY: tuple[Channel, ...] = (
    Channel.PHONE,
    Channel.COUNTER,
    Channel.LETTER,
    Channel.FAX,
    Channel.EMAIL,
    Channel.OTHER,
)
"""The channels staff choose from when they enter a question ("Nhập câu hỏi"); email here is one forwarded by hand."""
