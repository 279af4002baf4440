"""`foi list` and `foi show`."""

from __future__ import annotations

from datetime import date

import click

from ..app import views
from ..dates import human
from ..errors import UsageError
from ..vocab import STATUSES
from .common import AUTHORITY, REQUEST_ID, emit_json, info, is_terminal, pass_app, print_table, say


def _left(view: dict) -> str:
    if view["days_left"] is None:
        return ""
    n = view["days_left"]
    unit = "wd" if view["days_unit"] == "working days" else "d"
    if n < 0:
        return f"{-n}{unit} late" if view["actor"] == "authority" else f"{-n}{unit} ago"
    return f"{n}{unit}"


@click.command(name="list")
@click.option("--status", type=click.Choice(STATUSES), help="Only this stage (or 'overdue', 'open').")
@click.option("--campaign", "-c", help="Only this campaign.")
@click.option("--authority", "authority", type=AUTHORITY, help="Only requests to this authority.")
@click.option("--member", help="Only those this member handles (`foi assign`; else who drafted them).")
@click.option("--json", "as_json", is_flag=True, help="JSON: a list of objects (see README, 'JSON output').")
@pass_app
def list_cmd(app, status, campaign, authority, member, as_json):
    """List requests with their stage and due date.

    Stage and due dates are worked out from each request's timeline today
    (or on --today).

    \b
    Examples:
      foi list
      foi list --status overdue --campaign hiu
      foi list --member sam
      foi list --json | jq '.[] | select(.overdue) | .id'
    """
    shown = views.list_requests(app, status, campaign, authority, member)
    if as_json:
        emit_json(shown)
        return
    if not shown:
        info(
            "no requests"
            + (" match" if (status or campaign or authority or member) else " yet: draft one with `foi draft`")
        )
        return
    rows, styles = [], []
    for v in shown:
        rows.append(
            [
                f"{v['id']}!" if v["conflicts"] else v["id"],
                v["authority"],
                v["campaign"] or "",
                v["subject"],
                v["stage"],
                v["sent"] or "",
                v["due"] or "",
                _left(v),
            ]
        )
        styles.append("red" if v["overdue"] else ("yellow" if v["actor"] == "requester" else None))
    if is_terminal() and _width() < 120:
        _print_stacked(shown, styles)
        _conflict_note(shown)
        return
    print_table(["id", "authority", "campaign", "subject", "stage", "sent", "due", "left"], rows, styles=styles)
    _conflict_note(shown)


def _conflict_note(views: list[dict]) -> None:
    marked = [v["id"] for v in views if v["conflicts"]]
    if marked:
        info(
            f"! {len(marked)} request{'s' if len(marked) > 1 else ''} with conflicts from a merge: "
            f"see them with `foi resolve {marked[0]}`"
        )


def _left_words(v: dict) -> str:
    n = v["days_left"]
    if n is None:
        return ""
    unit = v["days_unit"] or "days"
    unit = unit[:-1] if abs(n) == 1 else unit
    if n < 0:
        return f", {-n} {unit} {'late' if v['actor'] == 'authority' else 'ago'}"
    return f", {n} {unit} left"


def _width() -> int:
    from .common import console

    return console().width


def _print_stacked(views: list[dict], styles: list) -> None:
    """`foi list` on a narrow terminal: three short lines per request instead
    of a table whose dates would be cut to "2026-1…"."""
    from ..domain.safe_text import for_terminal
    from .common import use_colour

    width = _width()
    colour = use_colour()

    def cut(text: str) -> str:
        room = max(20, width - 7)
        return text if len(text) <= room else text[: room - 1] + "…"

    for v, style in zip(views, styles):
        mark = "!" if v["conflicts"] else " "
        head = f"{v['id']:>5}{mark} {v['authority']}" + (f" [{v['campaign']}]" if v["campaign"] else "")
        state = [v["stage"]]
        if v["due"]:
            state.append(f"due {human(date.fromisoformat(v['due']))}" + _left_words(v))
        if v["sent"]:
            state.append(f"sent {human(date.fromisoformat(v['sent']))}")
        lines = [head, "       " + "; ".join(state), "       " + cut(v["subject"])]
        text = for_terminal("\n".join(lines), multiline=True)
        click.echo(click.style(text, fg=style) if colour and style else text)


def _unverified(app, req: dict) -> str:
    """'' for a verified address, else a note with the page it was read on."""
    if req.get("email_verified"):
        return ""
    from .authorities import unverified_note

    auth = app.authorities().get(req.get("authority_id")) or {}
    note = unverified_note(auth) if auth.get("foi_email") == req["to_email"] else "unverified"
    return f"  ({note}: check before sending)"


@click.command()
@click.argument("rid", metavar="ID", type=REQUEST_ID)
@click.option("--json", "as_json", is_flag=True, help="The stored request plus its derived state, as JSON.")
@click.option("--no-letter", is_flag=True, help="Leave out the letter.")
@click.option("--message", "message", type=int, metavar="N", help="Print message N of the timeline in full.")
@click.option("--letter", "letter_n", type=int, metavar="N", help="Print letter N of the timeline (1: the request).")
@click.option("--letters", "all_letters", is_flag=True, help="Show every letter: the request, chasers, reviews...")
@pass_app
def show(app, rid, as_json, no_letter, message, letter_n, all_letters):
    """Show one request: details, letter and timeline.

    The timeline numbers the letters (the request, then chasers, reviews,
    complaints): `--letter N` prints one of them, `--letters` all.

    \b
    Examples:
      foi show 12
      foi show 12 --json | jq .state.due
      foi show 12 --letter 2      # the chaser, say
      foi show 12 --letters
      foi show 12 --message 1     # a reply `foi mail fetch` filed, in full
    """
    store = app.read()
    req = store.get_request(rid)
    drafted = [e for e in req.get("events", ()) if e.get("type") == "drafted"]
    if letter_n is not None:
        say(_letter(store, req, drafted, letter_n))
        return
    if message is not None:
        from ..app.mail_inbox import message_text

        say(message_text(app.store_path, req, message), nl=False)
        return
    calendars = app.calendars(store)
    if as_json:
        view = views.request_view(req, app.today, calendars)
        emit_json({"request": views.public_request(store.with_letters(req)), "state": view})
        return
    say("\n".join(_details(app, req, views.assess(req, app.today, calendars))))
    if not no_letter and drafted:
        _print_letters(store, req, drafted, all_letters)


def _letter(store, req: dict, drafted: list, n: int) -> str:
    """Letter ``n`` of the timeline (issue 13, bug 6: follow-ups could not be read again)."""
    if not 1 <= n <= len(drafted):
        raise UsageError(
            f"request {req['id']} has {len(drafted)} letter{'s' if len(drafted) != 1 else ''}: there is no letter {n}",
            f"the timeline of `foi show {req['id']}` numbers them",
        )
    return store.letter_text(drafted[n - 1]).rstrip()


def _print_letters(store, req: dict, drafted: list, all_letters: bool) -> None:
    rule = "-" * 72 if not is_terminal() else "─" * 72
    for n, e in enumerate(drafted if all_letters else drafted[:1], 1):
        title = f"letter {n}: {e.get('kind', 'request')}, drafted {human(date.fromisoformat(e['date']))}\n"
        say(f"\n{rule}\n{title if all_letters else ''}{store.letter_text(e).rstrip()}\n{rule}")
    if len(drafted) > 1 and not all_letters:
        info(f"{len(drafted)} letters: `foi show {req['id']} --letters` shows them all, `--letter N` one")


def _details(app, req: dict, a) -> list[str]:
    lines = [
        f"Request {req['id']}: {req.get('subject', '')}",
        f"  To:        {req.get('authority_name')} ({req.get('authority_id')})",
    ]
    if req.get("to_email"):
        lines.append(f"  Email:     {req['to_email']}{_unverified(app, req)}")
    if req.get("wdtk_url_name"):
        lines.append(
            f"  Online:    https://www.whatdotheyknow.com/new/{req['wdtk_url_name']}  (to send it through WhatDoTheyKnow)"
        )
    lines += [
        f"  Law:       {req['regime'].upper()}",
        f"  Campaign:  {req.get('campaign') or '-'}",
        f"  Stage:     {a.stage}" + (f" (waiting for the {a.actor})" if a.actor else ""),
    ]
    if a.due:
        lines.append(f"  Due:       {human(a.due)}  [{a.rule}]" + ("  OVERDUE" if a.overdue else ""))
    if a.very_overdue:
        lines.append(f"  Very late: after {human(a.very_overdue)}")
    for w in a.windows:
        until = f"until {human(w.closes)}" if w.fixed else "now"
        lines.append(f"  You may {w.label} {until} [{w.rule}]")
    for warning in a.warnings:
        lines.append(f"  Warning:   {warning}")
    if req.get("findings"):
        lines.append("  Findings:  " + ", ".join(f"{k}={v}" for k, v in sorted(req["findings"].items())))
    lines += _coalition_lines(req)
    lines += ["", "Timeline:"] + _timeline(req)
    return lines


def _timeline(req: dict) -> list[str]:
    lines, n, letters = [], 0, 0
    for e in req.get("events", []):
        if e.get("hash"):  # a message `foi mail fetch` filed
            from ..app.mail_inbox import describe

            n += 1
            lines.append(f"  {human(date.fromisoformat(e['date'])):<16} " + describe(e, n, req["id"]))
        else:
            letters += e.get("type") == "drafted"
            lines.append("  " + _describe_event(e, letters if e.get("type") == "drafted" else None))
    return lines


def _coalition_lines(req: dict) -> list[str]:
    """Who handles the request, and the conflicts a merge left on it."""
    lines = [f"  Member:    {views.member_of(req)}"] if views.member_of(req) else []
    if req.get("conflicts"):
        from ..domain.conflicts import describe

        for record in req["conflicts"]:
            lines.append(f"  Conflict:  {describe(record, req).summary} (`foi resolve {req['id']}`)")
    return lines


def _describe_event(e: dict, letter: int | None = None) -> str:
    d = date.fromisoformat(e["date"])
    kind = e["type"]
    bits = []
    if kind == "drafted":
        number = f"letter {letter}: " if letter is not None else ""
        bits.append(f"{number}{e.get('kind', 'request')} letter drafted (template {e.get('template', '?')})")
        if e.get("sent_on"):
            bits.append(f"sent {e['sent_on']}")
    else:
        bits.append(kind)
    for key in ("via", "to", "outcome", "ref", "until", "amount"):
        if e.get(key):
            bits.append(f"{key} {e[key]}")
    if e.get("exemptions"):
        bits.append("exemptions " + ", ".join(e["exemptions"]))
    for att in e.get("attachments", ()):
        bits.append(f"file {att['name']} ({att['sha256'][:12]})")
    if e.get("note"):
        bits.append(f"“{e['note']}”")
    return f"{human(d):<16} " + "; ".join(bits)
