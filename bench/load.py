"""Many officials at once: page load and filter change for N concurrent sessions.

A light client speaks Streamlit's own protocol (``BackMsg``/``ForwardMsg`` protobufs over
``/_stcore/stream``; no browser). Each session, all N started at the same moment:

1. **load**: ``GET /`` (as a browser does first; behind nginx this sets the sticky
   ``kca_route`` cookie), open the websocket with that cookie, send ``rerun_script``
   with the page's query string, and wait for the map (the ``streamlit_folium``
   component's delta), then for the end of the run;
2. **filter**: send the program list's new value as a widget state (its id
   taken from the received deltas), with the query string the server last set and the
   hashes of the large messages already received (as the browser's message cache
   reports them), and wait for the new map, then for the end of the run.

A widget state, not a rerun with ``?program=...``: the page reads the query string
only on a session's first run (``ui.state.init_from_url``), so a new query string on
the same session changes nothing, and a new session is a page load, not a filter
change. The browser also fetches static files and the component's iframe; those are
static, cached and the same on every process, and not counted here.

Measured against one ``streamlit run app.py`` process and against nginx in front of
``KCA_LOAD_PROCESSES`` processes (default 2; ``deploy/cluster.py``), in the same run,
for ``KCA_LOAD_SESSIONS`` sessions (default ``1,10,50``). Memory is the RSS of the
server processes and their children (``/proc``) before, at the peak during, and
``SETTLE_S`` seconds after each round. CPU seconds of the servers and of this client
(which shares the cores) are reported per round, with the client's share.

Two throughputs, measured differently and named apart:

* **burst** (rows ``"name": "app_load"``, key ``throughput_replies_per_s``): all N round
  trips started at the same moment, replies over the burst's wall time (``wall_s``). The
  latency targets are defined on it ("all N at once"). With 50 sessions it lasts only
  1-2 s, so its throughput is dominated by the ramp-up and the tail (the last replies
  trickling in, one process finishing before the other), fixed costs that weigh most on
  the faster configuration; the summary still reports it (``speedup_by_sessions``).
* **steady** (rows ``"name": "app_load_steady"``, key ``steady_replies_per_s``): the
  standard closed loop of load tools (wrk, locust). For the largest N, N virtual users
  each repeat the same round trip (load, then filter) back to back; replies completed
  (map and end of the run) inside a window of ``KCA_LOAD_STEADY_S`` seconds (default
  :data:`STEADY_S`) after a warm-up of ``KCA_LOAD_WARMUP_S`` (default :data:`WARMUP_S`),
  divided by the window. Server CPU per reply and the client's CPU share are taken over
  the same window, and ``other_cpu_s``: CPU the machine (``machine_cpu_s``, all cores)
  spent on anything else in it (another benchmark or test run on the shared cores makes a
  window unrepresentative; near 0 it can be slightly negative, the counters being read a
  few milliseconds apart and rounded to clock ticks).
  The summary's ``steady_speedup`` (and ``ok_speedup``, issue #17's throughput target)
  compares these.

  Both configurations run side by side (the idle one uses no CPU) and their steady
  windows alternate, ``KCA_LOAD_STEADY_ROUNDS`` rounds (default :data:`ROUNDS`) in the
  order single, proxied | proxied, single | ...: this machine's speed drifts by tens of
  percent from one minute to the next (server CPU per reply of the same code 15-22 ms),
  so one window of each, a minute apart, compares two machines. Each round's proxied
  window is divided by the single one beside it, and ``steady_speedup`` is the median of
  those ratios.
"""

from __future__ import annotations

import asyncio
import csv
import math
import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Coroutine, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect

from bench.common import Row, median, num, prepared_settings
from deploy.cluster import ROOT, Cluster, cluster

T = TypeVar("T")

SESSIONS = (1, 10, 50)
"""Concurrent sessions per round, unless ``KCA_LOAD_SESSIONS`` says otherwise."""
PROCESSES = 2
"""App processes behind nginx, unless ``KCA_LOAD_PROCESSES`` says otherwise."""
PROGRAM = "sobujang"
"""The program the filter change selects (its Korean name is the widget's option)."""
PROGRAM_WIDGET = "view_programs_"
"""The program list's key prefix, part of its widget id."""
LIST_WIDGETS: dict[str, Callable[[Element], tuple[str, list[str]]]] = {
    "multiselect": lambda e: (e.multiselect.id, list(e.multiselect.options)),
    "button_group": lambda e: (e.button_group.id, [o.content for o in e.button_group.options]),
}
"""Element kind -> (widget id, option labels) of a list widget: the program list is pills
(a ``button_group``; issue #16), a multiselect before. Both take a string-array state."""
MAP_COMPONENT = "streamlit_folium.st_folium"
REPLY_TIMEOUT_S = 300.0
OPEN_TIMEOUT_S = 120.0
MAX_MESSAGE_BYTES = 64 * 2**20
SETTLE_S = 5.0
SAMPLE_S = 0.2
WARMUP_S = 3.0
"""Seconds of the steady loop before its measuring window, unless ``KCA_LOAD_WARMUP_S``."""
STEADY_S = 10.0
"""Seconds of the steady loop's measuring window, unless ``KCA_LOAD_STEADY_S``."""
ROUNDS = 3
"""Alternating steady windows of each configuration, unless ``KCA_LOAD_STEADY_ROUNDS``."""
TARGETS = {"filter_p95_s": 1.0, "load_p95_s": 3.0, "speedup": 1.6}
"""Issue #17: at the most sessions, one process; and nginx + 2 over one process."""


@dataclass(frozen=True)
class Reply:
    """One reply of the server to one request of a session.

    Attributes
    ----------
    map_s : float
        Seconds from the request until the map's delta arrived.
    done_s : float
        Seconds until the script run finished.
    nbytes : int
        Websocket payload bytes received for the reply.
    at : float
        ``time.perf_counter()`` when the run finished (places the reply in a window).
    """

    map_s: float
    done_s: float
    nbytes: int
    at: float = math.nan


@dataclass
class PageState:
    """What a browser page remembers between replies."""

    query: str
    cached: set[str] = field(default_factory=set)
    programs_id: str = ""
    programs_options: list[str] = field(default_factory=list)
    shown: str = ""
    """The page's count of shown clusters (its ``st.metric``), as last received."""


@dataclass(frozen=True)
class Trip:
    """One session's page load and filter change.

    Attributes
    ----------
    load, filter : Reply
        The two replies.
    query : str
        The query string the server set last (the view in the URL).
    shown : tuple of str
        Clusters shown after the load and after the filter change.
    """

    load: Reply
    filter: Reply
    query: str
    shown: tuple[str, str]


def program_label(program: str = PROGRAM) -> str:
    """The Korean name of ``program`` in ``data/programs.csv`` (the widget's option)."""
    with (ROOT / "data" / "programs.csv").open(encoding="utf-8") as fh:
        names = {row["id"]: row["name_ko"] for row in csv.DictReader(fh)}
    if program not in names:
        raise ValueError(f"program: one of {', '.join(names)}; got {program!r}")
    return names[program]


async def page_cookie(url: str) -> str | None:
    """``GET /`` like a browser's first request; the ``kca_route`` cookie it sets, if any."""
    parts = urlsplit(url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    try:
        request = f"GET / HTTP/1.1\r\nHost: {parts.netloc}\r\nConnection: close\r\n\r\n"
        writer.write(request.encode("ascii"))
        await writer.drain()
        head = (await reader.read()).split(b"\r\n\r\n", 1)[0].decode("latin-1")
    finally:
        writer.close()
    for line in head.split("\r\n")[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "set-cookie" and value.strip().startswith("kca_route="):
            return value.strip().split(";", 1)[0]
    return None


def note(msg: ForwardMsg, page: PageState) -> str:
    """Remember what the page keeps from ``msg``; return the new element's kind, or ''."""
    if msg.metadata.cacheable:
        page.cached.add(msg.hash)
    kind = msg.WhichOneof("type")
    if kind == "page_info_changed":
        page.query = msg.page_info_changed.query_string
    if kind != "delta" or msg.delta.WhichOneof("type") != "new_element":
        return ""
    element = msg.delta.new_element
    what = element.WhichOneof("type") or ""
    if what in LIST_WIDGETS:
        widget_id, options = LIST_WIDGETS[what](element)
        if PROGRAM_WIDGET in widget_id:
            page.programs_id, page.programs_options = widget_id, options
    if what == "metric":
        page.shown = element.metric.body
    if what == "exception":
        raise RuntimeError(f"the page raised: {element.exception.message}")
    if what == "component_instance" and element.component_instance.component_name == MAP_COMPONENT:
        return "map"
    return what


async def reply(ws: ClientConnection, page: PageState, start: float) -> Reply:
    """Receive until the script run ends; time the map and the end from ``start``."""
    nbytes, map_s = 0, float("nan")
    async with asyncio.timeout(REPLY_TIMEOUT_S):
        while True:
            data = await ws.recv(decode=False)
            nbytes += len(data)
            msg = ForwardMsg()
            msg.ParseFromString(data)
            if note(msg, page) == "map":
                map_s = time.perf_counter() - start
            if msg.WhichOneof("type") != "script_finished":
                continue
            status = msg.script_finished
            if status == ForwardMsg.FINISHED_SUCCESSFULLY:
                if math.isnan(map_s):
                    raise RuntimeError("the run finished without the map component")
                now = time.perf_counter()
                return Reply(map_s, now - start, nbytes, now)
            if status != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                raise RuntimeError(f"the run finished with status {status}")


def rerun(page: PageState, label: str | None) -> bytes:
    """The ``rerun_script`` message: the page's query, cached hashes, the program chosen."""
    msg = BackMsg()
    state = msg.rerun_script
    state.query_string = page.query
    state.cached_message_hashes.extend(sorted(page.cached))
    if label is not None:
        widget = state.widget_states.widgets.add()
        widget.id = page.programs_id
        widget.string_array_value.data.append(label)
    return msg.SerializeToString()


def option_of(options: Sequence[str], name: str) -> str:
    """The option of the program list that shows ``name`` (options read "name (count)").

    >>> option_of(["뿌리 (58)", "소부장 (10)"], "소부장")
    '소부장 (10)'
    """
    for option in options:
        if option == name or option.startswith(f"{name} ("):
            return option
    raise ValueError(f"program option: one of {list(options)}; got {name!r}")


async def round_trip(
    url: str, query: str = "", label: str | None = None, sink: list[Reply] | None = None
) -> Trip:
    """One session: page load, then a program filter change; both replies.

    Parameters
    ----------
    url : str
        The server (a process or nginx), ``http://host:port``.
    query : str
        The page's query string, without ``?``.
    label : str, optional
        The program option to select (default: :data:`PROGRAM`'s Korean name).
    sink : list of Reply, optional
        Each reply is appended here as soon as it is complete (a load counts even if the
        filter change after it fails).
    """
    done = sink if sink is not None else []
    label = label or program_label()
    page = PageState(query)
    start = time.perf_counter()
    cookie = await page_cookie(url)
    headers = {"Cookie": cookie} if cookie else None
    stream = "ws" + url.removeprefix("http") + "/_stcore/stream"
    async with connect(
        stream,
        subprotocols=["streamlit"],  # type: ignore[list-item]
        additional_headers=headers,
        max_size=MAX_MESSAGE_BYTES,
        open_timeout=OPEN_TIMEOUT_S,
        ping_interval=None,
        close_timeout=5,
    ) as ws:
        await ws.send(rerun(page, None))
        load = await reply(ws, page, start)
        done.append(load)
        shown = page.shown
        option = option_of(page.programs_options, label)
        start = time.perf_counter()
        await ws.send(rerun(page, option))
        changed = await reply(ws, page, start)
        done.append(changed)
    return Trip(load, changed, page.query, (shown, page.shown))


def process_tree(pids: Sequence[int]) -> set[int]:
    """``pids`` and all their living descendants (from ``/proc/*/stat``)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while we looked
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    tree = {pid for pid in pids if pid in parents}
    grew = True
    while grew:
        children = {pid for pid, ppid in parents.items() if ppid in tree} - tree
        tree |= children
        grew = bool(children)
    return tree


def cpu_s(pids: Sequence[int]) -> float:
    """CPU seconds (user + system) used so far by ``pids`` and their living descendants."""
    ticks = 0
    for pid in process_tree(pids):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15 of stat)
    return ticks / os.sysconf("SC_CLK_TCK")


def busy_s(stat: str) -> float:
    """CPU seconds the whole machine has been busy, from the text of ``/proc/stat``:
    user, nice, system, irq, softirq and steal of its first (``cpu``) line, all cores;
    not idle nor iowait."""
    fields = [int(v) for v in stat.split("\n", 1)[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def rss_mb(pids: Sequence[int]) -> float:
    """Resident memory of ``pids`` and their descendants, in MB (10^6 bytes)."""
    total_kb = 0
    for pid in process_tree(pids):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total_kb += int(line.split()[1])
    return total_kb * 1024 / 1e6


@contextmanager
def peak_memory(pids: Sequence[int]) -> Iterator[list[float]]:
    """Sample :func:`rss_mb` every ``SAMPLE_S`` on a thread; yields the samples list."""
    samples: list[float] = []
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            samples.append(rss_mb(pids))
            done.wait(SAMPLE_S)

    thread = threading.Thread(target=sample, name="kca-load-memory", daemon=True)
    thread.start()
    try:
        yield samples
    finally:
        done.set()
        thread.join()


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100) of ``values``, linear between ranks; NaN if empty."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


async def concurrent(url: str, sessions: int) -> tuple[list[Trip], list[str]]:
    """``sessions`` round trips started at once; the finished ones and the errors."""
    label = program_label()
    results = await asyncio.gather(
        *(round_trip(url, label=label) for _ in range(sessions)), return_exceptions=True
    )
    trips = [r for r in results if isinstance(r, Trip)]
    errors = [f"{type(r).__name__}: {r}" for r in results if isinstance(r, BaseException)]
    return trips, errors


def spread(access_log: Path, offset: int) -> dict[str, int]:
    """Websocket sessions per upstream in nginx's access log after byte ``offset``."""
    if not access_log.exists():
        return {}
    with access_log.open("rb") as fh:
        fh.seek(offset)
        lines = fh.read().decode("utf-8", "replace").splitlines()
    upstreams = (line.rsplit("upstream=", 1)[1] for line in lines if "GET /_stcore/stream" in line)
    return dict(Counter(upstreams))


def round_row(running: Cluster, config: str, sessions: int) -> Row:
    """Run one round of ``sessions`` against ``running``; its row."""
    log_offset = running.access_log.stat().st_size if running.access_log.exists() else 0
    before = rss_mb(running.pids)
    server_cpu, client_cpu = cpu_s(running.pids), time.process_time()
    with peak_memory(running.pids) as samples:
        start = time.perf_counter()
        trips, errors = run_async(concurrent(running.url, sessions))
        wall = time.perf_counter() - start
    server_cpu, client_cpu = cpu_s(running.pids) - server_cpu, time.process_time() - client_cpu
    time.sleep(SETTLE_S)
    after = rss_mb(running.pids)
    return {
        "name": "app_load",
        "config": config,
        "processes": len(running.backends),
        "sessions": sessions,
        **reply_stats(trips),
        "throughput_replies_per_s": num(2 * len(trips) / wall, 2),
        "wall_s": num(wall, 2),
        "memory_before_mb": num(before, 0),
        "memory_peak_mb": num(max(samples, default=before), 0),
        "memory_after_mb": num(after, 0),
        "memory_retained_mb": num(after - before, 0),
        **cpu_stats(server_cpu, client_cpu, 2 * len(trips)),
        "sessions_per_process": spread(running.access_log, log_offset),
        "errors": len(errors),
        "error_examples": sorted(set(errors))[:3],
    }


@dataclass(frozen=True)
class Steady:
    """What a steady closed loop saw: every completed reply, the errors, and the CPU
    counters at the window's start and end.

    Attributes
    ----------
    replies : list of Reply
        Every reply completed during the loop, inside the window or not.
    errors : list of str
        One per user that stopped on an error (a user stops at its first error).
    window : tuple of float
        ``time.perf_counter()`` at the window's start and end.
    server_cpu, client_cpu, machine_cpu : tuple of float
        CPU seconds of the servers, of this client and of the whole machine (busy, all
        cores) at the window's start and end.
    trips : int
        Round trips started.
    """

    replies: list[Reply]
    errors: list[str]
    window: tuple[float, float]
    server_cpu: tuple[float, float]
    client_cpu: tuple[float, float]
    machine_cpu: tuple[float, float]
    trips: int


def in_window(replies: Sequence[Reply], start: float, stop: float) -> list[Reply]:
    """The replies whose run finished in ``[start, stop)``.

    >>> [r.at for r in in_window([Reply(0.1, 0.2, 1, t) for t in (1, 2, 3)], 2, 3)]
    [2]
    """
    return [r for r in replies if start <= r.at < stop]


def per_second(replies: Sequence[Reply], start: float, stop: float) -> list[int]:
    """Replies finished in each second of ``[start, stop)`` (the last second may be
    partial): a steady window shows no trend.

    >>> per_second([Reply(0.1, 0.2, 1, t) for t in (0.5, 1.2, 1.9, 2.4, 3.0)], 0.0, 2.5)
    [1, 2, 1]
    """
    counts = [0] * math.ceil(stop - start)
    for r in in_window(replies, start, stop):
        counts[min(int(r.at - start), len(counts) - 1)] += 1
    return counts


async def cpu_at(when: float, pids: Sequence[int]) -> tuple[float, float, float]:
    """At ``time.perf_counter() == when``: CPU seconds of ``pids``, of this process and
    of the whole machine."""
    await asyncio.sleep(max(0.0, when - time.perf_counter()))
    client = time.process_time()
    machine = busy_s(Path("/proc/stat").read_text())
    return await asyncio.to_thread(cpu_s, pids), client, machine


async def steady(
    url: str, pids: Sequence[int], users: int, warmup_s: float, window_s: float
) -> Steady:
    """``users`` virtual users, each repeating :func:`round_trip` back to back.

    No user starts a round trip after the window's end; those running then are let
    finish (their replies fall after the window and are not counted in it). A user stops
    at its first error (reported; the loop then has one user fewer).
    """
    label = program_label()
    replies: list[Reply] = []
    started = [0]
    begin = time.perf_counter() + warmup_s
    stop = begin + window_s

    async def user() -> None:
        while time.perf_counter() < stop:
            started[0] += 1
            await round_trip(url, label=label, sink=replies)

    loop = asyncio.gather(*(user() for _ in range(users)), return_exceptions=True)
    first = await cpu_at(begin, pids)
    last = await cpu_at(stop, pids)
    results = await loop
    errors = [f"{type(r).__name__}: {r}" for r in results if isinstance(r, BaseException)]
    window = (begin, stop)
    server, client, machine = zip(first, last, strict=True)
    return Steady(replies, errors, window, server, client, machine, started[0])


def steady_stats(seen: Steady) -> Row:
    """Replies per second in the window, their latency, and CPU over the window."""
    begin, stop = seen.window
    counted = in_window(seen.replies, begin, stop)
    server = seen.server_cpu[1] - seen.server_cpu[0]
    client = seen.client_cpu[1] - seen.client_cpu[0]
    machine = seen.machine_cpu[1] - seen.machine_cpu[0]
    return {
        "replies_in_window": len(counted),
        "steady_replies_per_s": num(len(counted) / (stop - begin), 2),
        "window_map_p50_s": num(percentile([r.map_s for r in counted], 50), 2),
        "window_map_p95_s": num(percentile([r.map_s for r in counted], 95), 2),
        "window_replies_by_s": per_second(seen.replies, begin, stop),
        "replies_total": len(seen.replies),
        "round_trips_started": seen.trips,
        **cpu_stats(server, client, len(counted)),
        "machine_cpu_s": num(machine, 2),
        "other_cpu_s": num(machine - server - client, 2),
        "errors": len(seen.errors),
        "error_examples": sorted(set(seen.errors))[:3],
    }


def steady_row(running: Cluster, config: str, users: int, warmup_s: float, window_s: float) -> Row:
    """Run the steady closed loop of ``users`` against ``running``; its row."""
    log_offset = running.access_log.stat().st_size if running.access_log.exists() else 0
    before = rss_mb(running.pids)
    seen = run_async(steady(running.url, running.pids, users, warmup_s, window_s))
    return {
        "name": "app_load_steady",
        "config": config,
        "processes": len(running.backends),
        "sessions": users,
        "warmup_s": warmup_s,
        "window_s": window_s,
        **steady_stats(seen),
        "memory_before_mb": num(before, 0),
        "memory_after_mb": num(rss_mb(running.pids), 0),
        "sessions_per_process": spread(running.access_log, log_offset),
    }


def cpu_stats(server_s: float, client_s: float, replies: int) -> Row:
    """CPU seconds of the server processes and of this client during a round, the
    client's share of both (it runs on the same cores) and server CPU per reply.

    >>> cpu_stats(9.0, 1.0, 100)["client_cpu_share"]
    0.1
    """
    return {
        "server_cpu_s": num(server_s, 2),
        "client_cpu_s": num(client_s, 2),
        "client_cpu_share": num(client_s / (server_s + client_s), 3)
        if server_s + client_s > 0
        else None,
        "server_cpu_per_reply_ms": num(1000 * server_s / replies, 1) if replies else None,
    }


def reply_stats(trips: Sequence[Trip]) -> Row:
    """p50/p95 of load and filter replies (to the map and to the run's end), and bytes."""
    row: Row = {}
    for kind in ("load", "filter"):
        replies: list[Reply] = [getattr(trip, kind) for trip in trips]
        maps = [r.map_s for r in replies]
        row[f"{kind}_p50_s"] = num(percentile(maps, 50), 2)
        row[f"{kind}_p95_s"] = num(percentile(maps, 95), 2)
        row[f"{kind}_done_p95_s"] = num(percentile([r.done_s for r in replies], 95), 2)
        row[f"{kind}_bytes"] = int(percentile([r.nbytes for r in replies], 50)) if trips else None
    return row


def run_async(coro: Coroutine[Any, Any, T]) -> T:
    """Run ``coro`` to the end on a fresh event loop in its own thread.

    The caller's thread may already run a loop (Playwright's sync API does, in the same
    test process), where ``asyncio.run`` refuses to start.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def warm(running: Cluster) -> None:
    """One unmeasured round trip on every process, so each has loaded the atlas data."""
    for backend in running.backends:
        run_async(round_trip(backend))


def bursts(running: Cluster, config: str, sessions: Sequence[int]) -> list[Row]:
    """Warm ``running``, then one burst row per number of sessions."""
    warm(running)
    return [round_row(running, config, n) for n in sessions]


def steady_rounds(
    configs: Sequence[tuple[Cluster, str]], users: int, steady_s: tuple[float, float], rounds: int
) -> list[Row]:
    """``rounds`` steady windows of each configuration, alternating: the order of
    ``configs``, then reversed, then again (ABBA...), each row tagged with its round.

    The machine's speed drifts over minutes; windows side by side see the same machine.
    """
    rows: list[Row] = []
    for index in range(rounds):
        order = configs if index % 2 == 0 else list(reversed(configs))
        for running, config in order:
            rows.append({**steady_row(running, config, users, *steady_s), "round": index})
    return rows


def value(row: Row, key: str) -> float:
    """``row[key]`` as a float; NaN when it is missing or not a number."""
    found = row.get(key)
    return float(found) if isinstance(found, float | int) else float("nan")


def ratio(top: float, bottom: float) -> float | None:
    """``top / bottom``, or None when ``bottom`` is not a positive number."""
    return top / bottom if bottom > 0 and not math.isnan(top) else None


def round_ratios(rows: Sequence[Row]) -> list[float]:
    """Per round, the proxied window's replies per second over the single one's.

    >>> rows = [{"name": "app_load_steady", "config": c, "round": i, "steady_replies_per_s": r}
    ...         for i, c, r in [(0, "single", 40), (0, "nginx+2", 70), (1, "nginx+2", 90),
    ...                         (1, "single", 50), (2, "single", 30)]]
    >>> round_ratios(rows)
    [1.75, 1.8]
    """
    rate = "steady_replies_per_s"
    by_round: dict[object, dict[str, float]] = {}
    for row in rows:
        if row.get("name") == "app_load_steady":
            side = "single" if row["config"] == "single" else "proxied"
            by_round.setdefault(row.get("round", 0), {})[side] = value(row, rate)
    pairs = [
        ratio(got.get("proxied", math.nan), got.get("single", math.nan))
        for got in by_round.values()
    ]
    return [x for x in pairs if x is not None]


def steady_summary(rows: Sequence[Row]) -> Row:
    """The steady windows' replies per second (median per configuration), each round's
    ratio and their median (``steady_speedup``)."""
    steady = [r for r in rows if r.get("name") == "app_load_steady"]
    rate = "steady_replies_per_s"
    single = [value(r, rate) for r in steady if r["config"] == "single"]
    proxied = [value(r, rate) for r in steady if r["config"] != "single"]
    ratios = round_ratios(steady)
    return {
        "steady_sessions": steady[0].get("sessions") if steady else None,
        "steady_rounds": len(ratios),
        "steady_single_replies_per_s": num(median(single), 2) if single else None,
        "steady_proxied_replies_per_s": num(median(proxied), 2) if proxied else None,
        "steady_speedup_by_round": [num(x, 2) for x in ratios],
        "steady_speedup": num(median(ratios), 2) if ratios else None,
    }


def summary(rows: Sequence[Row], processes: int) -> Row:
    """Throughput of the proxied processes over one process; the targets.

    ``speedup_by_sessions`` compares the bursts (per N), ``steady_speedup`` the steady
    loops; ``ok_speedup`` is judged on the steady one (a burst of 50 lasts 1-2 s, so its
    throughput is mostly ramp-up and tail).
    """
    bursts = [r for r in rows if r.get("name", "app_load") == "app_load"]
    single = {int(value(r, "sessions")): r for r in bursts if r["config"] == "single"}
    proxied = {int(value(r, "sessions")): r for r in bursts if r["config"] != "single"}
    rate = "throughput_replies_per_s"
    speedup = {
        n: value(proxied[n], rate) / value(single[n], rate)
        for n in single
        if n in proxied and value(single[n], rate) > 0
    }
    most = max(single, default=0)
    top = single.get(most, {})
    steady = steady_summary(rows)
    return {
        "name": "app_load_summary",
        "processes": processes,
        "speedup_by_sessions": {str(n): num(x, 2) for n, x in speedup.items()},
        **steady,
        "sessions_at_target": most,
        "single_filter_p95_s": top.get("filter_p95_s"),
        "single_load_p95_s": top.get("load_p95_s"),
        "targets": TARGETS,
        "ok_filter": value(top, "filter_p95_s") <= TARGETS["filter_p95_s"],
        "ok_load": value(top, "load_p95_s") <= TARGETS["load_p95_s"],
        "ok_speedup": value(steady, "steady_speedup") >= TARGETS["speedup"],
    }


def settings_from_env() -> tuple[list[int], int]:
    """Sessions per round and proxied processes, from the environment or the defaults."""
    raw = os.environ.get("KCA_LOAD_SESSIONS", ",".join(map(str, SESSIONS)))
    try:
        sessions = [int(part) for part in raw.split(",") if part.strip()]
        processes = int(os.environ.get("KCA_LOAD_PROCESSES", str(PROCESSES)))
    except ValueError as exc:
        raise ValueError(
            "KCA_LOAD_SESSIONS: comma-separated positive integers (e.g. 1,10,50), "
            f"KCA_LOAD_PROCESSES: an integer ≥ 1; got {raw!r}, "
            f"{os.environ.get('KCA_LOAD_PROCESSES')!r}"
        ) from exc
    if not sessions or min(sessions) < 1 or processes < 1:
        raise ValueError(f"sessions ≥ 1 and processes ≥ 1; got {sessions}, {processes}")
    return sessions, processes


def steady_from_env() -> tuple[float, float]:
    """Warm-up and window seconds of the steady loop, from the environment or defaults."""
    raw = (os.environ.get("KCA_LOAD_WARMUP_S", ""), os.environ.get("KCA_LOAD_STEADY_S", ""))
    try:
        warmup = float(raw[0]) if raw[0].strip() else WARMUP_S
        window = float(raw[1]) if raw[1].strip() else STEADY_S
    except ValueError as exc:
        raise ValueError(
            "KCA_LOAD_WARMUP_S: seconds ≥ 0, KCA_LOAD_STEADY_S: seconds > 0; "
            f"got {raw[0]!r}, {raw[1]!r}"
        ) from exc
    if not (warmup >= 0 and window > 0) or math.isinf(warmup + window):
        raise ValueError(f"warm-up ≥ 0 s and window > 0 s, finite; got {warmup}, {window}")
    return warmup, window


def rounds_from_env() -> int:
    """Alternating steady rounds, from ``KCA_LOAD_STEADY_ROUNDS`` or :data:`ROUNDS`."""
    raw = os.environ.get("KCA_LOAD_STEADY_ROUNDS", "").strip()
    try:
        rounds = int(raw) if raw else ROUNDS
    except ValueError as exc:
        raise ValueError(f"KCA_LOAD_STEADY_ROUNDS: an integer ≥ 1; got {raw!r}") from exc
    if rounds < 1:
        raise ValueError(f"KCA_LOAD_STEADY_ROUNDS: an integer ≥ 1; got {rounds}")
    return rounds


def app_load() -> list[Row]:
    """Load and filter latency, bytes and memory: one process, then nginx + processes;
    then alternating steady windows of both (:func:`steady_rounds`)."""
    sessions, processes = settings_from_env()
    steady_s, rounds = steady_from_env(), rounds_from_env()
    with prepared_settings() as settings:
        env = {"KCA_CACHE_DIR": str(settings.cache_dir), "KCA_OFFLINE": "1"}
        with cluster(1, env=env, proxy=False) as single, cluster(processes, env=env) as proxied:
            configs = [(single, "single"), (proxied, f"nginx+{processes}")]
            rows = [row for running, config in configs for row in bursts(running, config, sessions)]
            rows += steady_rounds(configs, max(sessions), steady_s, rounds)
    return [*rows, summary(rows, processes)]


__all__ = [
    "Reply",
    "Trip",
    "app_load",
    "cpu_s",
    "cpu_stats",
    "in_window",
    "per_second",
    "percentile",
    "program_label",
    "round_trip",
    "rss_mb",
    "steady",
    "steady_rounds",
]
