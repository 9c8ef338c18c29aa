"""Questions staff enter by hand, the receipt they print or read out, and answers sent by post.

Most citizens of a province still call, write or walk in (QĐ 31/2021/QĐ-TTg, Art. 43 has those
questions entered into the system). Where to start reading:

- :mod:`~feedback.desk.entry`: "Nhập câu hỏi", a question taken by phone, at the counter, by letter
  or fax, entered through the one intake with the instant it was received;
- :mod:`~feedback.desk.receipts`: the receipt (reference, short tracking link and its QR code,
  deadline), and a new short code when it is printed again;
- :mod:`~feedback.desk.posting`: the answer sent by post to a citizen without email or mobile;
- :mod:`~feedback.desk.web`: the pages.
"""
