"""``python -m roadmapdocs``: the command line, where the ``roadmapdocs`` script is not on PATH."""

from roadmapdocs.cli import main

main(prog_name="roadmapdocs")
