"""The Litestar application: wiring only. Behaviour lives in the services and the web modules."""

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import redis.asyncio as aioredis
import structlog
from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from litestar import Litestar, Request, Response, Router
from litestar.config.csrf import CSRFConfig
from litestar.datastructures import MutableScopeHeaders, State
from litestar.di import Provide
from litestar.exceptions import HTTPException, ValidationException
from litestar.middleware import DefineMiddleware
from litestar.middleware.rate_limit import RateLimitConfig
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin
from litestar.plugins.flash import get_flashes
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.response import Template
from litestar.static_files import create_static_files_router
from litestar.status_codes import (
    HTTP_401_UNAUTHORIZED,
    HTTP_404_NOT_FOUND,
    HTTP_413_REQUEST_ENTITY_TOO_LARGE,
    HTTP_429_TOO_MANY_REQUESTS,
    HTTP_500_INTERNAL_SERVER_ERROR,
    HTTP_503_SERVICE_UNAVAILABLE,
)
from litestar.template.config import TemplateConfig
from litestar.types import Message, Scope

from feedback import i18n, markdown
from feedback.errors import MESSAGES, FieldError, InvalidInput, NotFound
from feedback.federation.web import federation_router, media_router
from feedback.logs import configure_logging
from feedback.metrics.http import http_metrics
from feedback.metrics.web import metrics
from feedback.open311 import web as open311
from feedback.settings import PROJECT_ROOT, Settings, get_settings
from feedback.texting.web import twilio_sms
from feedback.twofactor import web as twofactor
from feedback.web.api import api_router
from feedback.web.deps import provide_session, provide_settings
from feedback.web.health import healthz, readyz
from feedback.web.limits import ATTEMPTS_PER_QUESTION
from feedback.web.portal import (
    ask,
    ask_submit,
    citizen_file,
    citizen_follow_up,
    citizen_rating,
    citizen_reply,
    home,
    short_link,
    switch_language,
    track,
)
from feedback.web.qa_pages import qa_feed, qa_file, qa_list, qa_page
from feedback.web.sessions import StaffSessionConfig
from feedback.web.staff import staff_router
from feedback.web.staff_auth import IDLE, RoleDenied, login, login_form, login_redirect, logout
from feedback.web.statistics import statistics_page
from feedback.web.stores import stores
from feedback.web.webhooks import twilio_status
from notify.db import Database, database_unavailable

log = structlog.get_logger()

SUBMISSION_PATHS = frozenset({"/gui-cau-hoi", "/api/v1/questions"})

HTTP_MESSAGES = {
    400: i18n.N_("The request could not be read."),
    403: i18n.N_("Your session has expired or the form was sent from elsewhere. Reload the page and try again."),
    404: i18n.N_("This page does not exist."),
    405: i18n.N_("This address does not accept that kind of request."),
    413: MESSAGES["request_too_large"],
    429: i18n.N_("You have sent too many questions in a short time. Please wait a minute and try again."),
    500: i18n.N_("Something went wrong on our side. Please try again in a moment."),
}
# A request that could change something (a form, a submission) was rolled back whole: say so.
UNSAVED_500 = i18n.N_("Something went wrong on our side, so what you sent was not saved. Please try again in a moment.")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

SECURITY_HEADERS = {
    # The tracking link carries the access token: never leak it in a Referer header.
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; "
    "base-uri 'self'",
}


async def add_security_headers(message: Message, scope: Scope) -> None:
    """Every response carries :data:`SECURITY_HEADERS`, error pages and problem documents included.

    A hook on the ASGI ``send`` sees what route-level ``response_headers`` miss: the responses of
    exception handlers and of the router itself (a 404 for a path no route matches).
    """
    if message["type"] == "http.response.start":
        headers = MutableScopeHeaders.from_message(message)
        for name, value in SECURITY_HEADERS.items():
            headers.setdefault(name, value)


def template_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(PROJECT_ROOT / "templates"),
        autoescape=select_autoescape(default=True),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters["local_dt"] = i18n.local_datetime
    env.filters["markdown"] = markdown.render
    env.globals["current_language"] = i18n.current_language
    env.globals["get_flashes"] = pass_context(get_flashes)  # what litestar.plugins.flash.flash() kept in the session
    return env


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def problem(
    status: int,
    detail: str,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> Response[dict[str, Any]]:
    """An RFC 9457 problem document; ``errors`` names each failing field."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": detail,
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = [{"field": e.field, "message": e.message} for e in errors]
    return Response(body, status_code=status, media_type="application/problem+json", headers=headers)


def http_message(status: int, method: str = "GET") -> str:
    """What an HTTP error means for the person who met it, in their language.

    A 500 on a GET saved nothing because it was to save nothing; on a POST it saved nothing
    because the request's transaction was rolled back.
    """
    if status >= HTTP_500_INTERNAL_SERVER_ERROR and method not in SAFE_METHODS:
        return i18n.gettext(UNSAVED_500)
    return i18n.gettext(HTTP_MESSAGES.get(status, HTTP_MESSAGES[400 if status < 500 else 500]))


def error_page(
    status: int, headers: dict[str, str] | None = None, method: str = "GET", errors: list[FieldError] | None = None
) -> Template:
    """The site's error page; ``errors`` are the failing parameters of the address, each with its message."""
    message = http_message(status, method)
    return Template(
        "portal/error.html",
        context={"status": status, "message": message, "errors": errors or []},
        status_code=status,
        headers=headers,
    )


def handle_invalid_input(request: Request, exc: InvalidInput) -> Response[Any]:
    if _is_api(request):
        return problem(exc.status, i18n.gettext(i18n.N_("Some fields are not valid.")), exc.errors)
    return error_page(exc.status, errors=exc.errors)


def handle_not_found(request: Request, exc: NotFound) -> Response[Any]:
    if _is_api(request):
        error = FieldError("token", "not_found")
        return problem(404, error.message, [error])
    return error_page(404)


def _names_nothing(exc: HTTPException) -> bool:
    """A path parameter failed validation: an id out of range, or a reference that cannot be one."""
    failures = exc.extra if isinstance(exc, ValidationException) and isinstance(exc.extra, list) else []
    return bool(failures) and all(isinstance(f, dict) and f.get("source") == "path" for f in failures)


def handle_http_exception(request: Request, exc: HTTPException) -> Response[Any]:
    status = HTTP_404_NOT_FOUND if _names_nothing(exc) else exc.status_code
    headers = dict(exc.headers or {})
    if status == HTTP_401_UNAUTHORIZED and not _is_api(request):
        return login_redirect(request)
    if isinstance(exc, RoleDenied) and not _is_api(request):
        return Template(
            "portal/error.html",
            context={"status": 403, "message": i18n.gettext(exc.message), "staff": exc.user},
            status_code=403,
        )
    if status == HTTP_429_TOO_MANY_REQUESTS:
        # Litestar's limiter sends the IETF RateLimit-Reset; browsers and clients know Retry-After.
        headers.setdefault("Retry-After", headers.get("RateLimit-Reset", "60"))
    if status >= HTTP_500_INTERNAL_SERVER_ERROR:
        # A client that hangs up mid-upload is not our failure; anything else is.
        report = log.info if exc.detail == "client disconnected prematurely" else log.error
        report("http_error", status=status, path=request.url.path, detail=exc.detail)
    if open311.handles(request):
        return open311.http_error(request, status, http_message(status, request.method), headers)
    if _is_api(request):
        errors = None
        if status == HTTP_413_REQUEST_ENTITY_TOO_LARGE:  # refused before it was read: only files get that big
            errors = [FieldError("files", "request_too_large")]
        if isinstance(exc, ValidationException) and isinstance(exc.extra, list):
            errors = [
                FieldError(str(item.get("key") or "body"), "invalid") for item in exc.extra if isinstance(item, dict)
            ]
        return problem(status, http_message(status, request.method), errors, headers)
    return error_page(status, headers, request.method)


DATABASE_RETRY_AFTER_S = 5


def handle_unexpected(request: Request, exc: Exception) -> Response[Any]:
    if database_unavailable(exc):
        # Restarting or failing over: nothing was saved (the transaction is gone), so try again soon.
        log.warning("database_unavailable", path=request.url.path, error=f"{type(exc).__name__}: {exc}")
        headers = {"Retry-After": str(DATABASE_RETRY_AFTER_S)}
        return handle_http_exception(request, HTTPException(status_code=HTTP_503_SERVICE_UNAVAILABLE, headers=headers))
    log.exception("unhandled_error", path=request.url.path)
    return handle_http_exception(request, HTTPException(status_code=HTTP_500_INTERNAL_SERVER_ERROR))


def create_app(settings: Settings | None = None) -> Litestar:
    """The portal and its API; ``settings`` default to the environment's."""
    settings = settings or get_settings()
    configure_logging(production=settings.environment == "production")
    redis_url = settings.notify.redis_url

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        app.state.db = Database(settings.database_url)
        app.state.redis = aioredis.from_url(redis_url) if redis_url else None
        try:
            yield
        finally:
            await app.state.db.dispose()
            if app.state.redis is not None:
                await app.state.redis.aclose()

    async def is_submission(request: Request) -> bool:  # async: Litestar would run a sync one in a thread
        return request.method == "POST" and request.url.path in SUBMISSION_PATHS

    # Every attempt, mistakes included: a flood guard. Accepted questions have their own limit (web.limits).
    rate_limit = RateLimitConfig(
        rate_limit=("minute", settings.rate_limit * ATTEMPTS_PER_QUESTION), check_throttle_handler=is_submission
    )
    secure_cookies = settings.base_url.startswith("https://")
    sessions = StaffSessionConfig(
        store="sessions",
        max_age=int(IDLE.total_seconds()),
        renew_on_access=True,
        secure=secure_cookies,
        httponly=True,
        samesite="lax",
        exclude=["/api/", "/open311/", "/static/", "/healthz", "/readyz", "/metrics", "/webhooks/", "/lien-thong/"],
    )

    # Pages and webhooks are not the API: the OpenAPI document describes /api/v1 and the Atom feed.
    pages = Router(
        path="/",
        route_handlers=[
            home,
            ask,
            ask_submit,
            track,
            short_link,
            citizen_reply,
            citizen_rating,
            citizen_follow_up,
            citizen_file,
            qa_list,
            qa_file,
            qa_page,
            statistics_page,
            switch_language,
            login_form,
            login,
            *twofactor.PAGES,
            logout,
            twilio_status,
            twilio_sms,
        ],
        include_in_schema=False,
    )

    return Litestar(
        route_handlers=[
            pages,
            qa_feed,
            staff_router,
            healthz,
            readyz,
            metrics,
            api_router,
            open311.open311_router,
            federation_router,
            media_router,
            create_static_files_router(path="/static", directories=[PROJECT_ROOT / "static"], name="static"),
        ],
        dependencies={
            "session": Provide(provide_session),
            "settings": Provide(provide_settings, sync_to_thread=False),
        },
        state=State({"settings": settings, "started_at": time.time()}),  # readyz: the scheduler's grace period
        lifespan=[lifespan],
        middleware=[http_metrics, DefineMiddleware(i18n.LocaleMiddleware), rate_limit.middleware, sessions.middleware],
        stores=stores(settings),
        csrf_config=CSRFConfig(
            secret=settings.secret_key.get_secret_value(),
            cookie_secure=secure_cookies,
            cookie_httponly=True,
            exclude=[
                "/api/",
                "/open311/",
                "/healthz",
                "/readyz",
                "/metrics",
                "/webhooks/",
            ],  # webhooks are signed instead
        ),
        template_config=TemplateConfig(instance=JinjaTemplateEngine.from_environment(template_environment())),
        openapi_config=OpenAPIConfig(
            title="Cầu Nối API",
            version="1",
            description="Citizens' questions to the provincial departments: submit, then follow with the private token.",
            path="/api/schema",
            render_plugins=[JsonRenderPlugin()],
        ),
        exception_handlers={
            InvalidInput: handle_invalid_input,
            NotFound: handle_not_found,
            HTTPException: handle_http_exception,
            Exception: handle_unexpected,
        },
        before_send=[add_security_headers],
        debug=False,
    )
