"""A static file server on 127.0.0.1, on a daemon thread: what the benchmarks
and the browser tests serve a built site with."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path
from urllib.parse import unquote


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


class NotingHandler(QuietHandler):
    """Notes (path, bytes of the file) of each file it sends in its server's
    ``sent``: the server sees what a page and its web workers fetch alike."""

    def do_GET(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        super().do_GET()
        if os.path.isfile(path):
            self.server.sent.append((unquote(self.path.split("?", 1)[0]), os.path.getsize(path)))


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sent: list[tuple] = []  # what a noting handler notes, one entry per file sent

    def handle_error(self, request, client_address):
        pass  # a browser that closes a connection early is no failure


def serve_static(folder: Path, handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler,
                 server_class: type[QuietServer] = QuietServer) -> tuple[str, QuietServer]:
    """(base URL without the trailing slash, the server); ``server.shutdown()``
    and ``server.server_close()`` end it."""
    server = server_class(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, name=f"serve-{Path(folder).name}", daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server
