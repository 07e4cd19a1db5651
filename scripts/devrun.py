"""The development stack of ``make run``: the Django dev server, a Celery worker and celery beat.

Without ``CELERY_BROKER_URL`` the three share kombu's ``filesystem://`` broker (message files in
``.celery/``, see settings), so background jobs run for real without a broker server; with it
(``redis://…``) they use that broker. Each process runs in its own session, so Ctrl-C reaches
only this runner, which then stops every child by its PID (and what that child started, by its
process group) and waits for it. If one of them dies, the others are stopped and the runner exits
non-zero.

    python scripts/devrun.py [--port 8000]
"""

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
STOP_GRACE_SECONDS = 10  # a worker finishing its current task gets this long before SIGKILL


def commands(port: int) -> dict[str, list[str]]:
    python = sys.executable
    celery = [python, "-m", "celery", "-A", "impactportal"]
    return {
        "web": [python, "manage.py", "runserver", f"127.0.0.1:{port}"],
        # Mingle and gossip only talk to other workers; without them start-up needs no replies.
        "worker": [*celery, "worker", "--concurrency=2", "--without-mingle", "--without-gossip",
                   "--loglevel=INFO"],
        # --pidfile= : beat's default pidfile in the project would block a second stack.
        "beat": [*celery, "beat", "--loglevel=INFO", "--pidfile="],
    }


def environment(port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("DJANGO_DEBUG", "true")
    env.setdefault("CELERY_BROKER_URL", "filesystem://localhost/")  # a host keeps kombu from warning
    env.setdefault("PORTAL_BASE_URL", f"http://127.0.0.1:{port}")  # links in mails point here
    env.setdefault("PYTHONUNBUFFERED", "1")  # interleave the three logs as they happen
    return env


class Stack:
    def __init__(self, port: int):
        self.port = port
        self.children: dict[str, subprocess.Popen] = {}
        self.stopping = False

    def start(self) -> None:
        env = environment(self.port)
        for name, argv in commands(self.port).items():
            # Our own fixed commands; a new session keeps the terminal's Ctrl-C for this runner.
            self.children[name] = subprocess.Popen(argv, cwd=BASE_DIR, env=env, start_new_session=True)  # noqa: S603
        pids = ", ".join(f"{name} pid {child.pid}" for name, child in self.children.items())
        print(f"devrun: {pids}; broker {env['CELERY_BROKER_URL']}; "
              f"http://127.0.0.1:{self.port}/ — Ctrl-C stops all", flush=True)

    def request_stop(self, signum, frame) -> None:
        self.stopping = True

    def watch(self) -> int:
        """Wait until a stop is requested (0) or a child exits (1)."""
        while not self.stopping:
            for name, child in self.children.items():
                if child.poll() is not None:
                    print(f"devrun: {name} (pid {child.pid}) exited with {child.returncode}; stopping the others",
                          file=sys.stderr, flush=True)
                    return 1
            time.sleep(0.3)
        return 0

    def stop(self) -> None:
        running = [child for child in self.children.values() if child.poll() is None]
        for child in running:
            child.send_signal(signal.SIGTERM)  # warm shutdown: the worker finishes its task
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for child in running:
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        for child in self.children.values():
            # The child's session is its process group: the dev server's autoreloaded process and
            # the worker's pool processes go with it.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, signal.SIGKILL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8000))
    args = parser.parse_args(argv)

    stack = Stack(args.port)
    signal.signal(signal.SIGINT, stack.request_stop)
    signal.signal(signal.SIGTERM, stack.request_stop)
    try:
        stack.start()
        status = stack.watch()
    finally:
        stack.stop()
    print("devrun: stopped", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
