"""Errors the app shows to people, with what went wrong and how to fix it."""

from __future__ import annotations


class BoundaryDataError(RuntimeError):
    """Boundary files are missing, corrupt or unreadable.

    The message is meant for the user: it names the file, the places looked in and
    what to do next. Callers show it as it is instead of a traceback.
    """


class BilingualError(Exception):
    """An error whose reason is given in English (``en``) and Korean (``ko``).

    ``str(error)`` is the English text; callers that show both languages read ``en``
    and ``ko``.

    >>> error = BilingualError("bad", "나쁨")
    >>> str(error), error.ko, error.both()
    ('bad', '나쁨', 'bad / 나쁨')
    """

    def __init__(self, en: str, ko: str) -> None:
        super().__init__(en)
        self.en, self.ko = en, ko

    def both(self) -> str:
        """English and Korean on one line."""
        return f"{self.en} / {self.ko}"
