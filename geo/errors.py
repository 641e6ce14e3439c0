"""Errors the app shows to people, with what went wrong and how to fix it."""


class BoundaryDataError(RuntimeError):
    """Boundary files are missing, corrupt or unreadable.

    The message is meant for the user: it names the file, the places looked in and
    what to do next. Callers show it as it is instead of a traceback.
    """
