"""The errors kg reports to users.

Every failure a user can cause (bad data, bad RDF, bad query, bad path) is a
``KgError``; the CLI prints its one-line message and exits with its code, so a
traceback always means a bug in kg itself.
"""

from __future__ import annotations


class KgError(Exception):
    """A failure caused by input, with a one-line message and an exit code."""

    exit_code = 2

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None):
        self.message = message
        self.where = where
        self.hint = hint
        super().__init__(self.line())

    def line(self) -> str:
        """The message as one line: where, what is wrong, what to do."""
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.hint:
            text += f" ({self.hint})"
        return " ".join(text.split())

    def __reduce__(self):
        """Pickled whole (message, where, hint and any fields), so an error raised in a query's child
        process (kg.limits) reaches the CLI as it was raised."""
        return (_restore, (type(self), self.__dict__))


def _restore(cls: type, state: dict) -> KgError:
    error = cls.__new__(cls)
    error.__dict__.update(state)
    Exception.__init__(error, error.line())
    return error


class InputError(KgError):
    """A data, RDF, query or option the user gave cannot be used."""


class NetworkRefused(InputError):
    """A file asked kg to fetch something from the network without --allow-network."""


class NotConformant(KgError):
    """The graph was read but does not conform to the SHACL shapes."""

    exit_code = 1

    def __init__(self, message: str, violations: list | None = None):
        super().__init__(message)
        self.violations = violations or []
