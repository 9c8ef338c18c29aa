"""The SMS channel: numbers in E.164, segments counted as operators bill them, sent with Twilio's own client.

Vietnamese with diacritics does not fit the GSM 7-bit alphabet, so it travels as UCS-2: 70
characters in a single message, 67 in each part of a longer one (160 and 153 in GSM 7-bit).
:func:`without_diacritics` turns a text into GSM-friendly ASCII where an office prefers to pay
for fewer segments.
"""

import asyncio
import json
import math
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import phonenumbers
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.rest import Client

from notify import local_outbox
from notify.failures import DeliveryFailed
from notify.settings import NotifySettings

DEFAULT_REGION = "VN"
STATUS_CALLBACK_PATH = "/webhooks/twilio/status"
"""Where Twilio reports what became of a message (under the portal's public address)."""
_GSM7 = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿"
    "abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM7_EXTENSION = set("^{}\\[~]|€\f")  # each takes two septets (an escape and the character)
_UCS2_SINGLE, _UCS2_PART = 70, 67


class InvalidNumber(ValueError):
    """Not a phone number that can receive an SMS."""


def e164(number: str, region: str = DEFAULT_REGION) -> str:
    """``number`` in E.164 (``0912 345 678`` → ``+84912345678``); :class:`InvalidNumber` otherwise."""
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException as error:
        raise InvalidNumber(number) from error
    if not phonenumbers.is_valid_number(parsed):
        raise InvalidNumber(number)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def segments(text: str) -> int:
    """How many SMS parts ``text`` takes (GSM 7-bit when every character allows it, UCS-2 otherwise)."""
    if all(c in _GSM7 or c in _GSM7_EXTENSION for c in text):
        units, single, part = len(text) + sum(c in _GSM7_EXTENSION for c in text), 160, 153
    else:
        units, single, part = _ucs2_units(text), _UCS2_SINGLE, _UCS2_PART
    return 1 if units <= single else math.ceil(units / part)


def room(text: str, parts: int) -> int:
    """How many characters can follow ``text`` within ``parts`` SMS parts, counted in UCS-2 (which Vietnamese needs)."""
    return (_UCS2_SINGLE if parts == 1 else parts * _UCS2_PART) - _ucs2_units(text)


def _ucs2_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def without_diacritics(text: str) -> str:
    """``Câu hỏi đã được trả lời`` → ``Cau hoi da duoc tra loi``: cheaper to send, still readable."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def write_to_outbox(to: str, body: str, outbox: Path, name: str) -> Path:
    """Keep the SMS as ``name.json`` under ``outbox``: number, text and segments, for an admin to read."""
    kept = {"to": to, "body": body, "segments": segments(body)}
    return local_outbox.keep(outbox, f"{name}.json", json.dumps(kept, ensure_ascii=False).encode())


@dataclass(frozen=True)
class Sent:
    sid: str
    """Twilio's id of the message (``SM…``), which status callbacks name."""
    status: str


def client(settings: NotifySettings) -> Client:
    """Twilio's client with an auth token or an API key, talking to ``CAUNOI_TWILIO_API_URL``."""
    assert settings.twilio_account_sid, "SMS needs CAUNOI_TWILIO_ACCOUNT_SID; without it messages go to the outbox"
    if settings.twilio_api_key_sid and settings.twilio_api_key_secret:
        username, password = settings.twilio_api_key_sid, settings.twilio_api_key_secret.get_secret_value()
    else:
        assert settings.twilio_auth_token, "CAUNOI_TWILIO_AUTH_TOKEN or an API key is needed"
        username, password = settings.twilio_account_sid, settings.twilio_auth_token.get_secret_value()
    twilio = Client(username, password, settings.twilio_account_sid)
    twilio.api.base_url = settings.twilio_api_url
    return twilio


async def send(to: str, body: str, settings: NotifySettings, *, status_callback: str | None = None) -> Sent:
    """Send ``body`` to ``to`` (E.164). Raises :class:`DeliveryFailed`: 4xx are permanent but 429, 5xx transient."""
    sender = (
        {"messaging_service_sid": settings.twilio_messaging_service_sid}
        if settings.twilio_messaging_service_sid
        else {"from_": settings.twilio_from}
    )
    callback = {"status_callback": status_callback} if status_callback else {}
    try:
        # twilio's default HTTP client is blocking: it runs on a thread, not on the event loop.
        message = await asyncio.to_thread(client(settings).messages.create, to=to, body=body, **sender, **callback)
    except TwilioRestException as error:
        permanent = 400 <= error.status < 500 and error.status != 429
        raise DeliveryFailed(f"Twilio {error.status} ({error.code}): {error.msg}", permanent=permanent) from error
    except (TwilioException, OSError) as error:
        raise DeliveryFailed(f"{type(error).__name__}: {error}", permanent=False) from error
    return Sent(sid=str(message.sid), status=str(message.status))
