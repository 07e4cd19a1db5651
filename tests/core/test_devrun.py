"""Smoke test of ``make run``'s stack (scripts/devrun.py): the dev server, a real Celery worker and
beat on kombu's filesystem broker, against a temporary SQLite file. Needs no Redis; marked
``worker`` because it starts real processes (.ci/run runs it as its own step)."""

import contextlib
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.worker

BASE_DIR = Path(__file__).resolve().parents[2]
START_JOB = """
from impactportal.accounts.models import User
from impactportal.jobs import job_start
from impactportal.tasks import probe_job
user, _ = User.objects.get_or_create(username="devrun-smoke")
print(job_start(task=probe_job, title="Smoke", kind="probe", user=user, steps=6, pause=0.5).pk)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, timeout: float, what: str, log: Path):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(0.1)
    pytest.fail(f"timed out after {timeout}s waiting for {what}; runner log:\n{log.read_text()[-3000:]}")


def group_alive(pgid: int) -> bool:
    """Whether a process of the group still runs (zombies waiting for their reaper do not count)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # exited while we looked
        if int(fields[2]) == pgid and fields[0] != "Z":
            return True
    return False


def query(db: Path, sql: str, *params):
    with contextlib.closing(sqlite3.connect(db, timeout=5)) as conn:
        return conn.execute(sql, params).fetchone()


@pytest.fixture(scope="module")
def dev_env(tmp_path_factory):
    """Environment of a make run-style stack on a migrated temporary SQLite file."""
    folder = tmp_path_factory.mktemp("devrun")
    env = {k: v for k, v in os.environ.items()
           if k not in ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "DJANGO_TESTING", "DATABASE_URL")}
    env.update(DJANGO_DEBUG="true", DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
               CELERY_FILESYSTEM_DIR=str(folder / "celery"))
    # A copy of the migrated template (impactportal.db.template); migrate then finds it complete.
    subprocess.run([sys.executable, "-m", "impactportal.db.template", str(folder / "db.sqlite3")],  # noqa: S603
                   cwd=BASE_DIR, env={**env, "DJANGO_TESTING": "true"}, check=True, timeout=600)
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
                   cwd=BASE_DIR, env=env, check=True, timeout=120)
    return folder, env


class Runner:
    def __init__(self, folder: Path, env: dict):
        self.port = free_port()
        self.log = folder / f"devrun-{self.port}.log"
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(  # noqa: S603 (our own fixed command)
                [sys.executable, "scripts/devrun.py", "--port", str(self.port)],
                cwd=BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT)
        line = wait_for(lambda: next((x for x in self.log.read_text().splitlines() if x.startswith("devrun:")), None),
                        30, "the runner's start line", self.log)
        # "devrun: web pid 1, worker pid 2, beat pid 3; broker filesystem://…; http://…"
        processes, broker = line.removeprefix("devrun: ").split("; ")[:2]
        self.pids = {part.split()[0]: int(part.split()[-1]) for part in processes.split(", ")}
        self.broker_url = broker.removeprefix("broker ")

    def get(self, path: str):
        started = time.monotonic()
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=10) as response:  # noqa: S310
            response.read()
            return response.status, time.monotonic() - started

    def wait_exit(self, timeout: float) -> int:
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pytest.fail(f"runner still running after {timeout}s; log:\n{self.log.read_text()[-3000:]}")

    def kill_all(self):
        """Leave nothing behind when an assertion failed half-way."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for pid in self.pids.values():
            if group_alive(pid):
                os.killpg(pid, signal.SIGKILL)


def server_up(runner: Runner):
    try:
        return runner.get("/")[0] == 200
    except OSError:
        return False


def test_dev_stack_runs_a_job_in_the_background_and_stops_on_ctrl_c(dev_env):
    folder, env = dev_env
    db = folder / "db.sqlite3"
    runner = Runner(folder, env)
    try:
        assert set(runner.pids) == {"web", "worker", "beat"}
        wait_for(lambda: server_up(runner), 30, "the dev server", runner.log)

        assert runner.broker_url.startswith("filesystem://")
        # A web request would enqueue the job the same way: on the broker the runner gave its children.
        shell_env = {**env, "CELERY_BROKER_URL": runner.broker_url}
        started = subprocess.run([sys.executable, "manage.py", "shell", "-c", START_JOB],  # noqa: S603
                                 cwd=BASE_DIR, env=shell_env, check=True, capture_output=True, text=True, timeout=60)
        job_id = int(started.stdout.split()[-1])

        def job():
            return query(db, "SELECT status, progress, result FROM impactportal_job WHERE id = ?", job_id)

        # The worker picks the job up and reports progress while the dev server keeps answering.
        wait_for(lambda: job()[0] == "running", 30, "the worker to start the job", runner.log)
        status, seconds = runner.get("/")
        assert status == 200 and seconds < 1.0, f"GET / took {seconds:.2f}s during a background job"
        progress_seen = set()

        def finished():
            state, progress, _ = job()
            progress_seen.add(progress)
            return state in ("succeeded", "failed")

        wait_for(finished, 30, "the job to finish", runner.log)
        state, progress, result = job()
        assert (state, progress, result) == ("succeeded", 100, '{"steps": 6}')
        assert len(progress_seen & set(range(1, 100))) >= 2, f"progress did not move: {sorted(progress_seen)}"

        # Beat runs on the database scheduler: it wrote the settings' schedule to the database.
        wait_for(lambda: query(db, "SELECT 1 FROM django_celery_beat_periodictask WHERE name = 'heartbeat'"),
                 30, "beat's DatabaseScheduler", runner.log)
        assert runner.process.poll() is None, "the runner stopped by itself"

        runner.process.send_signal(signal.SIGINT)  # Ctrl-C
        assert runner.wait_exit(30) == 0
        assert not any(group_alive(pid) for pid in runner.pids.values()), "a child outlived Ctrl-C"
    finally:
        runner.kill_all()


def test_dev_stack_stops_everything_and_fails_when_a_process_dies(dev_env):
    folder, env = dev_env
    runner = Runner(folder, env)
    try:
        wait_for(lambda: server_up(runner), 30, "the dev server", runner.log)
        os.kill(runner.pids["worker"], signal.SIGKILL)
        assert runner.wait_exit(30) != 0
        assert f"worker (pid {runner.pids['worker']}) exited" in runner.log.read_text()
        assert not any(group_alive(pid) for pid in runner.pids.values()), "a child outlived the failure"
    finally:
        runner.kill_all()
