"""`foi chase`, `foi review`, `foi complain`: draft the next letter."""

from __future__ import annotations

import click

from ..app import drafting, selection, timeline
from ..errors import UsageError
from ..vocab import Event
from .common import (
    REQUEST_ID,
    REQUEST_IDS,
    edit_text,
    emit_json,
    flat_ids,
    id_list,
    info,
    is_terminal,
    letters_folder,
    pass_app,
    warn,
)

DEFAULT_GROUNDS = {
    "review": (
        "I am not satisfied with the way my request was handled. Please look again at the whole "
        "response, including whether any information withheld should be released and whether all "
        "the information I asked for has been found."
    ),
    "complaint": "I am not satisfied with the way my request has been handled.",
}


def _prepare(app, store, ids, action, grounds, again) -> list[tuple[dict, str, str]]:
    """Check each follow-up makes sense now and render it: (request, kind, letter)."""
    from .. import letters
    from ..domain.followups import TEMPLATES, already_drafted, decide, letter_facts
    from ..domain.law import law_for

    calendars = app.calendars(store)
    config = app.settings(store)
    auths = app.authorities(store)
    prepared = []
    for rid in dict.fromkeys(ids):
        req = store.get_request(rid)
        kind, a = decide(req, action, app.today, calendars)
        prior = already_drafted(req, kind)
        if prior is not None and not again:
            raise UsageError(
                f"a {kind} letter for request {rid} was already drafted on {prior['date']}",
                f"see it with `foi show {rid}`; use --again to draft another",
            )
        auth = auths.get(req["authority_id"]) or {
            "id": req["authority_id"],
            "name": req["authority_name"],
            "regime": req["regime"],
            "nation": req.get("nation"),
        }
        context = {
            "requester": drafting.requester_of(req, config),
            "authority": drafting.authority_context(auth),
            "regime": req["regime"],
            "law": law_for(req["regime"]),
            "today": app.today,
            "subject": req.get("subject", ""),
            "campaign": req.get("campaign") or "",
            "body": "",
            "vars": dict(req.get("vars") or {}),
            # no default for a review of a response never given: the template
            # then says "You have not responded to my request within the time limit."
            "grounds": grounds or ("" if kind == "review" and not a.answered else DEFAULT_GROUNDS.get(kind, "")),
            "request": letter_facts(req, a, grounds or ""),
        }
        context.update({k: v for k, v in context["vars"].items() if k not in context})
        prepared.append((req, kind, letters.render(TEMPLATES[kind], context, app.templates_dir)))
    return prepared


def _record(app, store, prepared) -> list[tuple[dict, str, str]]:
    """Add each letter to its request's timeline as a draft."""
    from ..domain.followups import TEMPLATES

    drafted, updated = [], []
    for req, kind, text in prepared:
        event = {
            "type": Event.DRAFTED,
            "date": app.today.isoformat(),
            "kind": kind,
            "template": TEMPLATES[kind],
            "letter": text,
        }
        new = timeline.add_event(req, event, app.today)
        updated.append(new)
        drafted.append((new, kind, text))
    store.update_requests(updated)
    return drafted


def _draft_followups(app, ids, action, grounds, again, out, edit, as_json):
    folder = letters_folder(out)
    if edit:
        # $EDITOR is opened without the store's lock (other writers would wait
        # on a person); the checks are made again under the lock before storing
        edited = {req["id"]: edit_text(text) for req, _, text in _prepare(app, app.read(), ids, action, grounds, again)}
        with app.write() as store:
            fresh = _prepare(app, store, ids, action, grounds, again)
            drafted = _record(app, store, [(req, kind, edited[req["id"]]) for req, kind, _ in fresh])
    else:
        with app.write() as store:
            drafted = _record(app, store, _prepare(app, store, ids, action, grounds, again))
    if folder is not None:
        from ..store import write_private

        for req, kind, text in drafted:
            write_private(folder / f"{req['id']}-{kind}.txt", text.encode("utf-8"))
    if as_json:
        emit_json(
            [{"id": r["id"], "authority": r["authority_name"], "letter_kind": k, "letter": t} for r, k, t in drafted]
        )
        return
    for req, kind, text in drafted:
        if not out:
            if len(drafted) > 1:
                rule = "=" * 72
                click.echo(f"{rule}\n{req['id']}: {req['authority_name']} ({kind})\n{rule}")
            click.echo(text.rstrip() + "\n")
    ids_text = id_list(r["id"] for r, _, _ in drafted)
    info(
        f"drafted {len(drafted)} {drafted[0][1]} letter{'s' if len(drafted) > 1 else ''}"
        + (f" in {out}/" if out else "")
        + f"; when sent, record it: foi send {ids_text}"
    )
    if not grounds and action in ("review", "complain"):
        warn("no --grounds given: the letter uses a general sentence; say why in your own words for a stronger case")


_COMMON = [
    click.option("--again", is_flag=True, help="Draft even if one was already drafted for this stage."),
    click.option("--out", type=click.Path(file_okay=False), help="Write the letters to DIR/<id>-<kind>.txt."),
    click.option("--edit", is_flag=True, help="Open $EDITOR on each letter before storing it."),
    click.option("--json", "as_json", is_flag=True, help="Print the letters as JSON."),
]


def _with_common(f):
    for opt in reversed(_COMMON):
        f = opt(f)
    return f


@click.command()
@click.argument("ids", nargs=-1, type=REQUEST_IDS)
@click.option("--all-overdue", is_flag=True, help="Every request whose response or review is overdue.")
@click.option("--campaign", "-c", help="With --all-overdue: only this campaign.")
@_with_common
@pass_app
def chase(app, ids, all_overdue, campaign, again, out, edit, as_json):
    """Draft a chaser for a late response (or a late internal review).

    Cites the time limit of the request's law (FOIA s.10, FOISA s.10, EIR
    reg 5(2), UK GDPR Art. 12(3)), the dates and the working days late.

    \b
    Examples:
      foi chase 12
      foi chase --all-overdue --campaign hiu --out letters/
    """
    ids = flat_ids(ids)
    if all_overdue:
        if ids:
            raise UsageError("give request ids or --all-overdue, not both")
        from ..domain.attention import attention

        store = app.read()
        requests = store.requests()
        selection.check_campaign(requests, campaign)
        items = attention(requests, app.today, app.calendars(store), 0, campaign)
        chased = {i.id for i in items if i.kind in ("response-overdue", "review-overdue")}
        # leave out those already chased in this stage (unless --again)
        from ..domain.followups import already_drafted

        reqs = {r["id"]: r for r in requests if r["id"] in chased}
        ids = tuple(
            sorted(
                i
                for i in chased
                if again or not (already_drafted(reqs[i], "chaser") or already_drafted(reqs[i], "review-chaser"))
            )
        )
        if not ids:
            if chased:
                who = (
                    f"request {min(chased)} already has"
                    if len(chased) == 1
                    else f"the {len(chased)} overdue requests already have"
                )
                info(
                    f"nothing new to chase: {who} a chaser drafted "
                    "(`foi overdue` says what is next; --again drafts another)"
                )
            else:
                info("nothing overdue to chase")
            return
    elif not ids:
        raise UsageError("which request?", "give its id (see `foi overdue`), or --all-overdue")
    _draft_followups(app, ids, "chase", None, again, out, edit, as_json)


@click.command()
@click.argument("rid", metavar="ID", type=REQUEST_ID)
@click.option("--grounds", help="Why you want a review (default: opens $EDITOR on a terminal).")
@_with_common
@pass_app
def review(app, rid, grounds, again, out, edit, as_json):
    """Draft a request for an internal review.

    Uses the right provision for the law (FOIA s.45 Code of Practice, FOISA
    s.20, EIR reg 11, EISR reg 16; for subject access, the DPO) and lists
    the exemptions the authority cited.

    \b
    Examples:
      foi review 12 --grounds "The public interest in police involvement in care outweighs s.31."
      foi review 12          # opens your editor for the grounds
    """
    grounds = _grounds(grounds, "Why should the response be reviewed? (the exemptions cited, what is missing)")
    _draft_followups(app, (rid,), "review", grounds, again, out, edit, as_json)


@click.command()
@click.argument("rid", metavar="ID", type=REQUEST_ID)
@click.option("--grounds", help="What you complain about (default: opens $EDITOR on a terminal).")
@_with_common
@pass_app
def complain(app, rid, grounds, again, out, edit, as_json):
    """Draft a complaint to the ICO, or an application to the Scottish Information Commissioner.

    FOIA s.50 / EIR reg 18 (ICO) or FOISA s.47 / EISR reg 17 (Scottish
    Information Commissioner), with the request's whole timeline.

    \b
    Examples:
      foi complain 12 --grounds "The review upheld s.31 without weighing the public interest."
      foi complain 12 --out letters/
    """
    grounds = _grounds(grounds, "What is wrong with how the request was handled?")
    _draft_followups(app, (rid,), "complain", grounds, again, out, edit, as_json)


def _grounds(grounds: str | None, prompt: str) -> str | None:
    if grounds is not None:
        return grounds.strip() or None
    if not is_terminal() or not is_terminal(click.get_text_stream("stdin")):
        return None
    text = click.edit(f"\n# {prompt}\n# Lines starting with # are ignored.\n", extension=".txt")
    if text is None:
        return None
    body = "\n".join(l for l in text.splitlines() if not l.startswith("#")).strip()
    return body or None
