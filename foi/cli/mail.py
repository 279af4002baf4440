"""`foi mail ...`: email the letters and file the replies (thin: the work is
in :mod:`foi.app.mail` and :mod:`foi.app.mail_fetch`)."""

from __future__ import annotations

import sys

import click

from ..errors import UsageError
from .common import REQUEST_IDS, emit_json, flat_ids, id_list, info, is_terminal, pass_app, warn


@click.group()
def mail():
    """Email drafted letters over SMTP and file the replies from IMAP, a
    Maildir, an mbox or .eml files.

    Set up once (passwords are never stored: use FOI_SMTP_PASSWORD /
    FOI_IMAP_PASSWORD or a *.password_command):

    \b
      foi config set smtp.host smtp.example.org
      foi config set smtp.user alex@example.org
      foi config set smtp.password_command "pass show mail"
      foi config set imap.host imap.example.org
      foi config set imap.user alex@example.org
      foi mail check

    \b
    Examples:
      foi mail send 2-48 --dry-run
      foi mail send --campaign hiu --yes
      foi mail fetch
      foi mail fetch --from mbox:~/Mail/replies.mbox
      foi mail inbox
    """


def _mail_config(app):
    from ..mail.config import mail_config

    return mail_config(app.settings(app.read()))


@mail.command()
@click.argument("ids", nargs=-1, type=REQUEST_IDS, metavar="[IDS]...")
@click.option("--campaign", metavar="NAME", help="Every unsent letter of this campaign.")
@click.option("--dry-run", is_flag=True, help="Show what would go where; send nothing.")
@click.option("--yes", "-y", is_flag=True, help="Do not ask before sending.")
@click.option("--allow-unverified", is_flag=True, help="Send to addresses nobody has checked (or that bounced).")
@click.option("--resend", is_flag=True, help="Send again letters that may have been sent (check first!).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@pass_app
def send(app, ids, campaign, dry_run, yes, allow_unverified, resend, as_json):
    """Email drafted letters (requests, chasers, reviews; complaints go to
    the ICO or the Scottish Information Commissioner) and record each as sent.

    A letter is never sent twice: one that may have gone (the connection or
    foi died just after it was handed over) is reported, not resent, until
    you check your Sent folder and say so with `foi send ID` or --resend.

    \b
    Examples:
      foi mail send 12
      foi mail send 2-48 --dry-run
      foi mail send --campaign hiu --yes --allow-unverified
    """
    from ..app import mail as app_mail

    with app_mail.outbox(app.store_path, app.today) as journal:
        cfg = _mail_config(app)
        batch = app_mail.prepare_batch(
            app.read(), flat_ids(ids), campaign, cfg, resend=resend, allow_unverified=allow_unverified
        )
        _explain(batch)
        if dry_run or not batch.todo:
            _show_plan(batch.todo, as_json, dry_run, quiet=bool(batch.held))
            if batch.held and not dry_run:
                raise click.exceptions.Exit(1)
            return
        _confirm(len(batch.todo), yes)
        report = _run_batch(app, batch, cfg, journal)
    _show_report(report, as_json)
    if not report.ok:
        raise click.exceptions.Exit(1)


def _explain(batch) -> None:
    """A line for each letter that will not go, and a warning for unverified addresses."""
    for req, why in batch.nothing:
        info(f"{req['id']}\t{req.get('authority_name', '')}\tnothing to send ({why})")
    for x in batch.maybe:
        warn(
            f"request {x.rid} ({x.authority}) may have been sent: check your Sent folder, "
            f"then `foi send {x.rid}` or `foi mail send {x.rid} --resend`"
        )
    doubtful = batch.unverified
    if doubtful:
        warn(
            f"{len(doubtful)} of these addresses are unverified: {', '.join(x.to for x in doubtful[:3])}"
            + (" ..." if len(doubtful) > 3 else "")
            + " (sent anyway: --allow-unverified)"
        )
    _explain_held(batch.held)
    _explain_elsewhere(batch)


def _explain_elsewhere(batch) -> None:
    """A letter drafted in another member's name asks for the answer at their address."""
    elsewhere = batch.answered_elsewhere
    if not elsewhere:
        return
    names = sorted({f"{x.signed_by} <{x.reply_address}>" if x.signed_by else x.reply_address for x in elsewhere})
    ids = ", ".join(str(x.rid) for x in elsewhere[:8]) + (" ..." if len(elsewhere) > 8 else "")
    warn(
        f"{len(elsewhere)} letter{'s' if len(elsewhere) != 1 else ''} ({ids}) ask for the answer at "
        f"{', '.join(names)} but go from {batch.sender}: the authority may reply there, where `foi mail fetch` "
        "does not look (send them from that mailbox, or have the replies forwarded and file them with "
        "`foi mail fetch --from FILE.eml`)"
    )


def _explain_held(held) -> None:
    """One line per kind of letter held back, with what to do about it."""
    from ..app.mail import NO_ADDRESS
    from ..vocab import LetterKind

    missing = [x for x, why in held if why == NO_ADDRESS]
    unverified = [x for x, why in held if why != NO_ADDRESS]
    if missing:
        warn(
            f"{len(missing)} letter{'s' if len(missing) != 1 else ''} cannot go, no email address: "
            f"{id_list(x.rid for x in missing)} (`foi authorities check` lists them; add one with "
            "`foi authorities edit AUTHORITY --email ADDRESS --source URL`)"
        )
    if unverified:
        warn(
            f"{len(unverified)} letter{'s' if len(unverified) != 1 else ''} held back, unverified address: "
            + "; ".join(f"{x.rid} {x.to}" for x in unverified[:5])
            + (f" and {len(unverified) - 5} more" if len(unverified) > 5 else "")
            + " (check each, then `foi authorities edit AUTHORITY --verified`"
            + (
                "; for a complaint `foi config set mail.ico_address ADDRESS` (or mail.sic_address)"
                if any(x.kind == LetterKind.COMPLAINT for x in unverified)
                else ""
            )
            + ", or send anyway with --allow-unverified)"
        )


def _show_plan(letters, as_json, dry_run, quiet=False) -> None:
    if as_json:
        emit_json([{"id": x.rid, "to": x.to, "kind": x.kind, "subject": x.subject, "sent": False} for x in letters])
        return
    for x in letters:
        click.echo(f"{x.rid}\t{x.to}\t{x.kind}\t{x.subject}")
    if dry_run:
        info(f"dry run: {len(letters)} letter{'s' if len(letters) != 1 else ''} would be sent; nothing was sent")
    elif not letters and not quiet:
        info("nothing to send")


def _confirm(count: int, yes: bool) -> None:
    if yes:
        return
    if not is_terminal(sys.stdin):
        raise UsageError(
            f"about to email {count} letter{'s' if count != 1 else ''}", "add --yes to send without asking"
        )
    click.confirm(f"Email {count} letter{'s' if count != 1 else ''} now?", abort=True, err=True)


def _run_batch(app, batch, cfg, journal):
    from ..app import mail as app_mail

    if not is_terminal(sys.stderr):
        return app_mail.send_batch(app.store_path, app.today, batch, cfg, journal)
    with click.progressbar(length=len(batch.todo), label="sending", file=sys.stderr) as bar:
        return app_mail.send_batch(app.store_path, app.today, batch, cfg, journal, on_each=lambda *_: bar.update(1))


def _show_report(report, as_json) -> None:
    if as_json:
        rows = [{"id": x.rid, "to": x.to, "status": "sent", "message_id": m} for x, m in report.sent]
        rows += [{"id": x.rid, "to": x.to, "status": "not sent", "why": w} for x, w in report.not_sent]
        rows += [{"id": x.rid, "to": x.to, "status": "may have been sent", "why": w} for x, w in report.maybe]
        rows += [{"id": x.rid, "to": x.to, "status": "held", "why": w} for x, w in report.held]
        emit_json(sorted(rows, key=lambda r: r["id"]))
        return
    for x, _ in report.sent:
        click.echo(f"{x.rid}\t{x.to}\t{x.kind} sent")
    for x, why in report.not_sent:
        warn(f"{x.rid} {x.to}: not sent: {why}")
    for x, why in report.maybe:
        warn(
            f"{x.rid} {x.to}: may have been sent ({why}): check your Sent folder, "
            f"then `foi send {x.rid}` or `foi mail send {x.rid} --resend`"
        )
    if report.sent:
        info(f"sent {len(report.sent)}: {id_list(x.rid for x, _ in report.sent)}")
    if report.copy_problem:
        warn(f"the letters went, but no copy was put in your Sent folder: {report.copy_problem}")
    if report.not_sent:
        info(f"not sent {len(report.not_sent)}: run the same command again to send the rest")
    if report.held:
        info(f"held back {len(report.held)}: {id_list(x.rid for x, _ in report.held)} (see above)")


@mail.command()
@pass_app
def check(app):
    """Connect and log in to the SMTP (and IMAP) server without sending.

    Says which step failed: finding the server (DNS), connecting (refused),
    TLS, or the login.

    \b
    Example:
      foi mail check
    """
    from ..app.mail_check import check_servers

    failed = False
    for service, ok, text in check_servers(_mail_config(app)):
        if ok:
            click.echo(f"{service}\tok\t{text}")
        else:
            failed = True
            click.echo(f"{service}\tfailed\t{text}")
    if failed:
        raise click.exceptions.Exit(1)


@mail.command()
@click.option(
    "--from",
    "sources",
    multiple=True,
    metavar="SOURCE",
    help="imap (the default), maildir:PATH, mbox:PATH or FILE.eml (repeatable).",
)
@click.option(
    "--mark-read", is_flag=True, help="Flag the messages read on the IMAP server (it is read-only otherwise)."
)
@click.option("--json", "as_json", is_flag=True, help="Print what was filed as JSON.")
@pass_app
def fetch(app, sources, mark_read, as_json):
    """Read new replies and file each on its request.

    A reply to one of our letters, or one carrying a request's token (in the
    address or the subject's [foi TOKEN]) or the authority's reference, is
    recorded on its request; an automatic acknowledgement is recorded as
    `acknowledged` with the authority's reference; a bounce marks the address
    as failing.  The rest waits in `foi mail inbox`.  Nothing on the server
    is deleted, moved or flagged (unless --mark-read).

    \b
    Examples:
      foi mail fetch
      foi mail fetch --from mbox:~/Mail/foi.mbox --from maildir:~/Maildir
      foi mail fetch --from reply.eml
    """
    from ..app.mail_fetch import fetch as run

    with _Progress("reading") as progress:
        report = run(app.store_path, app.today, list(sources) or ["imap"], _mail_config(app), mark_read, progress)
    if as_json:
        emit_json(
            {
                "read": report.read,
                "duplicates": report.duplicates,
                "unparsable": report.unparsable,
                "filed": [{"id": rid, "event": kind, "what": text} for rid, kind, text in report.filed],
                "inbox": [{"message": n, "what": text} for n, text in report.inbox],
            }
        )
        return
    for rid, _, text in report.filed:
        click.echo(f"{rid}\t{text}")
    for rid, address in report.failing:
        warn(f"request {rid}: {address} bounced; letters to it need --allow-unverified until it is corrected")
    _fetch_summary(report)


class _Progress:
    """A progress bar on a terminal (stderr) once the count is known; nothing otherwise."""

    def __init__(self, label: str):
        self.label, self.bar = label, None

    def start(self, total: int) -> None:
        if is_terminal(sys.stderr) and total > 20:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()

    def step(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _fetch_summary(report) -> None:
    bits = [f"read {report.read}", f"filed {len(report.filed)}", f"inbox {len(report.inbox)}"]
    if report.duplicates:
        bits.append(f"already recorded {report.duplicates}")
    info(", ".join(bits))
    if report.unparsable:
        warn(
            f"{report.unparsable} message{'s' if report.unparsable != 1 else ''} could not be fully read: kept in the inbox"
        )
    if report.inbox:
        info("see them with `foi mail inbox`")


@mail.command()
@click.option("--all", "show_all", is_flag=True, help="Also mail from senders no letter went to.")
@click.option("--json", "as_json", is_flag=True, help="As JSON.")
@pass_app
def inbox(app, show_all, as_json):
    """Messages that matched no request, with a best guess.

    \b
    Examples:
      foi mail inbox
      foi mail assign 3 12      # file message 3 on request 12
      foi mail ignore 4
    """
    from ..app.mail_inbox import inbox as view

    got = view(app.read(), show_all)
    if as_json:
        emit_json(got.shown)
        return
    for e in got.shown:
        guess = f"request {e['guess_id']}? ({e.get('why', '')})" if e.get("guess_id") else e.get("why", "")
        problems = f"  [could not be fully read: {'; '.join(e['problems'])}]" if e.get("problems") else ""
        click.echo(f"{e['id']}\t{e.get('date', '')}\t{e.get('from', '')}\t{e.get('subject', '')}\t{guess}{problems}")
    if got.hidden:
        info(f"{got.hidden} more from senders no letter went to: `foi mail inbox --all`")
    if not got.shown and not got.hidden:
        info("the inbox is empty")


@mail.command()
@click.argument("msg", type=int, metavar="MSG")
@click.argument("rid", type=int, metavar="ID")
@pass_app
def assign(app, msg, rid):
    """File inbox message MSG on request ID.

    \b
    Example:
      foi mail assign 3 12
    """
    from ..app.mail_inbox import assign as run

    req, event = run(app.store_path, app.today, msg, rid)
    info(f"message {msg} filed on request {req['id']} as {event['type']} ({event['date']})")


@mail.command()
@click.argument("msg", type=int, metavar="MSG")
@pass_app
def ignore(app, msg):
    """Drop inbox message MSG (a later fetch will not bring it back).

    \b
    Example:
      foi mail ignore 4
    """
    from ..app.mail_inbox import ignore as run

    entry = run(app.store_path, msg)
    info(f"message {msg} ignored ({entry.get('from', '')}: {entry.get('subject', '')})")
