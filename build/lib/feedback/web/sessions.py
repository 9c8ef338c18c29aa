"""Staff sessions kept on the server, under ids that only the server issues, and only when signed in.

Litestar's server-side backend adopts whatever id the ``session`` cookie carries and stores a
session, even an empty one, for every visitor. This one differs in three ways:

- an id is used only if the store knows it, and :func:`begin_session` gives a new one at
  login whatever the browser held: an id planted in a browser (session fixation) never
  becomes a signed-in session;
- an empty session is neither stored nor sent as a cookie: anonymous visitors cost the store
  nothing, and the public pages, the ask form and the feed work while Redis is down (CSRF
  protection is a double-submit cookie, not a server-side session);
- signing out deletes the session from the store and expires the cookie.
"""

from typing import Any

from litestar.connection import ASGIConnection
from litestar.datastructures import Cookie, MutableScopeHeaders
from litestar.middleware.session.server_side import ServerSideSessionBackend, ServerSideSessionConfig
from litestar.types import Empty, Message, ScopeSession
from litestar.utils.dataclass import extract_dataclass_items


class StaffSessionBackend(ServerSideSessionBackend):
    def get_session_id(self, connection: ASGIConnection) -> str:
        """The cookie's id if the store knew it (a session was loaded), else a new one."""
        cookie = connection.cookies.get(self.config.key)
        if cookie and connection.scope.get("session"):
            return cookie
        return self.generate_session_id()

    def _cookie(self, value: str, **extra: Any) -> str:
        params = extract_dataclass_items(self.config, exclude_none=True, include=Cookie.__dict__.keys())
        return Cookie(key=self.config.key, value=value, **dict(params), **extra).to_header(header="")

    async def store_in_message(self, scope_session: ScopeSession, message: Message, connection: ASGIConnection) -> None:
        store = self.config.get_store_from_app(connection.scope["app"])
        cookie = connection.cookies.get(self.config.key)
        headers = MutableScopeHeaders.from_message(message)
        if scope_session is Empty:  # signed out
            if cookie:
                await self.delete(cookie, store)
                headers.add("Set-Cookie", self._cookie("", expires=0))
            return
        if not scope_session:
            return
        # None after begin_session(): the session gets a new id, and the one it replaces is dropped.
        session_id = connection.get_session_id() or self.generate_session_id()
        if cookie and cookie != session_id:
            await self.delete(cookie, store)
        await self.set(session_id, self.serialize_data(scope_session, connection.scope), store)
        headers.add("Set-Cookie", self._cookie(session_id))


class StaffSessionConfig(ServerSideSessionConfig):
    _backend_class = StaffSessionBackend


def begin_session(connection: ASGIConnection, data: dict[str, Any]) -> None:
    """Sign in: ``data`` becomes the session, under an id issued now rather than any the browser sent."""
    connection.clear_session()  # forgets the current id, so that the backend issues a new one
    connection.set_session(data)
