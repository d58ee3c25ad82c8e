"""A local HTTP server for the fetchers' tests: files and API pages, with faults.

No test touches the internet: :class:`Server` listens on 127.0.0.1 and
serves routes that write answers in the real shapes (a file with or without
byte ranges, UPR Info's search API pages), and can drop connections, answer
500, truncate files, repeat rows or move ``totalRows`` on request.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

__all__ = ["Server", "api_route", "api_rows", "file_route", "ranged_route"]


class Server:
    """Routes: path -> callable(handler) that writes the answer."""

    def __init__(self):
        self.routes = {}
        self.hits = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _go(self):
                path = urlparse(self.path).path
                server.hits[(self.command, path)] = (
                    server.hits.get((self.command, path), 0) + 1
                )
                route = server.routes.get(path)
                if route is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                route(self)

            do_GET = _go
            do_HEAD = _go

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def file_route(data: bytes, *, etag="v1", send=None):
    """A file route without byte ranges; ``send``: bytes sent before dropping."""
    return ranged_route(data, etag=etag, cut=send, ranges=False)


def ranged_route(data: bytes, *, etag="v1", cut=None, honour_range=True, ranges=True):
    """A file route that serves byte ranges; ``cut``: bytes sent before dropping."""
    seen = []

    def route(h):
        want = h.headers.get("Range") if honour_range else None
        seen.append(h.headers.get("Range"))
        start = int(want.split("=")[1].split("-")[0]) if want else 0
        body = data[start:]
        h.send_response(206 if want else 200)
        h.send_header("Content-Length", str(len(body)))
        h.send_header("ETag", etag)
        if ranges:
            h.send_header("Accept-Ranges", "bytes")
        if want:
            h.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        h.end_headers()
        if h.command == "GET":
            h.wfile.write(body if cut is None else body[:cut])
            h.wfile.flush()
            if cut is not None:
                h.close_connection = True

    route.seen = seen
    return route


def api_rows(n):
    return [
        {
            "sharedId": f"r{i}",
            "title": f"140.{i}",
            "metadata": {
                "recommendation": [{"value": f"Abolish the death penalty, step {i}"}],
                "state_under_review": [{"value": "x1", "label": "France"}],
                "recommending_state": [
                    {"value": "x2", "label": "Kenya" if i % 2 else "Peru"}
                ],
                "response": [{"value": "y", "label": "Supported"}],
                "session": [{"value": 1517184000}],  # 29/01/2018, as Uwazi stores dates
                "cycle": [{"value": "c", "label": "Cycle 3 (2017 - 2021)"}],
                "issues": [{"value": "i", "label": "Death penalty"}],
            },
        }
        for i in range(n)
    ]


def api_route(rows, *, repeat=False, move_total_once=False):
    state = {"moved": False, "pages": 0}

    def route(h):
        q = parse_qs(urlparse(h.path).query)
        start, limit = int(q["from"][0]), int(q["limit"][0])
        state["pages"] += 1
        total = len(rows)
        if move_total_once and state["pages"] == 2 and not state["moved"]:
            state["moved"] = True
            total += 1  # a recommendation added while we page
        begin = max(start - 1, 0) if repeat and start else start  # overlapping pages
        page = rows[begin : begin + limit]
        body = json.dumps({"rows": page, "totalRows": total}).encode()
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    return route, state
