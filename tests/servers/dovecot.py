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
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .net import real_socket_calls
from .smtp import free_port, self_signed_cert

DOVECOT = "/usr/sbin/dovecot"
USERS = 400  # mailboxes made at start-up, one per test that asks
PACKAGE = "dovecot-imapd"

_CONFIG = """\
protocols = imap
listen = {host}
base_dir = {dir}/run
state_dir = {dir}/state
log_path = {dir}/dovecot.log
info_log_path = {dir}/dovecot.log
ssl = yes
ssl_cert = <{dir}/cert.pem
ssl_key = <{dir}/key.pem
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
    address = {host}
    port = {ssl_port}
    ssl = yes
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
    ssl_port: int = 0
    accounts: list = None
    _users: int = 0

    def add_user(self) -> tuple[str, str]:
        """A mailbox user of its own (name, password), empty.  Users are made
        when the server starts: Dovecot notices a changed passwd-file by its
        modification time, in whole seconds, so adding lines later races."""
        self._users += 1
        if self._users > len(self.accounts):
            raise RuntimeError("the test Dovecot has no more users: raise USERS")
        return self.accounts[self._users - 1]

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
    # (runuser lives in /usr/sbin or /sbin, which a user's PATH may not hold)
    runuser = shutil.which("runuser") or shutil.which("runuser", path="/usr/sbin:/sbin")
    if as_root and not runuser:
        _missing("the IMAP tests need runuser to start Dovecot as nobody: apt-get install -y util-linux")
    folder = Path(tempfile.mkdtemp(prefix="foi-dovecot-"))
    for sub in ("run", "state", "home"):
        (folder / sub).mkdir()
    accounts = [(f"user{n}", f"imap-{secrets.token_hex(8)}") for n in range(1, USERS + 1)]
    (folder / "passwd").write_text("".join(f"{name}:{{PLAIN}}{password}\n" for name, password in accounts))
    port, ssl_port = free_port(), free_port()
    self_signed_cert(folder)  # STARTTLS on the imap port, TLS from the start on imaps
    conf = folder / "dovecot.conf"
    conf.write_text(
        _CONFIG.format(
            host="127.0.0.1",
            dir=folder,
            port=port,
            ssl_port=ssl_port,
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
        command = [runuser, "-u", account.pw_name, "--", *command]
    process = subprocess.Popen([*command, "-F"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    server = Dovecot("127.0.0.1", port, folder, process, command, ssl_port, accounts)
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
