"""`foi templates`: the letter templates, shipped and your own."""

from __future__ import annotations

import click

from .common import emit_json, pass_app, print_table


@click.group()
def templates():
    """List and show letter templates.

    Your own templates go in the folder given by --templates (or
    FOI_TEMPLATES, or `templates` in your foi app folder); one with the name
    of a shipped template replaces it.

    \b
    Examples:
      foi templates list
      foi templates show hiu-scheme
    """


@templates.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="As JSON.")
@pass_app
def list_(app, as_json):
    """List the templates you can draft from.

    \b
    Example:
      foi templates list
    """
    from ..letters import list_templates

    infos = list_templates(app.templates_dir)
    if as_json:
        emit_json(
            [
                {
                    "name": i.name,
                    "description": i.description,
                    "kind": i.kind,
                    "regime": i.regime,
                    "source": i.source,
                    "path": str(i.path),
                }
                for i in infos
            ]
        )
        return
    print_table(
        ["name", "kind", "law", "source", "description"],
        [[i.name, i.kind, i.regime, i.source, i.description] for i in infos],
    )


@templates.command()
@click.argument("name")
@pass_app
def show(app, name):
    """Print a template's source, to copy into your own folder and change.

    \b
    Example:
      foi templates show foi > ~/.config/foi/templates/foi.txt.j2
    """
    from ..letters import template_source

    click.echo(template_source(name, app.templates_dir), nl=False)
