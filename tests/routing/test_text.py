"""NFC and folding: what makes "duong" find "đường"."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from routing.text import contains_control_characters, contains_markup, fold, nfc


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đường Lê Lợi", "duong le loi"),
        ("THỦ TỤC ĐẤT ĐAI", "thu tuc dat dai"),
        ("giấy phép xây dựng", "giay phep xay dung"),
        ("  Bảo   hiểm\txã hội\n", "bao hiem xa hoi"),
        ("Nghị định 42/2022/NĐ-CP", "nghi dinh 42/2022/nd-cp"),
        ("ưu đãi, ơn, ỹ", "uu dai, on, y"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_decomposed_and_composed_fold_and_normalise_alike() -> None:
    composed = "Hỏi về đường giao thông nông thôn"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert nfc(decomposed) == composed
    assert fold(decomposed) == fold(composed) == "hoi ve duong giao thong nong thon"


@given(st.text())
def test_fold_is_idempotent_and_ascii_for_vietnamese(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    assert fold(text) == fold(nfc(text))


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ "))
def test_vietnamese_letters_fold_to_plain_latin(text: str) -> None:
    assert fold(text).isascii()
    assert fold(text.upper()) == fold(text)


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("Dòng một\r\nDòng hai\tcột", False),  # what a textarea sends
        ("Nghị định 45/2026/NĐ-CP \u00a0 ‹trích›", False),
        ("a\x00b", True),  # PostgreSQL refuses NUL in text
        ("a\x1b[31mb", True),
        ("a\x0bb", True),
        ("a\x7fb", True),
        ("a\x85b", True),  # C1
        ("a\ud800b", True),  # a lone surrogate, which UTF-8 cannot carry
    ],
)
def test_control_characters(text: str, refused: bool) -> None:
    assert contains_control_characters(text) is refused


@pytest.mark.parametrize(
    "text",
    [
        "Thời hạn theo <Nghị định 45> là bao lâu",
        "Thời hạn theo ‹Nghị định 45> là bao lâu",
        "a<b và x > y",
        "diện tích < 50 m2",
        "1<2 và 3>2",
        "Giá <= 5 triệu, điểm <5 hoặc >8",
        "Theo <Nghi dinh 45> (gõ không dấu)",
        "a<b và c = d",
        "Gửi về <ten@example.com> được không?",
        "<3 cảm ơn",
    ],
)
def test_ordinary_text_with_angle_brackets_is_not_markup(text: str) -> None:
    assert not contains_markup(text)


@pytest.mark.parametrize(
    "text",
    [
        '<script>alert("xss")</script>',
        "<script src=//evil.example/x.js",
        "<SCRIPT",
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=x>",
        "<img\tsrc=x>",
        "<svg/onload=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        "<a\nhref=x>",
        '<div\nclass="x">',
        "<x y z onclick=alert(1)>",
        "<iframe src=//evil.example>",
        "<b>đậm</b>",
        "<b >đậm",
        "<br/>",
        "<custom-element>",
        "</p>",
        "<!-- ghi chú -->",
        "<!DOCTYPE html>",
        "<![CDATA[x]]>",
        "<?php echo 1 ?>",
        "javascript:alert(1)",
        "JaVaScRiPt :alert(1)",
        "vbscript:msgbox(1)",
    ],
)
def test_markup_is_refused(text: str) -> None:
    assert contains_markup(text)
    assert contains_markup(f"Xin hỏi {text} là gì?")
