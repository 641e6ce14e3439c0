"""N ``streamlit run app.py`` processes behind nginx, on this machine, in the foreground.

``python -m deploy.cluster --processes 2 --port 8501`` (``make cluster N=2``) starts the
app processes on free loopback ports, renders ``deploy/nginx.conf.in`` into a temporary
folder (its own pid, logs and temp paths; no system service) and runs nginx in the
foreground on ``--port``. Ctrl-C (or SIGTERM) stops everything and deletes the folder.

The processes share nothing but read-only files: each builds its own data cache
(``st.cache_resource``) from the boundary cache and ``data/``; a session, its widgets and
its uploads live in the one process that the sticky cookie routes it to. They share the
cookie secret (``STREAMLIT_SERVER_COOKIE_SECRET``, random per start unless set), so a
cookie signed by one process is valid on another.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("nginx.conf.in")
HOST = "127.0.0.1"
HEALTH = "/_stcore/health"
START_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 20.0
WARM_CODE = (
    "from layers.assets import ensure_static; from layers.atlas_store import load_stored_atlas; "
    "from geo.settings import load_settings; ensure_static(); load_stored_atlas(load_settings())"
)
"""Fills the disk caches (Leaflet static copy, prepared boundaries, placed sites, the
stored atlas) once, before the processes start: their first-run writes are not safe to
run side by side, and each process then reads the stored atlas instead of building it."""
WORKER_USER = "nobody nogroup"
"""nginx's worker user when started as root (Debian's unprivileged user and group)."""


@dataclass(frozen=True)
class Cluster:
    """A running set of app processes, with or without nginx in front.

    Attributes
    ----------
    url : str
        Where users go: nginx's URL, or the single process's when there is no proxy.
    backends : tuple of str
        Each app process's own URL.
    procs : tuple of Popen
        The server processes (app processes, then nginx's master when proxied).
    workdir : Path
        The run's temporary folder: ``nginx.conf``, ``access.log``, ``error.log``, app logs.
    """

    url: str
    backends: tuple[str, ...]
    procs: tuple[subprocess.Popen[bytes], ...]
    workdir: Path

    @property
    def pids(self) -> tuple[int, ...]:
        """Process ids of :attr:`procs`."""
        return tuple(proc.pid for proc in self.procs)

    def exited(self) -> bool:
        """Whether any server process has exited."""
        return any(proc.poll() is not None for proc in self.procs)

    @property
    def access_log(self) -> Path:
        """nginx's access log: one line per request with its route key and upstream."""
        return self.workdir / "access.log"


def free_port() -> int:
    """A TCP port on the loopback interface that is free now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def nginx_binary() -> str:
    """Path of the nginx executable.

    Raises
    ------
    FileNotFoundError
        When nginx is not installed, naming the script that installs it.
    """
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    if found is None:
        raise FileNotFoundError("nginx not found: run `bash deploy/install-nginx.sh`")
    return found


def render_config(listen: int, backend_ports: Sequence[int], prefix: Path, as_root: bool) -> str:
    """``deploy/nginx.conf.in`` with the run's port, backends and folder filled in.

    Parameters
    ----------
    listen : int
        Port nginx listens on (loopback only).
    backend_ports : sequence of int
        Ports of the app processes, at least one.
    prefix : Path
        Folder for nginx's pid, logs and temp files.
    as_root : bool
        Whether nginx starts as root (then its workers run as ``nobody``).

    Returns
    -------
    str
        The nginx configuration.
    """
    if not backend_ports:
        raise ValueError("backend_ports: at least one app port is needed, got none")
    names = [f"p{index}" for index in range(len(backend_ports))]
    addresses = [f"{HOST}:{port}" for port in backend_ports]
    values = {
        "user": f"user {WORKER_USER};" if as_root else "",
        "prefix": str(prefix),
        "listen": f"{HOST}:{listen}",
        "servers": "\n".join(f"        server {a} max_fails=1 fail_timeout=5s;" for a in addresses),
        "pools": "\n".join(f"        {n} kca_{n};" for n in names),
        "names": "\n".join(f"        {a} {n};" for a, n in zip(addresses, names, strict=True)),
        "upstreams": "\n".join(
            process_upstream(name, address, addresses)
            for name, address in zip(names, addresses, strict=True)
        ),
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    for name, value in values.items():
        text = text.replace("{{" + name + "}}", value)
    return text


def process_upstream(name: str, address: str, addresses: Sequence[str]) -> str:
    """The upstream of one process (``kca_<name>``), the others as its backups."""
    lines = [f"    upstream kca_{name} {{", f"        server {address};"]
    lines += [f"        server {other} backup;" for other in addresses if other != address]
    return "\n".join([*lines, "    }"])


def app_command(port: int) -> list[str]:
    """The ``streamlit run app.py`` command line of one app process on ``port``."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.port",
        str(port),
        "--server.address",
        HOST,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]


def wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout: float = START_TIMEOUT_S) -> None:
    """Poll ``url + /_stcore/health`` until it answers 200.

    Raises
    ------
    RuntimeError
        When the process exits first.
    TimeoutError
        When it is not healthy within ``timeout`` seconds.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args!r} exited with {proc.returncode}")
        try:
            # S310: the URL is our own loopback server's http address
            with urllib.request.urlopen(url + HEALTH, timeout=2) as resp:  # noqa: S310
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise TimeoutError(f"{url}{HEALTH} not healthy after {timeout} s")


@contextmanager
def running(cmd: list[str], log: Path, env: Mapping[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    """Run ``cmd`` from the project root with output to ``log``; stop it on exit."""
    with log.open("wb") as out:
        proc = subprocess.Popen(  # noqa: S603 (our own fixed command lines)
            cmd, cwd=ROOT, env=dict(env), stdout=out, stderr=subprocess.STDOUT
        )
        try:
            yield proc
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=STOP_TIMEOUT_S)


def process_env(env: Mapping[str, str] | None) -> dict[str, str]:
    """The app processes' environment: ours, ``env`` on top, one shared cookie secret."""
    merged = {**os.environ, **(env or {})}
    merged.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))
    return merged


def warm_disk_caches(env: Mapping[str, str], log: Path) -> None:
    """Run :data:`WARM_CODE` in a child process, so no app process writes a cold cache.

    A failure (e.g. no boundary files) is left to the app, which shows it to the user;
    the output is in ``log``.
    """
    with log.open("wb") as out:
        subprocess.run(  # noqa: S603 (our own fixed command line)
            [sys.executable, "-c", WARM_CODE],
            cwd=ROOT,
            env=dict(env),
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=10 * START_TIMEOUT_S,
            check=False,
        )


@contextmanager
def cluster(
    processes: int,
    port: int | None = None,
    env: Mapping[str, str] | None = None,
    proxy: bool = True,
) -> Iterator[Cluster]:
    """Start ``processes`` app processes, behind nginx on ``port`` when ``proxy``.

    Parameters
    ----------
    processes : int
        Number of ``streamlit run app.py`` processes, at least 1.
    port : int, optional
        nginx's port (a free one when None); without proxy, the single process's port.
    env : mapping, optional
        Extra environment for the app processes (e.g. ``KCA_CACHE_DIR``).
    proxy : bool
        False runs exactly one process and no nginx (``processes`` must be 1).

    Yields
    ------
    Cluster
        Once every process answers its health check.
    """
    if processes < 1 or (not proxy and processes != 1):
        raise ValueError(f"processes: 1 or more (exactly 1 without proxy), got {processes}")
    app_env = process_env(env)
    with ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kca-cluster-")))
        warm_disk_caches(app_env, workdir / "warm.log")
        ports = [port or free_port()] if not proxy else [free_port() for _ in range(processes)]
        apps = [
            stack.enter_context(running(app_command(p), workdir / f"app-{p}.log", app_env))
            for p in ports
        ]
        backends = tuple(f"http://{HOST}:{p}" for p in ports)
        for url, proc in zip(backends, apps, strict=True):
            wait_healthy(url, proc)
        if not proxy:
            yield Cluster(backends[0], backends, (apps[0],), workdir)
            return
        nginx = stack.enter_context(start_nginx(port or free_port(), ports, workdir))
        yield Cluster(nginx[0], backends, (*apps, nginx[1]), workdir)


@contextmanager
def start_nginx(
    listen: int, backend_ports: Sequence[int], workdir: Path
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Render the configuration into ``workdir``, run nginx in the foreground, wait healthy.

    Yields
    ------
    tuple of (str, Popen)
        nginx's URL and its master process.
    """
    as_root = os.geteuid() == 0
    if as_root:
        workdir.chmod(0o755)  # the workers (nobody) write temp files below it
    conf = workdir / "nginx.conf"
    conf.write_text(render_config(listen, backend_ports, workdir, as_root), encoding="utf-8")
    cmd = [nginx_binary(), "-p", str(workdir), "-c", str(conf), "-e", str(workdir / "error.log")]
    url = f"http://{HOST}:{listen}"
    with running(cmd, workdir / "nginx.out", os.environ) as proc:
        wait_healthy(url, proc)
        yield url, proc


def serve(processes: int, port: int, env: Mapping[str, str] | None = None) -> int:
    """Run the cluster until SIGINT/SIGTERM or until one of its processes exits.

    Returns
    -------
    int
        0 when stopped by a signal, 1 when a process exited by itself.
    """
    stop: list[int] = []

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.append(signum)

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, on_signal)
    with cluster(processes, port, env) as running_cluster:
        sys.stdout.write(f"Korea Cluster Atlas: {running_cluster.url} ({processes} processes)\n")
        sys.stdout.write(f"nginx config and logs: {running_cluster.workdir}\n")
        sys.stdout.flush()
        while not stop:
            if running_cluster.exited():
                sys.stderr.write("a server process exited; stopping\n")
                return 1
            time.sleep(0.5)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m deploy.cluster [--processes N] [--port PORT]``."""
    parser = argparse.ArgumentParser(
        prog="python -m deploy.cluster",
        description="Run N app processes behind nginx with sticky sessions (foreground).",
    )
    parser.add_argument("--processes", type=int, default=2, help="app processes (default 2)")
    parser.add_argument("--port", type=int, default=8501, help="nginx port (default 8501)")
    args = parser.parse_args(argv)
    if args.processes < 1:
        parser.error(f"--processes must be 1 or more, got {args.processes}")
    return serve(args.processes, args.port)


if __name__ == "__main__":
    sys.exit(main())
