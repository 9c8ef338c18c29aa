"""Files are judged by their bytes, not their names."""

import pytest

from feedback.errors import InvalidInput
from feedback.uploads import DOCX, JPEG, PDF, PNG, IncomingFile, check_files, sniff
from tests.factories import docx_bytes, pdf_bytes, png_bytes


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (pdf_bytes(), PDF),
        (png_bytes(), PNG),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", JPEG),
        (docx_bytes(), DOCX),
        (b"PK\x03\x04broken", None),
        (b"<html><script>", None),
        (b"", None),
    ],
)
def test_sniff(data: bytes, kind: str | None) -> None:
    assert sniff(data) == kind


def code_of(files: list[IncomingFile]) -> tuple[str, int]:
    with pytest.raises(InvalidInput) as caught:
        check_files(files)
    [error] = caught.value.errors
    return error.code, caught.value.status


def test_names_must_tell_the_truth() -> None:
    assert code_of([IncomingFile("anh.jpg", png_bytes())]) == ("file_type_mismatch", 422)
    assert code_of([IncomingFile("hop-dong.docx", pdf_bytes())]) == ("file_type_mismatch", 422)
    assert code_of([IncomingFile("script.html", b"<html>")]) == ("file_type_forbidden", 422)
    assert code_of([IncomingFile("no-extension", pdf_bytes())]) == ("file_type_forbidden", 422)


def test_limits() -> None:
    assert code_of([IncomingFile(f"{i}.png", png_bytes()) for i in range(6)]) == ("too_many_files", 422)
    assert code_of([IncomingFile("big.pdf", pdf_bytes() + bytes(10 * 2**20))]) == ("file_too_large", 413)


def test_good_files_keep_a_clean_name() -> None:
    [checked] = check_files([IncomingFile("C:\\fakepath\\Ảnh chụp.PNG", png_bytes())])
    assert (checked.filename, checked.content_type) == ("Ảnh chụp.PNG", PNG)
