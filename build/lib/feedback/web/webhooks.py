"""Callbacks from providers: Twilio's message status, signed with the account's auth token."""

from litestar import Request, post
from litestar.exceptions import PermissionDeniedException
from litestar.status_codes import HTTP_204_NO_CONTENT
from twilio.request_validator import RequestValidator

from feedback.web.deps import AppSettings, Session
from notify.delivery import record_provider_status
from notify.sms import STATUS_CALLBACK_PATH


@post(STATUS_CALLBACK_PATH, name="twilio_status", status_code=HTTP_204_NO_CONTENT)
async def twilio_status(request: Request, session: Session, settings: AppSettings) -> None:
    """Record delivered, undelivered or failed on the SMS; 403 unless Twilio's signature checks out.

    The signature covers the public URL Twilio called (``CAUNOI_BASE_URL`` and the path, as the
    status callback was given) and the form fields.
    """
    token = settings.notify.twilio_auth_token
    form = dict(await request.form())
    params = {key: str(value) for key, value in form.items()}
    signature = request.headers.get("X-Twilio-Signature", "")
    url = settings.base_url + STATUS_CALLBACK_PATH
    if token is None or not RequestValidator(token.get_secret_value()).validate(url, params, signature):
        raise PermissionDeniedException("invalid signature")
    await record_provider_status(
        session, sid=params.get("MessageSid", ""), status=params.get("MessageStatus", ""), code=params.get("ErrorCode")
    )
