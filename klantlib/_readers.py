"""Placeholder: being written (read_table)."""


def read_table(source, *, required_columns=None):
    raise NotImplementedError
