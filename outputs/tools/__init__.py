"""Tools over finished tables: review pages and sheets, diffs, charts, the data dictionary, queries."""
