"""Tables that only lay out a page: the header (issuing body beside the national motto, number beside the
place-and-date line) and the signature block (recipients beside the signer). Their cells are read one after
another in reading order, each paragraph on its own line, as the page reads; tables of data keep one line
per row with tab-separated cells."""
from __future__ import annotations

from collections.abc import Sequence

# A header or signature block has two columns side by side and a row or two; a table of data is wider or longer.
MAX_LAYOUT_COLUMNS = 2
MAX_LAYOUT_ROWS = 3


def is_layout_table(rows: Sequence[Sequence[object]]) -> bool:
    return 0 < len(rows) <= MAX_LAYOUT_ROWS and max(len(row) for row in rows) <= MAX_LAYOUT_COLUMNS
