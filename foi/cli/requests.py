"""`foi draft`, `foi send`, `foi respond`, `foi log`."""

from __future__ import annotations

import click

from ..app import timeline, views
from ..dates import human
from ..errors import UsageError
from ..vocab import Event, Outcome, Via
from .common import (
    AUTHORITY,
    DATE,
    REQUEST_ID,
    REQUEST_IDS,
    edit_text,
    emit_json,
    flat_ids,
    id_list,
    info,
    parse_vars,
    pass_app,
    warn,
)


@click.command()
@click.option("--template", "-t", required=True, metavar="NAME", help="Letter template (see `foi templates list`).")
@click.option(
    "--to",
    "to",
    multiple=True,
    type=AUTHORITY,
    help="Authority id, exact name or unambiguous part of a name (repeatable).",
)
@click.option("--kind", metavar="KIND", help="Every authority of this kind, e.g. mental_health_trust, police_force.")
@click.option("--tag", metavar="TAG", help="Every authority with this tag.")
@click.option("--subject", "-s", help="What the request is about (one line).")
@click.option("--var", "var", multiple=True, metavar="KEY=VALUE", help="A template variable (repeatable).")
@click.option("--body-file", type=click.File("rb"), help="Your questions, from a text file ('-' for stdin).")
@click.option("--campaign", "-c", help="Group the requests under a campaign name.")
@click.option("--edit", is_flag=True, help="Open $EDITOR on each letter before storing it.")
@click.option(
    "--out", "out", type=click.Path(file_okay=False), help="Also write each letter to DIR/<id>-<authority>.txt."
)
@click.option(
    "--allow-duplicate", is_flag=True, help="Draft even if this authority already has this subject in this campaign."
)
@click.option("--json", "as_json", is_flag=True, help="Print the drafted requests as JSON.")
@pass_app
def draft(app, template, to, kind, tag, subject, var, body_file, campaign, edit, out, allow_duplicate, as_json):
    """Draft a request to one authority or a whole group.

    One request is stored per authority, with its letter.  Nothing is sent:
    send the letter yourself, then record it with `foi send ID`.

    \b
    Examples:
      foi draft -t foi --to "Oxford Health" -s "Crisis team staffing" --body-file questions.txt
      foi draft -t hiu-scheme --kind mental_health_trust --campaign hiu
      foi draft -t sar --to "Devon and Cornwall Police" --out letters/
    """
    from ..app.compose import letters_folder, write_letters
    from ..app.drafting import DraftOrder, draft, due_if_sent_today

    if not (to or kind or tag):
        raise UsageError("say who to write to", "use --to AUTHORITY, --kind KIND or --tag TAG")
    order = DraftOrder(
        template,
        to,
        kind,
        tag,
        subject,
        campaign,
        parse_vars(var),
        _text_of(body_file) if body_file else "",
        allow_duplicate,
    )
    folder = letters_folder(out)
    records = draft(app, order, editor=edit_text if edit else None)
    if folder is not None:
        write_letters(folder, [(f"{r['id']}-{r['authority_id']}.txt", views.letter_of(r)) for r in records])
    dues = due_if_sent_today(app, records)
    if as_json:
        emit_json([_drafted_json(r, dues[r["id"]]) for r in records])
    else:
        _show_drafted(app, records, dues, out)


def _drafted_json(r: dict, due) -> dict:
    return {
        "id": r["id"],
        "authority": r["authority_name"],
        "authority_id": r["authority_id"],
        "regime": r["regime"],
        "subject": r["subject"],
        "campaign": r["campaign"],
        "to_email": r["to_email"],
        "email_verified": r["email_verified"],
        "due_if_sent_today": due,
        "letter": views.letter_of(r),
    }


def _show_drafted(app, records: list[dict], dues: dict, out: str | None) -> None:
    """The letter (one request), or the ids (a batch); then where they go and what next."""
    many = len(records) > 1
    for rec in records:
        if not many and not out:
            click.echo(views.letter_of(rec))
    if len(records) > 3:
        _summarise_destinations(records)
    else:
        directory = app.authorities()
        for rec in records:
            _describe_destination(rec, directory.get(rec["authority_id"]) or {})
    if many or out:
        for rec in records:
            click.echo(f"{rec['id']}\t{rec['authority_name']}")
    info(
        f"drafted {len(records)} request{'s' if many else ''} ({records[0]['regime'].upper()}"
        f"{' and others' if len({r['regime'] for r in records}) > 1 else ''}); "
        f"if sent today, due {human(dues[records[0]['id']])}"
        + (f" (ids {records[0]['id']}-{records[-1]['id']})" if many else f" (id {records[0]['id']})")
    )
    if out:
        info(f"letters written to {out}/")
    info(f"next: send {'them' if many else 'it'}, then record it: foi send {id_list([r['id'] for r in records])}")


def _summarise_destinations(records: list[dict]) -> None:
    """For a batch: one line per kind of problem, not one per authority."""
    unverified = [r for r in records if r.get("to_email") and not r.get("email_verified")]
    missing = [r for r in records if not r.get("to_email")]
    if unverified:
        warn(
            f"{len(unverified)} of these FOI email addresses are unverified: check each on the authority's "
            f"website before sending (`foi authorities check` lists them with the pages they were read on)"
        )
    if missing:
        warn(
            f"{len(missing)} of these authorities have no FOI email known: `foi show ID` gives the "
            "WhatDoTheyKnow link, or send through their website"
        )


def _describe_destination(rec: dict, auth: dict) -> None:
    if rec.get("to_email") and not rec.get("email_verified"):
        from .authorities import unverified_note

        note = unverified_note(auth) if auth.get("foi_email") == rec["to_email"] else "unverified"
        warn(
            f"{rec['authority_name']}: the address {rec['to_email']} is {note}; "
            "check it on the authority's website before sending"
        )
    elif not rec.get("to_email"):
        hint = (
            f"https://www.whatdotheyknow.com/new/{rec['wdtk_url_name']}" if rec.get("wdtk_url_name") else "its website"
        )
        warn(f"{rec['authority_name']}: no FOI email known; find it on {hint}")


@click.command()
@click.argument("ids", nargs=-1, required=True, type=REQUEST_IDS)
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
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@pass_app
def send(app, ids, on, via, url, as_json):
    """Record that a drafted letter went out; prints the due date.

    Sends the newest unsent draft of each request: the request itself, or a
    follow-up drafted by `foi chase`, `foi review` or `foi complain`
    (which starts the clock of that stage).

    \b
    Examples:
      foi send 12
      foi send 12 13 14 --on 23/11/2026 --via post
      foi send 2-48             # ids 2 to 48, as `foi draft` printed them
      foi send 12 --url https://www.whatdotheyknow.com/request/hiu_scheme_oxford
    """
    via = via or (Via.WHATDOTHEYKNOW if url else Via.EMAIL)
    results = [(r.request, r.kind, r.assessment) for r in timeline.send_drafts(app, flat_ids(ids), on, via, url)]
    if as_json:
        emit_json(
            [
                {
                    "id": r["id"],
                    "authority": r["authority_name"],
                    "letter_kind": kind,
                    "sent": on,
                    "via": via,
                    "stage": a.stage,
                    "due": a.due,
                    "rule": a.rule,
                }
                for r, kind, a in results
            ]
        )
        return
    for req, kind, a in results:
        what = "request" if kind == "request" else kind
        due = f"\tdue {human(a.due)}" if a.due else ""
        click.echo(f"{req['id']}\t{req['authority_name']}\t{what} sent {human(on)}{due}")
        if via == Via.POST and kind == "request":
            info(
                "by post, time runs from receipt: assumed the 2nd working day after posting; "
                f"record the real day when you know it: foi log {req['id']} received --on DATE"
            )
        if via == "whatdotheyknow" and req.get("wdtk_url_name") and not url:
            info(f"make it at https://www.whatdotheyknow.com/new/{req['wdtk_url_name']}")
        elif via == "email" and req.get("to_email") and not req.get("email_verified"):
            warn(f"{req['to_email']} is an unverified address: check it reached {req['authority_name']}")


@click.command()
@click.argument("rid", metavar="ID", type=REQUEST_ID)
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
@click.option(
    "--file",
    "files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="A file that came with it (copied into the store's attachments folder).",
)
@click.option("--note", help="A note to keep with it.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@pass_app
def respond(app, rid, outcome, exemptions, on, ref, files, note, as_json):
    """Record the authority's response.

    \b
    Examples:
      foi respond 12 --outcome granted --file answer.pdf
      foi respond 13 --outcome refused --exemption s40(2) --exemption s31 --ref FOI-2026-881
      foi respond 14 --outcome not-held --on 16/12/2026
    """
    new = timeline.respond(app, rid, outcome, on, exemptions, ref, note, files)
    a = views.assess(new, app.today, app.calendars())
    if as_json:
        emit_json(views.request_view(new, app.today, app.calendars()))
        return
    late = f", {a.working_days_late} working days late" if a.working_days_late else ", on time"
    click.echo(f"{rid}\t{new['authority_name']}\t{outcome} on {human(on)}{late}")
    for w in a.windows:
        until = f"until {human(w.closes)}" if w.fixed else "now"
        info(f"you can {w.label} {until} ({w.rule})")


@click.command(name="log")
@click.argument("rid", metavar="ID", type=REQUEST_ID)
@click.argument("event_type", metavar="EVENT", type=click.Choice(Event.LOGGABLE))
@click.option("--on", "on", type=DATE, default="today", show_default=True, help="The day it happened (or arrived).")
@click.option("--note", help="Free text to keep with the event.")
@click.option("--until", type=DATE, help="extended: the new date the authority gave (FOIA s.10(3)).")
@click.option("--ref", help="The authority's or regulator's reference.")
@click.option("--outcome", help="review-response / decision: upheld, overturned, partly-overturned, other.")
@click.option("--exemption", "exemptions", multiple=True, metavar="SECTION", help="Exemptions cited (repeatable).")
@click.option("--amount", help="fee-notice: the fee asked for.")
@click.option(
    "--file",
    "files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="A file that came with it (copied into the attachments folder).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the request's new state as JSON.")
@pass_app
def log(app, rid, event_type, on, note, until, ref, outcome, exemptions, amount, files, as_json):
    """Record any other event on a request's timeline.

    EVENT is one of: received, acknowledged, clarification-requested,
    clarified, id-requested, id-received (subject access only), fee-notice,
    fee-paid, extended, response, chased, review-requested, review-response,
    complaint, decision, appeal, withdrawn, note.

    `received` is the day the authority actually got the request, when you
    know it (a posted request is otherwise taken to arrive on the second
    working day after posting).

    \b
    Examples:
      foi log 12 received --on 4/11/2026
      foi log 12 clarification-requested --on 2/12/2026
      foi log 12 clarified --on 5/12/2026
      foi log 14 id-requested --on 3/3/2027
      foi log 12 extended --until 2027-01-20 --note "public interest test, s.31"
      foi log 12 review-response --outcome upheld --on yesterday
      foi log 12 note --note "phoned the FOI team, promised by Friday"
    """
    given = timeline.Logged(note, until, ref, outcome, exemptions, amount, files)
    new = timeline.log_event(app, rid, event_type, on, given)
    calendars = app.calendars()
    view = views.request_view(new, app.today, calendars)
    if as_json:
        emit_json(view)
        return
    due = f", due {human(_d(view['due']))}" if view["due"] else ""
    click.echo(f"{rid}\t{new['authority_name']}\t{event_type} on {human(on)}; now {view['stage']}{due}")
    for w in view["warnings"]:
        warn(w)


def _d(iso: str | None):
    from datetime import date

    return date.fromisoformat(iso) if iso else None


def _text_of(file) -> str:
    """The --body-file's text; not UTF-8 is a one-line usage error."""
    raw = file.read()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"--body-file {file.name}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at position {exc.start})",
            "save the file as UTF-8 and try again; nothing was changed",
        ) from None
