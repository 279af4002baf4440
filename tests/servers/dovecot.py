"""A real IMAP server (Debian's Dovecot) on 127.0.0.1 for the mail tests.

Dovecot's login process refuses to run as root, so when the suite runs as
root (CI does) the server is started as `nobody` with `runuser`; every file
it writes is in a throwaway folder that user owns.  One server serves the
whole test session; each test gets a user of its own (users are lines of a
passwd-file, which Dovecot reads again when it changes).
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .net import real_socket_calls
from .smtp import free_port

DOVECOT = "/usr/sbin/dovecot"
PACKAGE = "dovecot-imapd"

_CONFIG = """\
protocols = imap
listen = {host}
base_dir = {dir}/run
state_dir = {dir}/state
log_path = {dir}/dovecot.log
info_log_path = {dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
first_valid_uid = {uid}
first_valid_gid = {gid}
mail_location = maildir:~/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {dir}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={dir}/home/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = {host}
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service stats {{
  unix_listener stats-reader {{
    user = {user}
  }}
  unix_listener stats-writer {{
    user = {user}
  }}
}}
"""


@dataclass
class Dovecot:
    host: str
    port: int
    folder: Path
    process: subprocess.Popen
    command: list[str]
    _users: int = 0

    def add_user(self, password: str = "imap-secret") -> tuple[str, str]:
        """A new mailbox user (name, password), empty."""
        self._users += 1
        name = f"user{self._users}"
        with open(self.folder / "passwd", "a") as fh:
            fh.write(f"{name}:{{PLAIN}}{password}\n")
        return name, password

    def log(self) -> str:
        try:
            return (self.folder / "dovecot.log").read_text(errors="replace")
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process.poll() is None:
            # `dovecot stop` signals the master by its pid file (signalling
            # runuser instead costs its 2 s grace period)
            subprocess.run([*self.command, "stop"], capture_output=True, timeout=10)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:  # pragma: no cover
                self.process.terminate()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def _missing(message: str):
    import pytest

    pytest.fail(message, pytrace=False)


def start_dovecot() -> Dovecot:
    if not Path(DOVECOT).exists():
        _missing(f"the IMAP tests need Dovecot: apt-get install -y {PACKAGE} (.ci/run installs it)")
    as_root = os.geteuid() == 0
    account = pwd.getpwnam("nobody") if as_root else pwd.getpwuid(os.geteuid())
    if as_root and not shutil.which("runuser"):
        _missing("the IMAP tests need runuser to start Dovecot as nobody: apt-get install -y util-linux")
    folder = Path(tempfile.mkdtemp(prefix="foi-dovecot-"))
    for sub in ("run", "state", "home"):
        (folder / sub).mkdir()
    (folder / "passwd").write_text("")
    port = free_port()
    conf = folder / "dovecot.conf"
    conf.write_text(
        _CONFIG.format(
            host="127.0.0.1",
            dir=folder,
            port=port,
            user=account.pw_name,
            group=_group_name(account.pw_gid),
            uid=account.pw_uid,
            gid=account.pw_gid,
        )
    )
    if as_root:
        for path in [folder, *folder.rglob("*")]:
            os.chown(path, account.pw_uid, account.pw_gid)
    command = [DOVECOT, "-c", str(conf)]
    if as_root:
        command = ["runuser", "-u", account.pw_name, "--", *command]
    process = subprocess.Popen([*command, "-F"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    server = Dovecot("127.0.0.1", port, folder, process, command)
    _wait_listening(server)
    return server


def _group_name(gid: int) -> str:
    import grp

    return grp.getgrgid(gid).gr_name


def _wait_listening(server: Dovecot, timeout: float = 15.0) -> None:
    """Wait until Dovecot greets on its port (fail with its log if it died)."""
    deadline = time.monotonic() + timeout
    with real_socket_calls():
        while time.monotonic() < deadline:
            if server.process.poll() is not None:
                out = server.process.stdout.read().decode(errors="replace") if server.process.stdout else ""
                _missing(f"Dovecot did not start (exit {server.process.returncode}):\n{out}\n{server.log()}")
            try:
                with socket.create_connection((server.host, server.port), timeout=1) as s:
                    if s.recv(100).startswith(b"* OK"):
                        return
            except OSError:
                time.sleep(0.05)  # polling for start-up, not timing a test
    server.stop()
    _missing(f"Dovecot did not listen on {server.host}:{server.port} within {timeout} s:\n{server.log()}")
