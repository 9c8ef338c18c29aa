"""Structured logs: JSON lines in production, readable lines in development.

Tracebacks keep their frames (file, line, function) but never the frames' local variables:
locals would print staff session cookies, CSRF tokens and citizens' questions, emails and
phone numbers into the log, and rendering them costs a blocked event loop. The database
engine hides bound parameters from its error messages for the same reason
(:func:`notify.db.create_engine`), and the web server keeps no access log, whose request
lines would carry the token of a citizen's private tracking link (:mod:`feedback.serve`).
"""

import logging

import structlog
from structlog.tracebacks import ExceptionDictTransformer


def configure_logging(*, production: bool) -> None:
    processors: list[structlog.typing.Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    if production:
        traceback_frames = structlog.processors.ExceptionRenderer(ExceptionDictTransformer(show_locals=False))
        processors += [traceback_frames, structlog.processors.JSONRenderer()]
    else:
        processors.append(structlog.dev.ConsoleRenderer(exception_formatter=structlog.dev.plain_traceback))
    structlog.configure(
        processors=processors,
        wrapper_class=structlog.make_filtering_bound_logger(logging.INFO),
        cache_logger_on_first_use=True,
    )
