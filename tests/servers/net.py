"""The suite blocks the network (tests/conftest.py's `no_network`); the mail
tests open it again for 127.0.0.1 only."""

from __future__ import annotations

import contextlib
import socket

# the real calls, taken before any test patches them
_CONNECT = socket.socket.connect
_CONNECT_EX = socket.socket.connect_ex
_CREATE_CONNECTION = socket.create_connection

LOOPBACK = "127.0.0.1"


def _host(address) -> str | None:
    if isinstance(address, tuple) and address:
        return str(address[0])
    return None


def _refuse(address) -> None:
    raise AssertionError(f"a test tried to open a network connection to {address!r} (only {LOOPBACK} is allowed)")


def _connect(self, address):
    if _host(address) != LOOPBACK:
        _refuse(address)
    return _CONNECT(self, address)


def _connect_ex(self, address):
    if _host(address) != LOOPBACK:
        _refuse(address)
    return _CONNECT_EX(self, address)


def _create_connection(address, *args, **kwargs):
    if _host(address) != LOOPBACK:
        _refuse(address)
    return _CREATE_CONNECTION(address, *args, **kwargs)


def allow_loopback(monkeypatch) -> None:
    """Let this test connect to 127.0.0.1, and nowhere else."""
    monkeypatch.setattr(socket.socket, "connect", _connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _connect_ex)
    monkeypatch.setattr(socket, "create_connection", _create_connection)


@contextlib.contextmanager
def real_socket_calls():
    """Loopback allowed for the duration (for servers started outside a test)."""
    saved = socket.socket.connect, socket.socket.connect_ex, socket.create_connection
    socket.socket.connect, socket.socket.connect_ex, socket.create_connection = (
        _connect,
        _connect_ex,
        _create_connection,
    )
    try:
        yield
    finally:
        socket.socket.connect, socket.socket.connect_ex, socket.create_connection = saved
