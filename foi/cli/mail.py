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

    cfg = _mail_config(app)
    letters, nothing = app_mail.select(app.read(), flat_ids(ids), campaign, cfg, resend)
    for req, why in nothing:
        info(f"{req['id']}\t{req.get('authority_name', '')}\tnothing to send ({why})")
    for x in (x for x in letters if x.problem == app_mail.MAYBE):
        warn(
            f"request {x.rid} ({x.authority}) may have been sent: check your Sent folder, "
            f"then `foi send {x.rid}` or `foi mail send {x.rid} --resend`"
        )
    app_mail.refuse_unsendable(letters, allow_unverified)
    todo = [x for x in letters if x.problem != app_mail.MAYBE]
    if dry_run or not todo:
        _show_plan(todo, as_json, dry_run)
        return
    _confirm(len(todo), yes)
    report = _run_batch(app, todo, cfg)
    _show_report(report, as_json)
    if not report.ok:
        raise click.exceptions.Exit(1)


def _show_plan(letters, as_json, dry_run) -> None:
    if as_json:
        emit_json([{"id": x.rid, "to": x.to, "kind": x.kind, "subject": x.subject, "sent": False} for x in letters])
        return
    for x in letters:
        click.echo(f"{x.rid}\t{x.to}\t{x.kind}\t{x.subject}")
    if dry_run:
        info(f"dry run: {len(letters)} letter{'s' if len(letters) != 1 else ''} would be sent; nothing was sent")
    elif not letters:
        info("nothing to send")


def _confirm(count: int, yes: bool) -> None:
    if yes:
        return
    if not is_terminal(sys.stdin):
        raise UsageError(
            f"about to email {count} letter{'s' if count != 1 else ''}", "add --yes to send without asking"
        )
    click.confirm(f"Email {count} letter{'s' if count != 1 else ''} now?", abort=True, err=True)


def _run_batch(app, letters, cfg):
    from ..app import mail as app_mail

    if not is_terminal(sys.stderr):
        return app_mail.send_letters(app.store_path, app.today, letters, cfg)
    with click.progressbar(length=len(letters), label="sending", file=sys.stderr) as bar:
        return app_mail.send_letters(app.store_path, app.today, letters, cfg, on_each=lambda *_: bar.update(1))


def _show_report(report, as_json) -> None:
    if as_json:
        rows = [{"id": x.rid, "to": x.to, "status": "sent", "message_id": m} for x, m in report.sent]
        rows += [{"id": x.rid, "to": x.to, "status": "not sent", "why": w} for x, w in report.not_sent]
        rows += [{"id": x.rid, "to": x.to, "status": "may have been sent", "why": w} for x, w in report.maybe]
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
    if report.not_sent:
        info(f"not sent {len(report.not_sent)}: run the same command again to send the rest")


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
