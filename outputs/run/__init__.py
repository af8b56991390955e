"""Running a batch: each document through every stage in its own bounded process, then the tables published."""
