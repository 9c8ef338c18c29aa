"""Routing rules: first match wins, keywords match without diacritics, then defaults."""

import pytest

from routing.rules import Decision, Question, RoutedBy, RoutingError, Rule, route

OFFICE, SXD, SNNMT, SYT, CAT = 1, 7, 6, 11, 14
RULES = [
    Rule(id=10, department_id=CAT, keywords=("căn cước",)),
    Rule(id=11, department_id=SXD, category_code="dat-dai", keywords=("giấy phép xây dựng",)),
    Rule(id=12, department_id=SNNMT, category_code="dat-dai", area_pattern="sam-son*"),
    Rule(id=13, department_id=SYT, area_pattern="ham-rong", keywords=("bệnh viện", "cấp cứu")),
]


def decide(category: str, area: str | None, title: str, body: str = "", default: int | None = None) -> Decision:
    return route(Question.of(category, area, title, body), RULES, category_default=default, coordinating_office=OFFICE)


def test_keywords_match_without_diacritics_and_case() -> None:
    decision = decide("dat-dai", None, "Hoi ve GIAY PHEP XAY DUNG tren dat nong nghiep")
    assert decision == Decision(SXD, RoutedBy.RULE, 11)


def test_first_matching_rule_wins() -> None:
    decision = decide("dat-dai", "sam-son", "Làm căn cước cho con", default=SNNMT)
    assert decision.rule_id == 10


def test_area_prefix_and_exact_area() -> None:
    assert decide("dat-dai", "sam-son", "Tranh chấp ranh giới").rule_id == 12
    assert decide("dat-dai", "nam-sam-son", "Tranh chấp ranh giới").rule_id is None
    assert decide("y-te", "ham-rong", "Bệnh viện không nhận cấp cứu ban đêm").rule_id == 13
    assert decide("y-te", "ham-rong", "Bệnh viện quá tải").rule_id is None  # every keyword is needed


def test_keywords_are_whole_words() -> None:
    rules = [Rule(id=1, department_id=SXD, keywords=("dat",))]
    question = Question.of("khac", None, "Thủ tục datum", "")
    assert route(question, rules, category_default=None, coordinating_office=OFFICE).routed_by is RoutedBy.TRIAGE
    assert (
        route(Question.of("khac", None, "Đất ở", ""), rules, category_default=None, coordinating_office=OFFICE).rule_id
        == 1
    )


def test_defaults_then_triage() -> None:
    assert decide("giao-duc", None, "Tuyển sinh lớp 10", default=9) == Decision(9, RoutedBy.CATEGORY_DEFAULT)
    assert decide("khac", None, "Câu hỏi chung") == Decision(OFFICE, RoutedBy.TRIAGE)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"area_pattern": "sam*son"}, "may end with"), ({"keywords": ("  ",)}, "empty")],
)
def test_malformed_rules_are_refused(kwargs: dict, message: str) -> None:
    with pytest.raises(RoutingError, match=message):
        Rule(id=1, department_id=SXD, **kwargs)
