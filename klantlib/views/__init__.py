"""Presentation: plots and widgets per model, kept apart from the computing code."""
