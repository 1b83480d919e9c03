"""The servers a run measures, on loopback: the portal under gunicorn and nginx serving the
reference body as a static file; and the workers' resident memory, read from /proc."""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.reference import REFERENCE_PATH, STATIC_NAME, body

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def get(port: int, path: str, timeout: float = 60) -> tuple[int, float]:
    """(status, seconds) of one GET, as from the TLS-terminating proxy."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"X-Forwarded-Proto": "https"})
        response = connection.getresponse()
        response.read()
        return response.status, time.perf_counter() - started
    finally:
        connection.close()


def wait_until_up(port: int, path: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            status, _ = get(port, path, timeout=5)
            if status == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"nothing answers 200 on {HOST}:{port}{path}")
        time.sleep(0.2)


def drain(
    port: int, *, fast: float = 0.1, seconds: float = 120, path: str = REFERENCE_PATH
) -> None:
    """Wait until the workers have answered what wrk left queued (a slow page keeps them busy
    after wrk stops): the reference view (or `path` on another server) answers quickly twice in a
    row."""
    deadline = time.monotonic() + seconds
    quick = 0
    while quick < 2 and time.monotonic() < deadline:
        try:
            _, took = get(port, path, timeout=seconds)
        except OSError:
            took = fast
        quick = quick + 1 if took < fast else 0


class Gunicorn:
    """The portal with 2 sync workers and production settings (env), on a free loopback port;
    gunicorn's other settings are its defaults, as `make serve` has them (a 30 s timeout)."""

    def __init__(self, env: dict[str, str], log: Path, workers: int = 2):
        self.port = free_port()
        self.log = log.open("a")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "portal.wsgi:application",
                f"--bind={HOST}:{self.port}",
                f"--workers={workers}",
                "--worker-class=sync",
            ],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_up(self.port, REFERENCE_PATH)
        except Exception:
            self.stop()
            raise

    def worker_pids(self) -> list[int]:
        return children(self.process.pid)

    def rss(self) -> dict[int, float]:
        return {pid: rss_mb(pid) for pid in self.worker_pids()}

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


NGINX_CONF = """daemon off;
worker_processes 2;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    default_type text/html;
    server {{
        listen {host}:{port};
        root {tmp}/root;
    }}
}}
"""


class Nginx:
    """nginx serving the reference body, byte for byte, as /reference.html."""

    path = f"/{STATIC_NAME}"

    def __init__(self):
        # A folder of its own under /tmp, readable by all: nginx's workers drop root's rights.
        self.tmp = tmp = Path(tempfile.mkdtemp(prefix="portal-bench-nginx-"))
        (tmp / "root").mkdir()
        (tmp / "root" / STATIC_NAME).write_bytes(body())
        for path in (tmp, tmp / "root", tmp / "root" / STATIC_NAME):
            path.chmod(0o755 if path.is_dir() else 0o644)
        self.port = free_port()
        conf = tmp / "nginx.conf"
        conf.write_text(NGINX_CONF.format(tmp=tmp, host=HOST, port=self.port))
        self.process = subprocess.Popen(
            ["nginx", "-p", str(tmp), "-e", str(tmp / "nginx-error.log"), "-c", str(conf)],
            stdout=subprocess.DEVNULL,
            stderr=(tmp / "nginx-start.log").open("w"),
        )
        try:
            wait_until_up(self.port, self.path, seconds=20)
        except Exception as error:
            logged = (tmp / "nginx-error.log").read_text(errors="replace")
            self.stop()
            raise RuntimeError(f"nginx did not start: {logged}") from error

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


class Redis:
    """A private redis-server on loopback, in memory only: the shared cache (CACHE_URL) that
    production runs the portal with, so the page cache and the API's rate limit cost no SQL."""

    def __init__(self):
        self.tmp = tmp = Path(tempfile.mkdtemp(prefix="portal-bench-redis-"))
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--bind",
                HOST,
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(tmp),
            ],
            stdout=(tmp / "redis.log").open("w"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection((HOST, self.port), timeout=1) as connection:
                    connection.sendall(b"PING\r\n")
                    if connection.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                logged = (tmp / "redis.log").read_text(errors="replace")
                self.stop()
                raise RuntimeError(f"redis-server did not start: {logged}")
            time.sleep(0.1)

    @property
    def url(self) -> str:
        return f"redis://{HOST}:{self.port}/0"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


def children(pid: int) -> list[int]:
    """The child processes of `pid` (gunicorn's workers), from /proc."""
    listed = Path(f"/proc/{pid}/task/{pid}/children")
    if listed.exists():
        return sorted(int(child) for child in listed.read_text().split())
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return sorted(found)


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MiB (VmRSS of /proc/<pid>/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def installed(*programs: str) -> bool:
    from shutil import which

    return all(which(program) for program in programs)


def install_tools() -> None:
    """wrk, nginx-light and redis-server from Debian's packages, when missing and running as root."""
    if installed("wrk", "nginx", "redis-server"):
        return
    if os.geteuid() != 0 or not installed("apt-get"):
        raise SystemExit(
            "make bench needs wrk, nginx and redis-server: install Debian's `wrk`, `nginx-light` "
            "and `redis-server` (apt-get install wrk nginx-light redis-server), or run as root "
            "on Debian to have it done."
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-q"], check=True, env=env)
    subprocess.run(
        [
            "apt-get",
            "install",
            "-y",
            "-q",
            "--no-install-recommends",
            "wrk",
            "nginx-light",
            "redis-server",
        ],
        check=True,
        env=env,
    )
