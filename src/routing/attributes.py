"""Answers to a category's extra questions (Open311 "attributes"), checked against their definitions.

Pure logic: the caller loads the definitions and turns each problem into its own error type.
An answer is text for the free types, a key for a single-valued list, a list of keys for a
multi-valued one; what comes back is stored with the ticket as it is.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from routing.models import AttributeType, CategoryAttribute
from routing.text import contains_control_characters, contains_markup, nfc

MAX_LENGTH = {AttributeType.STRING: 300, AttributeType.TEXT: 4000}
"""Longest answer of the free-text types; a number or a date is short by nature."""


@dataclass(frozen=True)
class AttributeSpec:
    """What checking needs of a :class:`CategoryAttribute`, detached from the database (it is cached)."""

    code: str
    datatype: AttributeType
    required: bool
    position: int
    keys: frozenset[str]
    """The keys a list type accepts."""

    @classmethod
    def of(cls, row: CategoryAttribute) -> "AttributeSpec":
        keys = frozenset(str(v["key"]) for v in row.values)
        return cls(row.code, AttributeType(row.datatype), row.required, row.position, keys)


@dataclass(frozen=True)
class Problem:
    code: str
    """The attribute's code (the field is ``attribute[code]``)."""
    message: str
    """A key of ``feedback.errors.MESSAGES``."""
    context: Mapping[str, object] | None = None


Answer = str | list[str]


def check_answers(
    definitions: Sequence[AttributeSpec], given: Mapping[str, Answer]
) -> tuple[dict[str, Answer], list[Problem]]:
    """The answers to keep, normalised (NFC, trimmed), and every problem with what was given.

    A required question must be answered; a code the category does not ask is refused rather
    than dropped, so that an app learns its form is out of date.
    """
    by_code = {d.code: d for d in definitions}
    problems = [Problem(code, "attribute_unknown") for code in given if code not in by_code]
    answers: dict[str, Answer] = {}
    for definition in sorted(definitions, key=lambda d: (d.position, d.code)):
        value = given.get(definition.code)
        values = [nfc(v).strip() for v in ([value] if isinstance(value, str) else value or [])]
        values = [v for v in values if v]
        if not values:
            if definition.required:
                problems.append(Problem(definition.code, "missing"))
            continue
        answer, problem = _check(definition, values)
        if problem:
            problems.append(Problem(definition.code, *problem))
        else:
            answers[definition.code] = answer
    return answers, problems


def _check(definition: AttributeSpec, values: list[str]) -> tuple[Answer, tuple | None]:
    if any(contains_control_characters(v) for v in values):
        return values, ("control_character",)
    kind = definition.datatype
    if kind is AttributeType.MULTI:
        unknown = [v for v in values if v not in definition.keys]
        return list(dict.fromkeys(values)), ("attribute_value_unknown",) if unknown else None
    if len(values) > 1:
        return values, ("attribute_one_value",)
    value = values[0]
    if kind is AttributeType.SINGLE:
        known = value in definition.keys
        return value, None if known else ("attribute_value_unknown",)
    if kind is AttributeType.NUMBER:
        try:
            number = Decimal(value.replace(",", "."))
        except InvalidOperation:
            return value, ("attribute_not_a_number",)
        return value, None if number.is_finite() and len(value) <= 40 else ("attribute_not_a_number",)
    if kind is AttributeType.DATETIME:
        try:
            datetime.fromisoformat(value)
        except ValueError:
            return value, ("attribute_not_a_date",)
        return value, None
    limit = MAX_LENGTH[kind]
    if len(value) > limit:
        return value, ("string_too_long", {"max_length": limit})
    return value, ("markup_forbidden",) if contains_markup(value) else None
