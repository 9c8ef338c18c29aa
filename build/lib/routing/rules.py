"""Which department answers a question: ordered routing rules, pure logic.

A rule matches on any of category, area (a commune/ward code, or a prefix ending in ``*``)
and keywords (all of them must appear in the folded title and question, so "giay phep xay
dung" matches "giấy phép xây dựng"). Conditions left empty match everything. The first
matching rule wins; else the category's default department; else the coordinating office's
triage queue.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from routing.text import fold


class RoutingError(ValueError):
    pass


@dataclass(frozen=True)
class Rule:
    id: int
    department_id: int
    category_code: str | None = None
    area_pattern: str | None = None
    keywords: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.area_pattern is not None and "*" in self.area_pattern.rstrip("*"):
            raise RoutingError(f"an area pattern may end with '*' but not contain one: {self.area_pattern!r}")
        if any(not fold(keyword) for keyword in self.keywords):
            raise RoutingError("a keyword may not be empty")

    def matches(self, question: "Question") -> bool:
        if self.category_code is not None and self.category_code != question.category_code:
            return False
        if self.area_pattern is not None and not _area_matches(self.area_pattern, question.area_code):
            return False
        return all(_keyword_in(fold(keyword), question) for keyword in self.keywords)


def _area_matches(pattern: str, area_code: str | None) -> bool:
    if area_code is None:
        return False
    if pattern.endswith("*"):
        return area_code.startswith(pattern.rstrip("*"))
    return area_code == pattern


def _keyword_in(keyword: str, question: "Question") -> bool:
    # A one-word keyword must be a whole word ("dat" must not match inside "datum");
    # a phrase must appear as consecutive whole words.
    if " " not in keyword:
        return keyword in question.words
    return f" {keyword} " in question.padded_text


_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Question:
    """What routing looks at; the text is folded and split into words once, for every rule."""

    category_code: str
    area_code: str | None
    words: frozenset[str]
    padded_text: str

    @classmethod
    def of(cls, category_code: str, area_code: str | None, title: str, body: str) -> "Question":
        words = _WORD.findall(fold(f"{title} {body}"))
        return cls(category_code, area_code, frozenset(words), f" {' '.join(words)} ")


class RoutedBy(StrEnum):
    RULE = "rule"
    CATEGORY_DEFAULT = "category_default"
    TRIAGE = "triage"


@dataclass(frozen=True)
class Decision:
    department_id: int
    routed_by: RoutedBy
    rule_id: int | None = None


def route(
    question: Question, rules: Sequence[Rule], *, category_default: int | None, coordinating_office: int | None
) -> Decision | None:
    """Where ``question`` goes; ``rules`` are tried in the order given (their admin-set position).

    None only when nothing matches and no coordinating office is configured.
    """
    for rule in rules:
        if rule.matches(question):
            return Decision(rule.department_id, RoutedBy.RULE, rule.id)
    if category_default is not None:
        return Decision(category_default, RoutedBy.CATEGORY_DEFAULT)
    return Decision(coordinating_office, RoutedBy.TRIAGE) if coordinating_office is not None else None
