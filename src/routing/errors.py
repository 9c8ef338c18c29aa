"""Refusals said once for the command line and the admin pages.

A refusal's ``message`` is an English msgid with ``{placeholders}``: the command line prints it
filled in (``str``); the admin pages translate the msgid, then fill it in, and show it beside
the form's ``field``. :func:`N_` marks the msgids so that ``make messages`` finds them (routing
may not import the catalog, which lives with the pages).
"""


def N_(message: str) -> str:  # noqa: N802 (the name the message extractor looks for)
    return message


class Refusal(ValueError):
    def __init__(self, message: str, *, field: str = "", **values: object) -> None:
        super().__init__(message.format(**values) if values else message)
        self.message = message
        self.field = field
        self.values = values
