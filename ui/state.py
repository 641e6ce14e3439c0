"""The view state in widgets and in the URL query string, kept in step."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, fields
from typing import Any, NotRequired, TypedDict

import streamlit as st

from layers.atlas import AtlasData
from layers.view import View, view_from_query, view_to_query
from ui import viewcache

PREFIX = "view_"


def allowed_values(data: AtlasData) -> dict[str, tuple[str, ...]]:
    """Values the data admits for the view's data-dependent fields."""
    return viewcache.allowed_view_values(data)  # once per atlas


URL_PROBLEMS = f"{PREFIX}url_problems"
"""Session key: what was wrong with the link the session started from."""


def init_from_url(data: AtlasData) -> list[str]:
    """On a session's first run, seed the widgets from the URL. Returns the URL's
    problems on every run of the session: the map's first report reruns the page at
    once, and a warning shown only on the first run would vanish before it is read."""
    if st.session_state.get(f"{PREFIX}ready"):
        return list(st.session_state.get(URL_PROBLEMS, []))
    query = {name: st.query_params[name] for name in st.query_params}
    view, problems = view_from_query(query, allowed_values(data))
    for name, value in asdict(view).items():
        st.session_state[PREFIX + name] = list(value) if isinstance(value, tuple) else value
    st.session_state[f"{PREFIX}ready"] = True
    st.session_state[URL_PROBLEMS] = problems
    return problems


LABELLED = ("programs", "industries", "sido", "layer", "level", "scheme")
"""View fields whose widgets show options in the page's language."""


def widget_key(name: str, lang: str) -> str:
    """The key of the widget editing view field ``name`` in language ``lang``.

    Streamlit's option widgets send back the *shown* label, so a widget whose labels
    change with the language must be a new widget per language; the view itself
    stays under ``PREFIX + name`` and survives a language switch.
    """
    return f"{PREFIX}{name}_{lang}" if name in LABELLED else PREFIX + name


def _store(name: str, key: str) -> None:
    st.session_state[PREFIX + name] = st.session_state[key]


class Binding(TypedDict):
    """Keyword arguments binding a widget to a view field (see :func:`bind`)."""

    key: str
    on_change: NotRequired[Callable[[str, str], None]]
    args: NotRequired[tuple[str, str]]


def bind(name: str, lang: str) -> Binding:
    """``key``, ``on_change`` and ``args`` for the widget of view field ``name``.

    The widget starts from the view's current value and writes changes back to it.
    """
    key = widget_key(name, lang)
    if key != PREFIX + name:
        st.session_state[key] = st.session_state.get(PREFIX + name)
        return {"key": key, "on_change": _store, "args": (name, key)}
    return {"key": key}


def current_view() -> View:
    """The view as the widgets hold it now."""
    values: dict[str, Any] = {}
    for f in fields(View):
        value = st.session_state.get(PREFIX + f.name, getattr(View(), f.name))
        values[f.name] = tuple(value) if isinstance(value, list) else value
    return View(**values)


def write_url(view: View) -> None:
    """Put the view in the URL so a link reproduces it."""
    query = view_to_query(view)
    if dict(st.query_params) != query:
        st.query_params.from_dict(query)
