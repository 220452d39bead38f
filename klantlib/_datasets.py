"""Placeholder: being written (shipped datasets)."""
DATASETS: dict = {}


def list_datasets():
    raise NotImplementedError


def load_dataset(name):
    raise NotImplementedError
