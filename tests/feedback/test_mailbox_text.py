"""What an email says once read: text from HTML, quoted history and signatures cut off, the kind of message.

Pure functions over literal messages, as mail programs write them; no server, no database.
"""

import pytest

from feedback.mailbox.parsing import parse
from feedback.mailbox.text import html_to_text, plain, trim_reply
from routing.text import contains_markup, first_words

QUESTION = "Xin hỏi thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ?"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (f"{QUESTION}\n\nOn Mon, 1 Dec 2026 at 09:00, Cổng hỏi đáp <hoidap@example.vn> wrote:\n> cũ", QUESTION),
        (f"{QUESTION}\n\nOn Mon, 1 Dec 2026 at 09:00, Cổng hỏi đáp\n<hoidap@example.vn> wrote:\n> cũ", QUESTION),
        (f"{QUESTION}\n\nVào 09:00 Th 2, 1 thg 12, 2026 Cổng hỏi đáp <hoidap@example.vn> đã viết:\n> cũ", QUESTION),
        (f"{QUESTION}\n\n<hoidap@example.vn> đã viết:\n> cũ", QUESTION),
        (
            f"{QUESTION}\n\nFrom: Cổng hỏi đáp <hoidap@example.vn>\nSent: Monday, December 1, 2026\nTo: tôi\n\ncũ",
            QUESTION,
        ),
        (f"{QUESTION}\n\nTừ: Cổng hỏi đáp\nĐã gửi: Thứ Hai\n\ncũ", QUESTION),
        (f"{QUESTION}\n\n-----Original Message-----\nFrom: x\n\ncũ", QUESTION),
        (f"{QUESTION}\n________________________________\nFrom: x", QUESTION),
        (f"{QUESTION}\n\n-- \nNguyễn Văn A\n0912 345 678", QUESTION),
        (f"{QUESTION}\n\nTrân trọng,\nNguyễn Văn A", QUESTION),
        (f"{QUESTION}\n\nBest regards,\nA", QUESTION),
        (f"{QUESTION}\n\nSent from my iPhone", QUESTION),
        (f"{QUESTION}\n\nGửi từ iPhone của tôi", QUESTION),
        (f"> trích dẫn\n{QUESTION}", QUESTION),
        # Not quotes: a "wrote" without an attribution, a closing far from the end, text that merely mentions "From:".
        ("Tôi đã viết: đơn xin cấp phép", "Tôi đã viết: đơn xin cấp phép"),
        (
            "Trân trọng\n" + "\n".join(f"dòng {n}" for n in range(10)),
            "Trân trọng\n" + "\n".join(f"dòng {n}" for n in range(10)),
        ),
        ("From: the 1st of December the office is closed", "From: the 1st of December the office is closed"),
    ],
)
def test_quoted_history_and_signatures_are_cut_off(text: str, kept: str) -> None:
    assert trim_reply(text) == kept


def test_html_is_read_as_the_reader_sees_it_without_scripts_styles_or_quotes() -> None:
    html = (
        "<html><head><title>t</title><style>p{}</style><script>alert(1)</script></head><body>"
        "<p>Dòng&nbsp;một</p><div>Dòng hai<br>Dòng ba</div><ul><li>mục</li></ul>"
        '<blockquote type="cite">cũ <b>rất</b> cũ</blockquote><div class="gmail_quote">cũ nữa</div><p>cuối</p></body></html>'
    )
    assert html_to_text(html) == "Dòng một\n\nDòng hai\nDòng ba\n\nmục\n\ncuối"


@pytest.mark.parametrize(
    "text",
    ["<b>đậm</b>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "<script>x</script>", "<!-- x -->"],
)
def test_text_that_would_be_markup_is_kept_as_harmless_text(text: str) -> None:
    assert contains_markup(text)
    assert not contains_markup(plain(text))


def test_an_address_in_angle_brackets_and_ordinary_comparisons_are_left_alone() -> None:
    for text in ("<nguyen@example.vn> đã viết", "diện tích < 50 m2", "a<b và x > y"):
        assert plain(text) == text


def test_a_title_from_the_first_words_is_cut_after_a_word() -> None:
    assert first_words("Xin   hỏi\nthủ tục cấp phép", 80) == "Xin hỏi thủ tục cấp phép"
    assert first_words("Xin hỏi thủ tục cấp phép xây dựng", 20) == "Xin hỏi thủ tục cấp…"


def raw(headers: str, body: str = "Nội dung") -> bytes:
    return f"{headers}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n".encode()


def test_sender_recipients_subject_and_threading_are_read_from_encoded_headers() -> None:
    mail = parse(
        raw(
            "From: =?utf-8?b?VHLhuqduLCBWxINuIELDrG5o?= <Binh@Example.vn>\r\n"
            "To: hoidap@so.gov.vn, =?utf-8?q?Ng=C3=B4=2C?= C <XayDung@so.gov.vn>\r\n"
            "Delivered-To: hoidap+2026-000001.abc@so.gov.vn\r\n"
            "Subject: =?utf-8?q?H=E1=BB=8Fi_v=E1=BB=81_=C4=91=E1=BA=A5t?=\r\n"
            "Message-ID: <m1@example.vn>\r\nIn-Reply-To: <delivery-7@so.gov.vn>\r\n"
            "References: <ticket-2026-000001@so.gov.vn> <delivery-7@so.gov.vn>"
        )
    )
    assert (mail.sender, mail.sender_name, mail.subject) == ("Binh@Example.vn", "Trần, Văn Bình", "Hỏi về đất")
    assert mail.recipients == ["hoidap@so.gov.vn", "xaydung@so.gov.vn", "hoidap+2026-000001.abc@so.gov.vn"]
    assert mail.message_id == "m1@example.vn"
    assert mail.references == ["delivery-7@so.gov.vn", "ticket-2026-000001@so.gov.vn", "delivery-7@so.gov.vn"]
    assert not mail.automatic and mail.bounce is None


def test_raw_utf8_headers_and_an_unknown_charset_do_not_stop_the_reading() -> None:
    mail = parse(
        "From: Trần Bình <b@example.vn>\r\nSubject: Hỏi về đất\r\n"
        "Content-Type: text/plain; charset=x-khong-co\r\n\r\nXin chào\r\n".encode()
    )
    assert (mail.sender_name, mail.subject, mail.text) == ("Trần Bình", "Hỏi về đất", "Xin chào")


@pytest.mark.parametrize(
    ("header", "automatic"),
    [
        ("Auto-Submitted: auto-replied", True),
        ("Auto-Submitted: auto-generated", True),
        ("Auto-Submitted: no", False),
        ("Precedence: junk", True),
        ("Precedence: list", True),
        ("List-Id: <tin-tuc.example.vn>", True),
        ("X-Autorespond: yes", True),
        ("Return-Path: <>", True),
        ("Return-Path: <b@example.vn>", False),
    ],
)
def test_auto_replies_and_list_mail_are_told_apart(header: str, automatic: bool) -> None:
    assert parse(raw(f"From: b@example.vn\r\n{header}")).automatic is automatic
