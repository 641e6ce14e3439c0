"""Many users at once: the nginx cluster (deploy/cluster.py) and the load benchmark client.

Unit tier: the rendered nginx configuration, percentiles, memory of a process tree, the
benchmark's settings, its steady-state window and summary. Integration tier: nginx accepts
the configuration, and the benchmark client completes a page load and a filter change
against one process, once and in a short steady loop.
E2E tier: two processes behind nginx, the page loaded through the proxy in Chromium.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pytest

from bench import BENCHMARKS
from bench import load as bench_load
from bench.load import (
    Reply,
    Steady,
    in_window,
    percentile,
    program_label,
    round_trip,
    rss_mb,
    steady_stats,
    summary,
)
from deploy.cluster import Cluster, cluster, nginx_binary, render_config
from geo.settings import Settings

if TYPE_CHECKING:
    from playwright.sync_api import Page

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
REGION_PATHS = "path.kca-region"


def app_env(settings: Settings) -> dict[str, str]:
    return {"KCA_CACHE_DIR": str(settings.cache_dir), "KCA_OFFLINE": "1"}


def test_config_routes_by_cookie_and_upgrades_websockets(tmp_path: Path) -> None:
    text = render_config(8600, [9001, 9002], tmp_path, as_root=False)
    conf = "\n".join(line.split("#", 1)[0] for line in text.splitlines())  # no comments
    assert "{{" not in conf
    assert "listen 127.0.0.1:8600;" in conf
    assert "server 127.0.0.1:9001" in conf and "server 127.0.0.1:9002" in conf
    # sticky on the browser's cookie, which names the process the pool chose for it
    assert "map $cookie_kca_route $kca_pool" in conf
    assert "p0 kca_p0;" in conf and "p1 kca_p1;" in conf
    assert "proxy_pass http://$kca_pool;" in conf
    assert "upstream kca_any {\n        least_conn;" in conf
    p0 = "upstream kca_p0 {\n        server 127.0.0.1:9001;\n        server 127.0.0.1:9002 backup;"
    assert p0 in conf
    assert "add_header Set-Cookie $kca_set_cookie;" in conf
    assert "ip_hash" not in conf and "$remote_port" not in conf
    # websocket upgrade and a long-lived session
    assert "proxy_http_version 1.1;" in conf
    assert "proxy_set_header Upgrade $http_upgrade;" in conf
    assert "proxy_set_header Connection $connection_upgrade;" in conf
    assert "proxy_read_timeout 1h;" in conf
    # own pid and logs, foreground, uploads up to the app's 50 MB
    assert f"pid {tmp_path}/nginx.pid;" in conf and "daemon off;" in conf
    assert "client_max_body_size 60m;" in conf
    assert "user " not in conf.split("events")[0]
    assert "user nobody nogroup;" in render_config(8600, [9001], tmp_path, as_root=True)


def test_config_needs_a_backend(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least one app port"):
        render_config(8600, [], tmp_path, as_root=False)


def test_cluster_refuses_zero_processes() -> None:
    with pytest.raises(ValueError, match="got 0"), cluster(0):
        pass


def test_percentile_interpolates_between_ranks() -> None:
    assert percentile([4.0, 1.0, 3.0, 2.0], 50) == 2.5
    assert percentile([float(v) for v in range(1, 21)], 95) == pytest.approx(19.05)
    assert percentile([7.0], 95) == 7.0
    assert math.isnan(percentile([], 50))


def test_filter_selects_the_program_by_its_korean_name() -> None:
    assert program_label("sobujang") == "소재·부품·장비 특화단지"
    with pytest.raises(ValueError, match=r"root_industry.*got 'nope'"):
        program_label("nope")


def test_memory_counts_the_child_processes() -> None:
    before = rss_mb([os.getpid()])
    code = "import time; b = bytearray(80_000_000); b[::4096] = b'x' * 19532; time.sleep(60)"
    child = subprocess.Popen([sys.executable, "-c", code])
    try:
        deadline = time.monotonic() + 30
        while rss_mb([child.pid]) < 80 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert rss_mb([child.pid]) >= 80
        assert rss_mb([os.getpid()]) >= before + 70  # the child is in this process's tree
    finally:
        child.kill()
        child.wait()
    assert rss_mb([child.pid]) == 0  # ended: nothing left to count


def test_sessions_and_processes_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KCA_LOAD_SESSIONS", "2,5")
    monkeypatch.setenv("KCA_LOAD_PROCESSES", "3")
    assert bench_load.settings_from_env() == ([2, 5], 3)
    monkeypatch.setenv("KCA_LOAD_SESSIONS", "two")
    with pytest.raises(ValueError, match=r"KCA_LOAD_SESSIONS.*'two'"):
        bench_load.settings_from_env()
    monkeypatch.setenv("KCA_LOAD_SESSIONS", "0")
    with pytest.raises(ValueError, match=r"got \[0\]"):
        bench_load.settings_from_env()


def test_summary_compares_throughput_at_the_same_sessions() -> None:
    rows: list[dict[str, object]] = [
        {
            "config": "single",
            "sessions": 50,
            "throughput_replies_per_s": 2.0,
            "filter_p95_s": 0.9,
            "load_p95_s": 3.5,
        },
        {"config": "nginx+2", "sessions": 50, "throughput_replies_per_s": 3.4},
        steady_of("single", 40.0),
        steady_of("nginx+2", 68.0),
    ]
    row = summary(rows, 2)
    assert row["speedup_by_sessions"] == {"50": 1.7}
    assert row["steady_speedup"] == 1.7 and row["steady_sessions"] == 50
    assert (row["ok_speedup"], row["ok_filter"], row["ok_load"]) == (True, True, False)


def steady_of(config: str, rate: float) -> dict[str, object]:
    return {
        "name": "app_load_steady",
        "config": config,
        "sessions": 50,
        "steady_replies_per_s": rate,
    }


def test_throughput_target_is_judged_on_the_steady_loop_not_the_burst() -> None:
    bursts: list[dict[str, object]] = [
        {"config": "single", "sessions": 50, "throughput_replies_per_s": 50.0},
        {"config": "nginx+2", "sessions": 50, "throughput_replies_per_s": 70.0},
    ]
    row = summary([*bursts, steady_of("single", 60.0), steady_of("nginx+2", 102.0)], 2)
    assert row["speedup_by_sessions"] == {"50": 1.4}  # the short burst: ramp-up and tail
    assert (row["steady_speedup"], row["ok_speedup"]) == (1.7, True)
    row = summary([*bursts, steady_of("single", 60.0), steady_of("nginx+2", 90.0)], 2)
    assert (row["steady_speedup"], row["ok_speedup"]) == (1.5, False)
    row = summary(bursts, 2)  # no steady loop measured: the target is not met
    assert (row["steady_speedup"], row["ok_speedup"]) == (None, False)


def test_speedup_is_the_median_of_each_rounds_ratio_of_windows_side_by_side() -> None:
    # the machine drifts: round 1 is slow for both, round 2 fast for both; each round's
    # proxied window is divided by the single window beside it
    windows = [(0, "single", 50.0), (0, "nginx+2", 80.0), (1, "nginx+2", 45.0)]
    windows += [(1, "single", 30.0), (2, "single", 70.0), (2, "nginx+2", 112.0)]
    rows: list[dict[str, object]] = [
        {**steady_of(config, rate), "round": index} for index, config, rate in windows
    ]
    row = summary(rows, 2)
    assert row["steady_speedup_by_round"] == [1.6, 1.5, 1.6]
    assert row["steady_speedup"] == 1.6 and row["ok_speedup"] is True
    assert (row["steady_single_replies_per_s"], row["steady_proxied_replies_per_s"]) == (50, 80)
    assert row["steady_rounds"] == 3
    half = summary(rows[:3], 2)  # round 1 lacks its single window: not a ratio
    assert half["steady_speedup_by_round"] == [1.6] and half["steady_rounds"] == 1


def test_steady_rounds_alternate_so_neither_configuration_always_goes_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    order: list[str] = []

    def fake_row(running: object, config: str, users: int, *window: float) -> dict[str, object]:
        order.append(config)
        return steady_of(config, 1.0)

    monkeypatch.setattr(bench_load, "steady_row", fake_row)
    a, b = cast("Cluster", object()), cast("Cluster", object())
    rows = bench_load.steady_rounds([(a, "single"), (b, "nginx+2")], 50, (3.0, 10.0), 3)
    assert order == ["single", "nginx+2", "nginx+2", "single", "single", "nginx+2"]
    assert [row["round"] for row in rows] == [0, 0, 1, 1, 2, 2]


def test_steady_rounds_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KCA_LOAD_STEADY_ROUNDS", raising=False)
    assert bench_load.rounds_from_env() == bench_load.ROUNDS
    monkeypatch.setenv("KCA_LOAD_STEADY_ROUNDS", "5")
    assert bench_load.rounds_from_env() == 5
    for bad in ("two", "0"):
        monkeypatch.setenv("KCA_LOAD_STEADY_ROUNDS", bad)
        with pytest.raises(ValueError, match=r"KCA_LOAD_STEADY_ROUNDS: an integer ≥ 1; got"):
            bench_load.rounds_from_env()


def test_steady_counts_only_replies_finished_inside_the_window() -> None:
    ends = [9.0, 9.99, 10.0, 12.5, 14.99, 15.0, 16.0]  # window [10, 15): warm-up before
    replies = [Reply(0.3, 0.5, 1000, at) for at in ends]
    assert [r.at for r in in_window(replies, 10.0, 15.0)] == [10.0, 12.5, 14.99]
    window, server, client, machine = (10.0, 15.0), (100.0, 101.5), (3.0, 3.5), (50.0, 54.0)
    seen = Steady(replies, ["OSError: refused"], window, server, client, machine, trips=4)
    row = steady_stats(seen)
    assert row["replies_in_window"] == 3 and row["replies_total"] == 7
    assert row["steady_replies_per_s"] == 0.6  # 3 replies in 5 s
    assert row["server_cpu_per_reply_ms"] == 500.0  # 1.5 s of server CPU, 3 replies
    assert row["client_cpu_share"] == 0.25
    assert row["machine_cpu_s"] == 4.0
    assert row["other_cpu_s"] == 2.0  # 4 s busy on the machine, 2 s of it server and client
    assert (row["errors"], row["error_examples"]) == (1, ["OSError: refused"])
    assert row["round_trips_started"] == 4
    assert row["window_replies_by_s"] == [1, 0, 1, 0, 1]  # at 10.0, 12.5 and 14.99
    nothing = (0.0, 0.0)
    empty = steady_stats(Steady([], [], window, nothing, nothing, nothing, trips=0))
    assert empty["steady_replies_per_s"] == 0.0 and empty["server_cpu_per_reply_ms"] is None


def test_machine_cpu_counts_busy_time_of_all_cores_but_idle_and_iowait() -> None:
    tick = 1 / os.sysconf("SC_CLK_TCK")
    stat = "cpu  100 2 50 900 10 3 5 7 0 0\ncpu0 50 1 25 450 5 1 2 3 0 0\n"
    assert bench_load.busy_s(stat) == pytest.approx((100 + 2 + 50 + 3 + 5 + 7) * tick)
    before = bench_load.busy_s(Path("/proc/stat").read_text())
    end = time.process_time() + 0.2
    while time.process_time() < end:  # this process is busy: so is the machine
        pass
    assert bench_load.busy_s(Path("/proc/stat").read_text()) - before >= 0.15


def test_steady_window_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KCA_LOAD_WARMUP_S", raising=False)
    monkeypatch.delenv("KCA_LOAD_STEADY_S", raising=False)
    assert bench_load.steady_from_env() == (bench_load.WARMUP_S, bench_load.STEADY_S)
    monkeypatch.setenv("KCA_LOAD_WARMUP_S", "1.5")
    monkeypatch.setenv("KCA_LOAD_STEADY_S", "4")
    assert bench_load.steady_from_env() == (1.5, 4.0)
    monkeypatch.setenv("KCA_LOAD_STEADY_S", "soon")
    with pytest.raises(ValueError, match=r"KCA_LOAD_STEADY_S.*'soon'"):
        bench_load.steady_from_env()
    monkeypatch.setenv("KCA_LOAD_STEADY_S", "0")
    with pytest.raises(ValueError, match=r"window > 0 s.*got 1.5, 0.0"):
        bench_load.steady_from_env()


def test_benchmark_is_registered() -> None:
    assert "app_load" in BENCHMARKS


@pytest.mark.integration
def test_nginx_accepts_the_rendered_config(tmp_path: Path) -> None:
    conf = tmp_path / "nginx.conf"
    conf.write_text(render_config(8600, [9001, 9002], tmp_path, as_root=False), encoding="utf-8")
    result = subprocess.run(
        [nginx_binary(), "-t", "-p", str(tmp_path), "-c", str(conf), "-e", str(tmp_path / "e.log")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_client_loads_the_page_and_changes_the_filter(
    prepared: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bench_load, "SETTLE_S", 0.0)
    with cluster(1, env=app_env(prepared), proxy=False) as one:
        trip = bench_load.run_async(round_trip(one.url))
        row = bench_load.round_row(one, "single", 2)
        steady = bench_load.steady_row(one, "single", 2, 0.5, 2.0)
    # the load brought the whole page (map, table), the filter a new map of fewer sites
    # the boundaries come once as a static file; the filter reply still brings a new map
    assert trip.load.nbytes > 100_000 and trip.filter.nbytes > 20_000
    assert 0 < trip.load.map_s <= trip.load.done_s and 0 < trip.filter.map_s <= trip.filter.done_s
    assert trip.query == "program=sobujang"
    assert int(trip.shown[1]) < int(trip.shown[0])
    assert row["errors"] == 0 and row["sessions"] == 2
    assert isinstance(row["memory_before_mb"], float) and row["memory_before_mb"] > 100
    assert isinstance(row["memory_peak_mb"], float)
    assert row["memory_peak_mb"] >= row["memory_before_mb"]
    # two users repeating the round trip: replies finished in the 2 s window are counted
    assert steady["errors"] == 0 and steady["name"] == "app_load_steady"
    in_window_replies = steady["replies_in_window"]
    assert isinstance(in_window_replies, int) and in_window_replies >= 2
    trips, total = steady["round_trips_started"], steady["replies_total"]
    assert isinstance(trips, int) and total == 2 * trips  # each trip: a load and a filter
    assert isinstance(total, int) and total > in_window_replies  # warm-up: not counted
    assert steady["steady_replies_per_s"] == round(in_window_replies / 2.0, 2)
    assert isinstance(steady["server_cpu_per_reply_ms"], float)
    assert steady["server_cpu_per_reply_ms"] > 0
    machine, server = steady["machine_cpu_s"], steady["server_cpu_s"]
    assert isinstance(machine, float) and isinstance(server, float) and server > 0
    assert machine >= 0.9 * server  # the whole machine: the server and more (ticks apart)


def log_lines(access_log: Path) -> list[dict[str, str]]:
    """nginx's access log as request, pool, route set and upstream per line."""
    rows = []
    for line in access_log.read_text(encoding="utf-8").splitlines():
        request = line.split('"')[1]
        fields = dict(part.split("=", 1) for part in line.split('"')[2].split()[2:])
        rows.append({"request": request, **fields})
    return rows


def get(url: str, cookie: str | None = None) -> str | None:
    """``GET url`` (with ``cookie``); the ``kca_route`` value the response sets, if any."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=10) as resp:
        assert resp.status == 200
        for value in resp.headers.get_all("Set-Cookie") or []:
            if value.startswith("kca_route="):
                return value.split(";", 1)[0].removeprefix("kca_route=")
    return None


def wait_for_line(log: Path, text: str, timeout: float = 20.0) -> None:
    """Until a line of ``log`` contains ``text`` (nginx logs a websocket when it closes)."""
    deadline = time.monotonic() + timeout
    while text not in log.read_text(encoding="utf-8") and time.monotonic() < deadline:
        time.sleep(0.1)


def test_cluster_serves_the_map_through_nginx(prepared: Settings, page: Page) -> None:
    with cluster(2, env=app_env(prepared)) as two:
        page.goto(two.url)
        frame = page.frame_locator(MAP_FRAME)
        frame.locator(REGION_PATHS).first.wait_for(state="attached", timeout=120_000)
        route = {c["name"]: c["value"] for c in page.context.cookies()}.get("kca_route")
        assert route in ("p0", "p1"), f"nginx set no kca_route cookie naming a process: {route}"
        page.goto("about:blank")  # closes the session's websocket, which nginx then logs
        wait_for_line(two.access_log, "GET /_stcore/stream")
        # new officials are spread over both processes; each then stays on its own
        given = [get(two.url + "/") for _ in range(6)]
        for given_route in given:
            assert get(two.url + "/", f"kca_route={given_route}") is None
        lines = log_lines(two.access_log)
        process = {f"p{i}": b.removeprefix("http://") for i, b in enumerate(two.backends)}
    assert set(given) == {"p0", "p1"}
    # the page was given its process by the pool; it, its websocket and everything else went there
    assert any(r["set"] == route and r["upstream"] == process[route] for r in lines)
    browser = [r for r in lines if r["pool"] == f"kca_{route}"]
    assert any(r["request"].startswith("GET /_stcore/stream") for r in browser)
    assert {r["upstream"] for r in browser} == {process[route]}
    for name in ("p0", "p1"):
        assert {r["upstream"] for r in lines if r["pool"] == f"kca_{name}"} == {process[name]}


def test_cpu_seconds_count_the_server_and_the_client_share() -> None:
    busy = "import time\nend = time.process_time() + 0.3\nwhile time.process_time() < end: pass\n"
    child = subprocess.Popen([sys.executable, "-c", busy + "time.sleep(60)"])
    try:  # a process of its own: this one's descendants (servers of other tests) come and go
        deadline = time.monotonic() + 30
        while bench_load.cpu_s([child.pid]) < 0.2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert bench_load.cpu_s([child.pid]) >= 0.2
    finally:
        child.kill()
        child.wait()
    stats = bench_load.cpu_stats(3.0, 1.0, 8)
    assert stats["client_cpu_share"] == 0.25
    assert stats["server_cpu_per_reply_ms"] == 375.0
    assert bench_load.cpu_stats(0.0, 0.0, 0)["client_cpu_share"] is None
