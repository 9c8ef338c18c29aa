"""A category's extra questions (Open311 "attributes"): their definitions, and answers checked against them.

Pure logic: the caller loads the definitions and turns each problem into its own error type.
An answer is text for the free types, a key for a single-valued list, a list of keys for a
multi-valued one; what comes back is stored with the ticket as it is.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from routing.models import AttributeType, CategoryAttribute
from routing.text import contains_control_characters, contains_markup, nfc, plain_text_problem

MAX_LENGTH = {AttributeType.STRING: 300, AttributeType.TEXT: 4000}
"""Longest answer of the free-text types; a number or a date is short by nature."""

CODE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""A question's code, written like the category codes (``so-thua``): apps send its answer as
``attribute[code]``, where brackets or spaces would break their forms."""
VALUE_KEY = re.compile(r"[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*")
"""A list value's key, which apps send as the answer: ``ODT``, ``dat-o``, ``1``."""
CODE_LENGTH = 48
TEXT_LENGTH = 300
NAME_LENGTH = 200
LIST_TYPES = frozenset({AttributeType.SINGLE, AttributeType.MULTI})


class DefinitionError(ValueError):
    """A question defined wrongly; the message says how to write it."""


@dataclass(frozen=True)
class Definition:
    """What an admin defines of a :class:`CategoryAttribute`, checked and normalised (NFC, trimmed)."""

    code: str
    description: str
    description_en: str
    datatype: AttributeType
    help_text: str
    values: list[dict[str, str]]


def _plain(text: str, what: str, *, limit: int = TEXT_LENGTH, required: bool = False) -> str:
    # Apps show these words to citizens in their own forms: nothing there may be markup.
    text, problem = plain_text_problem(text, limit, required=required)
    if problem == "missing":
        raise DefinitionError(f"give {what}")
    if problem == "too_long":
        raise DefinitionError(f"{what} is too long: at most {limit} characters")
    if problem:
        raise DefinitionError(f"write {what} as plain text, without HTML or control characters")
    return text


def parse_value(text: str) -> dict[str, str]:
    """``"ODT=Đất ở tại đô thị=Urban residential land"`` → ``{"key", "name", "name_en"}``; the English name is optional."""
    key, _, names = text.partition("=")
    name, _, name_en = names.partition("=")
    key = key.strip()
    if not VALUE_KEY.fullmatch(key) or len(key) > CODE_LENGTH:
        raise DefinitionError(
            f"{text!r} is not a value: write KEY=Tên or KEY=Tên=English name, the key in letters,"
            f" digits, '-', '_' or '.' (at most {CODE_LENGTH} characters)"
        )
    name = _plain(name, f"the name of the value {key!r}", limit=NAME_LENGTH, required=True)
    name_en = _plain(name_en, f"the English name of the value {key!r}", limit=NAME_LENGTH)
    return {"key": key, "name": name, "name_en": name_en or name}


def define(
    *, code: str, description: str, description_en: str, datatype: str, help_text: str, values: Sequence[str]
) -> Definition:
    """A question's definition from what an admin typed; ``values`` (list types only, one at least) as
    :func:`parse_value` reads them. The English description defaults to the Vietnamese one."""
    code = code.strip().lower()
    if not CODE.fullmatch(code) or len(code) > CODE_LENGTH:
        raise DefinitionError(
            f"{code!r} is not a code: use lowercase letters, digits and hyphens, e.g. so-thua"
            f" (at most {CODE_LENGTH} characters)"
        )
    description = _plain(description, "the question's description", required=True)
    try:
        kind = AttributeType(datatype)
    except ValueError:
        raise DefinitionError(f"no datatype {datatype!r}: choose {', '.join(AttributeType)}") from None
    parsed = [parse_value(text) for text in values]
    if kind in LIST_TYPES and not parsed:
        raise DefinitionError(f"a {kind} question needs at least one value (KEY=Tên)")
    if kind not in LIST_TYPES and parsed:
        raise DefinitionError(f"a {kind} question takes no values: only singlevaluelist and multivaluelist do")
    keys = [value["key"] for value in parsed]
    if repeated := sorted({key for key in keys if keys.count(key) > 1}):
        raise DefinitionError(f"a value key is given twice: {', '.join(repeated)}")
    return Definition(
        code=code,
        description=description,
        description_en=_plain(description_en, "the English description") or description,
        datatype=kind,
        help_text=_plain(help_text, "the help text"),
        values=parsed,
    )


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


def shown_answers(
    definitions: Sequence[CategoryAttribute], answers: Mapping[str, Answer], *, english: bool
) -> list[tuple[str, str]]:
    """Each answer as staff read it, in the order asked: the question's description in their language,
    and a list's keys by their names. An answer to a question removed since keeps its code and keys."""
    by_code = {d.code: d for d in definitions}
    shown = []
    for code in sorted(answers, key=lambda c: (c not in by_code, by_code[c].position if c in by_code else 0, c)):
        answer = answers[code]
        given = [answer] if isinstance(answer, str) else list(answer)
        definition = by_code.get(code)
        if definition is None:
            shown.append((code, ", ".join(given)))
            continue
        names = {v["key"]: v.get("name_en" if english else "name") or v["key"] for v in definition.values}
        label = definition.description_en if english else definition.description
        shown.append((label, ", ".join(names.get(key, key) for key in given)))
    return shown
