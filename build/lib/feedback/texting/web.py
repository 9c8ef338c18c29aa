"""``POST /webhooks/twilio/sms``: Twilio's incoming-message webhook, answered in TwiML.

Twilio signs each request (``X-Twilio-Signature``, over the public URL and the form fields) with
the account's auth token: unsigned or forged, it is refused with 403, as is every request while
no token is configured. Whatever the text, the answer is valid TwiML: empty, or with the help
text for HELP. The receipt of a new question is not in it: it goes the usual way, through the
outbox (one path for every channel, retried if Twilio is briefly down).
"""

import hashlib
from typing import cast

import structlog
from litestar import Request, Response, post
from litestar.exceptions import PermissionDeniedException
from litestar.status_codes import HTTP_200_OK
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from feedback import i18n
from feedback.errors import InvalidInput
from feedback.settings import Settings
from feedback.texting.keywords import Keyword, keyword_of
from feedback.texting.services import first_time, keyword, take_text
from feedback.web.deps import AppSettings, Session
from feedback.web.limits import SubmissionQuota, WindowCounter
from notify.db import utcnow
from notify.sms import InvalidNumber, e164

log = structlog.get_logger()

SMS_PATH = "/webhooks/twilio/sms"
MAX_BODY = 64 * 1024
"""Twilio sends at most 1,600 characters of text and a few dozen fields: anything far larger is not Twilio."""
HELP = i18n.N_(
    "%(office)s: text your question to this number; we reply with its reference and a link to follow it. "
    "Text STOP to receive no more SMS, START to receive them again."
)


def _twiml(message: str | None = None) -> Response[str]:
    reply = MessagingResponse()
    if message:
        reply.message(message)
    return Response(str(reply), media_type="text/xml", status_code=HTTP_200_OK)


def _quota(request: Request, settings: Settings, phone: str) -> SubmissionQuota:
    """One sender's texts count like one address's questions (``CAUNOI_RATE_LIMIT`` a minute)."""
    counter = cast(WindowCounter, request.app.stores.get("submissions"))
    key = hashlib.sha256(phone.encode()).hexdigest()  # the store is no place for a phone number either
    return SubmissionQuota(counter, f"sms:{key}", settings.rate_limit)


@post(SMS_PATH, name="twilio_sms", request_max_body_size=MAX_BODY, status_code=HTTP_200_OK)
async def twilio_sms(request: Request, session: Session, settings: AppSettings) -> Response[str]:
    """Take a text: a keyword, a citizen's reply or a new question; 403 unless Twilio's signature checks out."""
    token = settings.notify.twilio_auth_token
    params = {key: str(value) for key, value in dict(await request.form()).items()}
    signature = request.headers.get("X-Twilio-Signature", "")
    if token is None or not RequestValidator(token.get_secret_value()).validate(
        settings.base_url + SMS_PATH, params, signature
    ):
        raise PermissionDeniedException("invalid signature")
    try:
        phone = e164(params.get("From", ""))
    except InvalidNumber:  # a short code or a sender name: nobody to answer
        log.info("sms_sender_unusable")
        return _twiml()
    text = params.get("Body", "")
    now = utcnow()
    if not await first_time(session, params.get("MessageSid", ""), now=now):
        log.info("sms_repeated")
        return _twiml()
    if (word := keyword_of(text)) is not None:
        await keyword(session, phone, word, now=now)
        log.info("sms_keyword", keyword=word)
        if word is Keyword.HELP:
            with i18n.speaking("vi"):
                return _twiml(i18n.gettext(HELP) % {"office": settings.portal_name})
        return _twiml()  # Twilio confirms STOP and START itself, as carriers require
    if not text.strip():
        log.info("sms_empty")
        return _twiml()
    quota = _quota(request, settings, phone)
    if await quota.take():
        log.info("sms_rate_limited")
        return _twiml()  # not even a polite answer: an answer to every text would be the flood
    try:
        taken = await take_text(
            session, phone, text, category=settings.sms_category, upload_dir=settings.uploads, now=now
        )
    except InvalidInput as refused:
        await quota.give_back()
        log.warning("sms_refused", fields=[error.field for error in refused.errors])
        return _twiml()
    log.info("sms_taken", reference=taken.reference, replied=taken.replied)
    return _twiml()
