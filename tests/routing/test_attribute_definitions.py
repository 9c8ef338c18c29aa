"""What an admin may define as a category's extra question, checked without a database."""

import pytest

from routing.attributes import DefinitionError, define, parse_value
from routing.models import AttributeType


def definition(**changes: object):
    given = {"code": "so-thua", "description": "Số thửa đất", "description_en": "", "datatype": "string",
             "help_text": "", "values": ()} | changes  # fmt: skip
    return define(**given)


def test_a_definition_is_normalised() -> None:
    decomposed = "Lo\u1ea1i \u0111a\u0302\u0301t"  # "Loại đất" typed with combining marks
    made = definition(code=" Loai-Dat ", description=decomposed, datatype="multivaluelist",
                      values=["ODT=Đất ở tại đô thị=Urban residential land", " LUC =Đất trồng lúa"])  # fmt: skip
    assert made.code == "loai-dat" and made.description == "Loại đất" and made.description_en == "Loại đất"
    assert made.datatype is AttributeType.MULTI
    assert made.values == [
        {"key": "ODT", "name": "Đất ở tại đô thị", "name_en": "Urban residential land"},
        {"key": "LUC", "name": "Đất trồng lúa", "name_en": "Đất trồng lúa"},
    ]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"code": "so thua"}, "is not a code"),
        ({"code": "so-thua]"}, "is not a code"),
        ({"code": "-so"}, "is not a code"),
        ({"code": "a" * 49}, "is not a code"),
        ({"description": "  "}, "give the question's description"),
        ({"description": "<script>alert(1)</script>"}, "plain text"),
        ({"description_en": "a\x00b"}, "plain text"),
        ({"help_text": "x" * 301}, "at most 300 characters"),
        ({"datatype": "boolean"}, "no datatype 'boolean'"),
        ({"datatype": "singlevaluelist"}, "needs at least one value"),
        ({"datatype": "number", "values": ["1=Một"]}, "takes no values"),
        ({"datatype": "singlevaluelist", "values": ["a=A", "b=B", "a=C"]}, "given twice: a"),
    ],
)
def test_a_bad_definition_says_what_to_fix(changes: dict, message: str) -> None:
    with pytest.raises(DefinitionError, match=message):
        definition(**changes)


@pytest.mark.parametrize("text", ["", "ODT", "=Đất ở", "O DT=Đất ở", "ODT=", "ODT= =Urban", "ODT=<b>Đất</b>"])
def test_a_bad_value_is_refused(text: str) -> None:
    with pytest.raises(DefinitionError):
        parse_value(text)
