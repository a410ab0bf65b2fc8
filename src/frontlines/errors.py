"""Errors users see. Each message is one line: the input, then the reason."""

from __future__ import annotations


class FrontlinesError(Exception):
    """An error to show the user as one line, without a traceback."""


class BadInput(FrontlinesError):
    """An input that cannot be read. It is quarantined with ``reason``; the batch goes on."""

    def __init__(self, input_name: str, reason: str, detail: str | None = None):
        self.input_name = input_name
        self.reason = reason
        self.detail = detail
        super().__init__(f"{input_name}: {reason}")
