"""An answer's Markdown as HTML on the portal and as plain text where HTML cannot go (email text, SMS, excerpts)."""

import pytest

from feedback.markdown import plain_text, render


@pytest.mark.parametrize(
    ("source", "plain"),
    [
        ("Theo **Luật Đất đai** và *Nghị định 101*.", "Theo Luật Đất đai và Nghị định 101."),
        ("Dòng một\r\nDòng hai\r\n\r\nĐoạn hai", "Dòng một\nDòng hai\n\nĐoạn hai"),
        ("Hồ sơ gồm:\n\n- Đơn;\n- Bản vẽ.\n\nNộp tại xã.", "Hồ sơ gồm:\n\nĐơn;\nBản vẽ.\n\nNộp tại xã."),
        ("* Một\n  - Một a\n* Hai", "Một\n  Một a\nHai"),
        ("1. Nộp hồ sơ;\n2. Nhận kết quả\n   trong 15 ngày.", "1. Nộp hồ sơ;\n2. Nhận kết quả\n   trong 15 ngày."),
        ("Xem [Cổng Dịch vụ công](https://dichvucong.gov.vn).", "Xem Cổng Dịch vụ công (https://dichvucong.gov.vn)."),
        (
            "Tại <https://dichvucong.gov.vn> hoặc [hộp thư](mailto:a@b.vn)",
            "Tại <https://dichvucong.gov.vn> hoặc hộp thư (a@b.vn)",
        ),
        ("[https://x.vn](https://x.vn)", "https://x.vn"),
        ("5 * 3 = 15, a<b & c", "5 * 3 = 15, a<b & c"),
        ("", ""),
        (None, ""),
    ],
)
def test_plain_text_keeps_the_words_and_the_lines_and_drops_the_markup(source: str | None, plain: str) -> None:
    assert plain_text(source) == plain


def test_html_is_escaped_and_links_are_safe() -> None:
    html = str(render("<script>x</script> [a](javascript:alert(1)) [b](https://x.vn)"))
    assert "<script>" not in html and 'href="javascript' not in html
    assert '<a href="https://x.vn" rel="nofollow noopener noreferrer">b</a>' in html
