"""The webhook server: only Telegram gets in, and a stranger cannot make it read a large body.

python-telegram-bot's own webhook server reads the whole body before it looks at the secret
header, and accepts up to tornado's default of 100 MB, so four unauthenticated 90 MB posts cost
hundreds of MiB. This one is the custom-server seam PTB documents (updates go into
`Application.update_queue`): a tornado handler that streams the body, so the secret header and
the declared length are checked before a byte of it is read, and the body is capped.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from http import HTTPStatus
from typing import Any

import tornado.web
from telegram import Update
from telegram.ext import Application
from tornado.httpserver import HTTPServer

log = logging.getLogger(__name__)

MAX_UPDATE_BYTES = 1 << 20  # an update is a few KiB; Telegram's largest (a 4,096-character message and its reply) far less
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@tornado.web.stream_request_body
class UpdateHandler(tornado.web.RequestHandler):
    SUPPORTED_METHODS = ("POST",)  # type: ignore[assignment]

    def initialize(self, app: Application, secret: str) -> None:  # type: ignore[override]
        self.app = app
        self.secret = secret
        self.body = bytearray()
        self.forbidden = True

    def prepare(self) -> None:
        """Headers only: nothing of the body has been read when a request is judged.

        A stranger's small body is drained and dropped (so an ordinary client sees its 403); one
        announcing more than an update can be gets its answer at once and the connection closed.
        """
        given = self.request.headers.get(SECRET_HEADER, "")
        self.forbidden = not hmac.compare_digest(given.encode(), self.secret.encode())
        length = self.request.headers.get("Content-Length", "0")
        if not length.isdigit() or int(length) > MAX_UPDATE_BYTES:  # a chunked body is capped as it streams
            self._refuse(HTTPStatus.FORBIDDEN if self.forbidden else HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
            return
        self.request.connection.set_max_body_size(MAX_UPDATE_BYTES)  # type: ignore[union-attr]

    def _refuse(self, status: HTTPStatus) -> None:
        self.set_status(status)
        self.finish()
        self.request.connection.close()  # type: ignore[union-attr]  # do not read the body it announced

    def data_received(self, chunk: bytes) -> None:
        if self.forbidden:
            return  # dropped unread
        if len(self.body) + len(chunk) > MAX_UPDATE_BYTES:
            self._refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
            return
        self.body += chunk

    async def post(self) -> None:
        if self.forbidden:
            self.set_status(HTTPStatus.FORBIDDEN)
            return
        try:
            data = json.loads(bytes(self.body))
            update = Update.de_json(data, self.app.bot)
        except (ValueError, RecursionError, TypeError, KeyError, AttributeError):
            log.warning("webhook: a request with the right secret carried no valid update; ignored")
            self.set_status(HTTPStatus.BAD_REQUEST)
            return
        await self.app.update_queue.put(update)
        self.set_status(HTTPStatus.OK)

    def log_exception(self, *args: Any) -> None:  # a refused stranger is not an error worth a traceback
        pass


class WebhookServer:
    """Serve `url_path` on `listen:port`; updates go to the Application's queue."""

    def __init__(self, app: Application, url_path: str, secret: str) -> None:
        routes = [(rf"/{url_path.strip('/')}/?", UpdateHandler, {"app": app, "secret": secret})]
        self._http = HTTPServer(tornado.web.Application(routes, log_function=_quiet), max_body_size=MAX_UPDATE_BYTES,
                                max_buffer_size=MAX_UPDATE_BYTES * 2)

    def start(self, listen: str, port: int) -> None:
        self._http.listen(port, address=listen)

    async def stop(self) -> None:
        self._http.stop()
        await asyncio.wait_for(self._http.close_all_connections(), 10)


def _quiet(handler: tornado.web.RequestHandler) -> None:
    """No access log: it would only repeat what strangers send."""

