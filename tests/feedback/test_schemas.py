"""What a question must look like before anything is stored."""

import pytest
from pydantic import ValidationError

from feedback.errors import from_validation_error
from feedback.i18n import use_language
from feedback.schemas import QuestionIn
from tests.factories import question_fields


def errors_of(**overrides: object) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        QuestionIn.model_validate(question_fields(**overrides))
    return {e.field: e.code for e in from_validation_error(caught.value).errors}


@pytest.mark.parametrize(
    ("raw", "e164"),
    [("0912 345 678", "+84912345678"), ("+84 912345678", "+84912345678"), ("84-988-123-456", "+84988123456")],
)
def test_mobile_numbers_become_e164(raw: str, e164: str) -> None:
    assert QuestionIn.model_validate(question_fields(phone=raw)).phone == e164


def test_lengths_and_required_fields() -> None:
    assert errors_of(title="t" * 201, question="q" * 10_001, name="  ") == {
        "title": "string_too_long",
        "question": "string_too_long",
        "name": "missing",
    }
    assert QuestionIn.model_validate(question_fields(title="t" * 200, question="q" * 10_000))


def test_contact_is_needed_and_checked() -> None:
    assert errors_of(email=None, phone=None) == {"contact": "contact_missing"}
    assert errors_of(email="a@b", phone=None) == {"email": "email_invalid"}
    assert errors_of(phone="0241234") == {"phone": "phone_invalid"}


def test_name_is_shown_only_when_published() -> None:
    question = QuestionIn.model_validate(question_fields(publish=False, show_name=True))
    assert question.publish is False  # intake stores show_name only together with publish


def test_messages_follow_the_language() -> None:
    with pytest.raises(ValidationError) as caught:
        QuestionIn.model_validate(question_fields(title="t" * 201))
    [error] = from_validation_error(caught.value).errors
    use_language("vi")
    assert error.message == "Tiêu đề quá dài: tối đa 200 ký tự."
    use_language("en")
    assert error.message == "The title is too long: at most 200 characters."
    use_language("vi")
