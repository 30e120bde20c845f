"""Many documents at once: any executor, one result per input, atomic outputs, mail-merge.

- :mod:`.runner` — :func:`render_many`, its workers and their LibreOffice, :class:`BatchResult`;
- :mod:`.inputs` — :func:`collect_inputs`: files, folders and globs;
- :mod:`.merge` — mail-merge: :func:`merge`, field paths, safe file names;
- :mod:`.tables` — :func:`read_table`: the rows of a .csv or .xlsx table;
- :mod:`.command` — what ``roadmapdocs batch`` does, with its progress and summary.
"""

from roadmapdocs.batch.inputs import collect_inputs
from roadmapdocs.batch.merge import field_paths, merge, safe_filename
from roadmapdocs.batch.runner import BatchResult, Item, ignore_interrupts, render_many
from roadmapdocs.batch.tables import read_table

__all__ = [
    "BatchResult",
    "Item",
    "collect_inputs",
    "field_paths",
    "ignore_interrupts",
    "merge",
    "read_table",
    "render_many",
    "safe_filename",
]
