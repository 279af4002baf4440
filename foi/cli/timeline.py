"""`foi send`, `foi respond`, `foi log`: record what happened, on one request
or many (ids, ranges, or --campaign C [--status S] [--authority-kind K]),
all or nothing (the work is in :mod:`foi.app.recording`)."""

from __future__ import annotations

import click

from ..dates import human
from ..vocab import Event, LetterKind, Outcome, Via
from .bulk import report_skipped, selection_of, selection_options
from .common import DATE, REQUEST_IDS, emit_json, info, pass_app, say, warn

_FILES = click.option(
    "--file",
    "files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="A file that came with it (copied into the store's attachments folder).",
)


@click.command()
@click.argument("ids", nargs=-1, type=REQUEST_IDS, metavar="IDS...")
@click.option(
    "--on",
    "on",
    type=DATE,
    default="today",
    show_default=True,
    help="The day it went out (email, web: the day of receipt; post: receipt is assumed 2 working days later).",
)
@click.option("--via", type=click.Choice(Via.ALL), default=None, help="How it was sent [default: email].")
@click.option(
    "--url",
    metavar="URL",
    help="The request's public page on WhatDoTheyKnow (one request; implies --via whatdotheyknow); "
    "the published report links to it.",
)
@selection_options
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@pass_app
def send(app, ids, on, via, url, campaign, status, authority_kind, dry_run, as_json):
    """Record that a drafted letter went out; prints the due date.

    Sends the newest unsent draft of each request: the request itself, or a
    follow-up drafted by `foi chase`, `foi review` or `foi complain`
    (which starts the clock of that stage).  A request already sent, with
    no new draft, is skipped and named: running it twice is harmless.

    \b
    Examples:
      foi send 12
      foi send 12 13 14 --on 23/11/2026 --via post
      foi send 2-48             # ids 2 to 48, as `foi draft` printed them
      foi send --campaign hiu --status draft --dry-run
      foi send 12 --url https://www.whatdotheyknow.com/request/hiu_scheme_oxford
    """
    from ..app.recording import send_drafts

    via = via or (Via.WHATDOTHEYKNOW if url else Via.EMAIL)
    sel = selection_of(ids, campaign, status, authority_kind)
    done = send_drafts(app, sel, on, via, url, dry_run=dry_run)
    if as_json:
        emit_json([_sent_json(d, on, via) for _, d in done.done])
    else:
        for _, d in done.done:
            _say_sent(d, on, via, url)
    report_skipped(done)


def _sent_json(d, on, via) -> dict:
    r, a = d.request, d.assessment
    return {
        "id": r["id"],
        "authority": r["authority_name"],
        "letter_kind": d.what,
        "sent": on,
        "via": via,
        "stage": a.stage,
        "due": a.due,
        "rule": a.rule,
    }


def _say_sent(d, on, via, url) -> None:
    req, kind, a = d.request, d.what, d.assessment
    due = f"\tdue {human(a.due)}" if a.due else ""
    say(f"{req['id']}\t{req['authority_name']}\t{kind} sent {human(on)}{due}")
    if via == Via.POST and kind == LetterKind.REQUEST:
        info(
            "by post, time runs from receipt: assumed the 2nd working day after posting; "
            f"record the real day when you know it: foi log {req['id']} received --on DATE"
        )
    if kind == LetterKind.COMPLAINT:
        return  # it went to the regulator, not to the authority's address (issue 13, bug 8)
    if via == Via.WHATDOTHEYKNOW and req.get("wdtk_url_name") and not url:
        info(f"make it at https://www.whatdotheyknow.com/new/{req['wdtk_url_name']}")
    elif via == Via.EMAIL and req.get("to_email") and not req.get("email_verified"):
        warn(f"{req['to_email']} is an unverified address: check it reached {req['authority_name']}")


@click.command()
@click.argument("ids", nargs=-1, type=REQUEST_IDS, metavar="IDS...")
@click.option("--outcome", required=True, type=click.Choice(Outcome.ALL), help="What the authority decided.")
@click.option(
    "--exemption",
    "exemptions",
    multiple=True,
    metavar="SECTION",
    help="An exemption cited, e.g. s40(2) or s31 (repeatable).",
)
@click.option("--on", "on", type=DATE, default="today", show_default=True, help="The day the response arrived.")
@click.option("--ref", help="The authority's reference.")
@_FILES
@click.option("--note", help="A note to keep with it.")
@click.option("--replace", is_flag=True, help="Replace a response already recorded (to correct it).")
@selection_options
@click.option("--json", "as_json", is_flag=True, help="Print the requests' new state as JSON (a list).")
@pass_app
def respond(
    app, ids, outcome, exemptions, on, ref, files, note, replace, campaign, status, authority_kind, dry_run, as_json
):
    """Record the authority's response.

    A request already answered is refused (the whole command, naming it):
    correct its response with --replace, or with `foi edit`.

    \b
    Examples:
      foi respond 12 --outcome granted --file answer.pdf
      foi respond 13 --outcome refused --exemption s40(2) --exemption s31 --ref FOI-2026-881
      foi respond 14 --outcome not-held --on 16/12/2026
      foi respond 3-7,12 --outcome not-held       # five bodies said they hold nothing
      foi respond 13 --outcome partial --exemption s40(2) --replace
    """
    from ..app.recording import respond as record_response

    sel = selection_of(ids, campaign, status, authority_kind)
    done = record_response(app, sel, outcome, on, exemptions, ref, note, files, replace=replace, dry_run=dry_run)
    _report(app, done, as_json)
    if len(done.done) == 1 and not as_json:
        for w in done.done[0][1].assessment.windows:
            until = f"until {human(w.closes)}" if w.fixed else "now"
            info(f"you can {w.label} {until} ({w.rule})")


def _report(app, done, as_json) -> None:
    """One line per request changed (or its state as JSON), then what was skipped."""
    from ..app import views

    if as_json:
        emit_json([views.request_view(d.request, app.today, app.calendars()) for _, d in done.done])
    else:
        for _, d in done.done:
            say(f"{d.request['id']}\t{d.request['authority_name']}\t{_line(d.what, d.assessment)}")
            if d.what["type"] != Event.RESPONSE:
                for w in d.assessment.warnings:
                    warn(w)
    report_skipped(done)


def _line(event, a) -> str:
    on = human(_day(event))
    if event["type"] == Event.RESPONSE:
        late = f", {a.working_days_late} working days late" if a.working_days_late else ", on time"
        return f"{event['outcome']} on {on}{late}"
    due = f", due {human(a.due)}" if a.due else ""
    return f"{event['type']} on {on}; now {a.stage}{due}"


def _day(event):
    from datetime import date

    return date.fromisoformat(event["date"])


@click.command(name="log")
@click.argument("ids", nargs=-1, type=REQUEST_IDS, metavar="IDS...")
@click.argument("event_type", metavar="EVENT", type=click.Choice(Event.LOGGABLE))
@click.option("--on", "on", type=DATE, default="today", show_default=True, help="The day it happened (or arrived).")
@click.option("--note", help="Free text to keep with the event.")
@click.option("--until", type=DATE, help="extended: the new date the authority gave (FOIA s.10(3)).")
@click.option("--ref", help="The authority's or regulator's reference.")
@click.option("--outcome", help="review-response / decision: upheld, overturned, partly-overturned, other.")
@click.option("--exemption", "exemptions", multiple=True, metavar="SECTION", help="Exemptions cited (repeatable).")
@click.option("--amount", help="fee-notice: the fee asked for.")
@_FILES
@selection_options
@click.option("--json", "as_json", is_flag=True, help="Print the requests' new state as JSON (a list).")
@pass_app
def log(
    app,
    ids,
    event_type,
    on,
    note,
    until,
    ref,
    outcome,
    exemptions,
    amount,
    files,
    campaign,
    status,
    authority_kind,
    dry_run,
    as_json,
):
    """Record any other event on a request's timeline (or many).

    EVENT is one of: received, acknowledged, clarification-requested,
    clarified, id-requested, id-received (subject access only), fee-notice,
    fee-paid, extended, response, chased, review-requested, review-response,
    complaint, decision, appeal, withdrawn, note.

    `received` is the day the authority actually got the request, when you
    know it (a posted request is otherwise taken to arrive on the second
    working day after posting).  A request that already has the same event
    is skipped and named.

    \b
    Examples:
      foi log 12 received --on 4/11/2026
      foi log 12-16 acknowledged                 # five acknowledgements today
      foi log 12 clarification-requested --on 2/12/2026
      foi log 12 clarified --on 5/12/2026
      foi log 14 id-requested --on 3/3/2027
      foi log 12 extended --until 2027-01-20 --note "public interest test, s.31"
      foi log 12 review-response --outcome upheld --on yesterday
      foi log 12 note --note "phoned the FOI team, promised by Friday"
    """
    from ..app.recording import Logged, log_event

    sel = selection_of(ids, campaign, status, authority_kind)
    given = Logged(note, until, ref, outcome, exemptions, amount, files)
    _report(app, log_event(app, sel, event_type, on, given, dry_run=dry_run), as_json)
