"""A real SMTP server (aiosmtpd) on 127.0.0.1 for the mail tests.

Each server records the messages it accepted.  Its behaviour can be set to
fail in the ways real servers fail, so that `foi mail send` is tested against
the real protocol rather than a mock of smtplib:

* ``drop_after=N``: after N accepted messages the server dies: the open
  connection is closed at the next command and new connections are refused
  (nothing of message N+1 was transmitted);
* ``swallow_after=N``: message N+1 is transmitted in full, then the connection
  is dropped before the server replies (the server may have accepted it);
* ``reject=(N, ...)``: the Nth message (counting from 1) gets ``554``;
* ``hang_after=N``: message N+1 is transmitted in full and never answered
  (``hung`` is set when it arrives: the test then kills the client).
"""

from __future__ import annotations

import asyncio
import socket
import ssl
import subprocess
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from pathlib import Path

from .net import real_socket_calls


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (bound and released)."""
    with real_socket_calls():
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
    return port


def self_signed_cert(folder: Path) -> tuple[Path, Path]:
    """A throwaway certificate for CN=localhost / 127.0.0.1 (cert, key)."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    if not cert.exists():
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-days",
                "1",
                "-keyout",
                str(key),
                "-out",
                str(cert),
            ],
            check=True,
            capture_output=True,
        )
    return cert, key


@dataclass
class Received:
    """One message as the server got it."""

    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self):
        return message_from_bytes(self.data, policy=policy.default)


@dataclass
class SmtpServer:
    host: str
    port: int
    cafile: Path | None = None
    user: str | None = None
    password: str | None = None
    accepted: list[Received] = field(default_factory=list)
    swallowed: list[Received] = field(default_factory=list)
    connections: int = 0
    controller: object = None
    hung: threading.Event = field(default_factory=threading.Event)

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


class _Handler:
    def __init__(self, box: SmtpServer, drop_after, swallow_after, reject, hang_after=None):
        self.hang_after = hang_after
        self.box = box
        self.drop_after = drop_after
        self.swallow_after = swallow_after
        self.reject = set(reject)
        self.seen = 0  # messages whose data arrived
        self.dead = False

    def _die(self, server) -> None:
        self.dead = True
        ctl = self.box.controller
        if ctl is not None and getattr(ctl, "server", None) is not None:
            ctl.server.close()  # stop listening: new connections are refused
        server.transport.close()

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.box.connections += 1
        if self.dead:
            server.transport.close()
        session.host_name = hostname
        return responses

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.dead or (self.drop_after is not None and len(self.box.accepted) >= self.drop_after):
            self._die(server)
            return "421 going away"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.seen += 1
        got = Received(
            envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.original_content or envelope.content)
        )
        if self.hang_after is not None and len(self.box.accepted) >= self.hang_after:
            self.box.swallowed.append(got)
            self.box.hung.set()
            await asyncio.Event().wait()  # never answers (until the server stops)
        if self.swallow_after is not None and len(self.box.accepted) >= self.swallow_after:
            self.box.swallowed.append(got)
            self._die(server)
            return "250 never heard"
        if self.seen in self.reject:
            return "554 5.7.1 message refused"
        self.box.accepted.append(got)
        return "250 OK queued"


def start_smtp(
    folder: Path,
    *,
    starttls: bool = False,
    user: str | None = None,
    password: str | None = None,
    drop_after: int | None = None,
    swallow_after: int | None = None,
    reject=(),
    hang_after: int | None = None,
) -> SmtpServer:
    """Start an aiosmtpd server on 127.0.0.1 (the caller stops it)."""
    try:
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult
    except ImportError:  # pragma: no cover - depends on the machine
        import pytest

        pytest.fail("the SMTP tests need aiosmtpd: pip install -e '.[test]' (it is in the test extras)")

    box = SmtpServer("127.0.0.1", free_port(), user=user, password=password)
    handler = _Handler(box, drop_after, swallow_after, reject, hang_after)
    kwargs: dict = {"data_size_limit": 50 * 1024 * 1024}
    if starttls:
        cert, key = self_signed_cert(folder)
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(str(cert), str(key))
        kwargs.update(tls_context=ctx, require_starttls=True)
        box.cafile = cert
    if user is not None:

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (
                getattr(auth_data, "login", None) == user.encode()
                and getattr(auth_data, "password", None) == (password or "").encode()
            )
            return AuthResult(success=ok, handled=False)

        kwargs.update(authenticator=authenticator, auth_required=True, auth_require_tls=starttls)
    controller = Controller(handler, hostname="127.0.0.1", port=box.port, **kwargs)
    with real_socket_calls():
        controller.start()
    box.controller = controller
    return box
