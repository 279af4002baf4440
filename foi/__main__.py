"""``python -m foi``: the same as the ``foi`` command (git's merge driver
runs foi this way when it was not started as a ``foi`` script)."""

from .cli import main

main()
