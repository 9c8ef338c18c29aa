"""The SMS channel: the real twilio client against a local server that speaks Twilio's Messages API."""

from collections.abc import Iterator

import pytest

from notify.failures import DeliveryFailed
from notify.settings import NotifySettings
from notify.sms import InvalidNumber, e164, segments, send, without_diacritics
from tests.conftest import free_port
from tests.notify.twilio_server import FakeTwilio, fake_twilio

ACCOUNT = "AC" + "0123456789abcdef" * 2
TOKEN = "auth-token-for-tests"
API_KEY, API_SECRET = "SK" + "fedcba9876543210" * 2, "api-key-secret"
BODY = "Câu hỏi HN-2026-000123 đã được trả lời. Xem tại https://cong.example.gov.vn/tra-cuu/HN-2026-000123"


@pytest.fixture
def twilio() -> Iterator[FakeTwilio]:
    with fake_twilio(ACCOUNT, {(ACCOUNT, TOKEN), (API_KEY, API_SECRET)}) as server:
        yield server


def settings_for(server: FakeTwilio, **overrides: object) -> NotifySettings:
    fields = {
        "twilio_account_sid": ACCOUNT,
        "twilio_auth_token": TOKEN,
        "twilio_from": "+15005550006",
        "twilio_api_url": server.url,
    }
    return NotifySettings(**(fields | overrides))


async def test_a_message_goes_through_twilios_client_with_a_status_callback(twilio: FakeTwilio) -> None:
    sent = await send(
        e164("0912 345 678"),
        BODY,
        settings_for(twilio),
        status_callback="https://cong.example.gov.vn/webhooks/twilio/status",
    )
    [message] = twilio.messages
    assert sent.sid == message["Sid"] and sent.sid.startswith("SM") and sent.status == "queued"
    assert message["To"] == "+84912345678" and message["From"] == "+15005550006" and message["Body"] == BODY
    assert message["StatusCallback"] == "https://cong.example.gov.vn/webhooks/twilio/status"


async def test_an_api_key_and_a_messaging_service_may_be_used_instead(twilio: FakeTwilio) -> None:
    settings = settings_for(
        twilio,
        twilio_auth_token=None,
        twilio_api_key_sid=API_KEY,
        twilio_api_key_secret=API_SECRET,
        twilio_from=None,
        twilio_messaging_service_sid="MG" + "0" * 32,
    )
    await send("+84912345678", "Xin chào", settings)
    assert twilio.messages[0]["MessagingServiceSid"] == "MG" + "0" * 32 and "From" not in twilio.messages[0]


async def test_refusals_are_permanent_and_throttling_or_outages_are_not(twilio: FakeTwilio) -> None:
    with pytest.raises(DeliveryFailed) as invalid:
        await send("+84001234567", BODY, settings_for(twilio))
    assert invalid.value.permanent and "21211" in invalid.value.reason
    with pytest.raises(DeliveryFailed) as unauthorised:
        await send("+84912345678", BODY, settings_for(twilio, twilio_auth_token="wrong"))
    assert unauthorised.value.permanent and "401" in unauthorised.value.reason
    for status in (429, 503):
        twilio.fail_next.append(status)
        with pytest.raises(DeliveryFailed) as busy:
            await send("+84912345678", BODY, settings_for(twilio))
        assert not busy.value.permanent and str(status) in busy.value.reason
    with pytest.raises(DeliveryFailed) as down:
        await send("+84912345678", BODY, settings_for(twilio, twilio_api_url=f"http://127.0.0.1:{free_port()}"))
    assert not down.value.permanent
    assert twilio.messages == []


def test_numbers_are_normalised_to_e164_in_vietnam_by_default() -> None:
    assert e164("0912 345 678") == e164("+84 912 345 678") == e164("84912345678") == "+84912345678"
    assert e164("024 3825 3536") == "+842438253536"  # a Hà Nội landline
    for bad in ("12345", "không có", "+84 12"):
        with pytest.raises(InvalidNumber):
            e164(bad)


def test_segments_are_counted_as_operators_bill_them() -> None:
    assert segments("a" * 160) == 1 and segments("a" * 161) == 2 and segments("a" * 306) == 2
    assert segments("[" * 80) == 1 and segments("[" * 81) == 2  # two septets each
    assert segments("đ" * 70) == 1 and segments("đ" * 71) == 2 and segments("đ" * 134) == 2
    assert segments(BODY) == 2 and segments(without_diacritics(BODY)) == 1
    assert without_diacritics("Đường Trần Hưng Đạo, phường Điện Biên") == "Duong Tran Hung Dao, phuong Dien Bien"
