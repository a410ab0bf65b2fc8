"""``python -m frontlines``: the same CLI as the ``frontlines`` command, for environments without the script."""

from frontlines.cli import main

main()
