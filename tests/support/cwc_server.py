"""A local Communicating With Congress service for tests: a real HTTP server on 127.0.0.1.

It checks the key, validates every posted document against the project's CWC schema (element
order included) with lxml, answers with the statuses a test queues (``answers``), and records
what it accepted. A document with a ``DeliveryId`` it already accepted is accepted again without
being recorded twice, as a service that deduplicates retries would.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, urlsplit

from lxml import etree


def _schema() -> etree.XMLSchema:
    source = resources.files("civickit.materials").joinpath("schemas/cwc-2.0.xsd")
    with resources.as_file(source) as path:
        return etree.XMLSchema(etree.parse(str(path)))


@dataclass
class Answer:
    """A queued answer: an HTTP status, a body, headers and a delay before answering."""

    status: int
    body: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class CwcState:
    """What the service holds: its key, office list, queued answers and what it saw."""

    key: str
    offices: list[str]
    answers: list[Answer] = field(default_factory=list)
    accepted: dict[str, bytes] = field(default_factory=dict)  # DeliveryId -> document
    posts: list[str] = field(default_factory=list)  # DeliveryId of every POST, in order
    validated: list[str] = field(default_factory=list)
    keys_seen: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    schema: etree.XMLSchema = field(default_factory=_schema)


class _Handler(BaseHTTPRequestHandler):
    state: CwcState

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""

    def _key_ok(self) -> bool:
        query = parse_qs(urlsplit(self.path).query)
        key = query.get("apikey", [""])[0]
        self.state.keys_seen.append(key)
        if key != self.state.key:
            self._send(401, "Unauthorized: bad apikey")
            return False
        return True

    def _send(self, status: int, body: str, headers: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        if urlsplit(self.path).path.rstrip("/").endswith("/offices") and self._key_ok():
            self._send(200, json.dumps(self.state.offices))
        elif not self.path.startswith("/offices"):
            self._send(404, "not found")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        if not self._key_ok():
            return
        path = urlsplit(self.path).path
        try:
            tree = etree.fromstring(body, etree.XMLParser(resolve_entities=False))
        except etree.XMLSyntaxError as exc:
            self._send(400, f"malformed XML: {exc}")
            return
        if not self.state.schema.validate(tree):
            errors = [str(error) for error in self.state.schema.error_log]  # type: ignore[attr-defined]
            self._send(400, f"schema: {errors[-1] if errors else 'invalid'}")
            return
        delivery_id = tree.findtext("Delivery/DeliveryId") or ""
        office = tree.findtext("Recipient/MemberOffice") or ""
        delivering = path.endswith("/v2/message")
        with self.state.lock:
            answer = self.state.answers.pop(0) if self.state.answers else Answer(200)
            if delivering:
                self.state.posts.append(delivery_id)
            else:
                self.state.validated.append(delivery_id)
        if answer.delay:
            time.sleep(answer.delay)
        if answer.status == 200 and office not in self.state.offices:
            answer = Answer(400, f"Unknown MemberOffice {office}")
        if delivering and answer.status == 200:
            with self.state.lock:
                self.state.accepted.setdefault(delivery_id, body)
        self._send(answer.status, answer.body or ("OK" if answer.status == 200 else ""),
                   answer.headers)  # fmt: skip


@dataclass
class CwcServer:
    """A running service: its base URL and state."""

    url: str
    state: CwcState


class _QuietServer(ThreadingHTTPServer):
    """Says nothing when a client is gone before a (delayed) answer: that is what a test of a
    client giving up does, and the report would land in whatever test runs by then."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet."""


def serve(key: str, offices: list[str]) -> Iterator[CwcServer]:
    """Run a service until the generator is closed (use from a fixture)."""
    state = CwcState(key=key, offices=offices)
    handler = type("Handler", (_Handler,), {"state": state})
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield CwcServer(f"http://127.0.0.1:{server.server_address[1]}", state)
    finally:
        server.shutdown()
        server.server_close()
