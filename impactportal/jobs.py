"""Start a background job with visible progress, and report progress from inside its task."""

import hashlib
import io

from django.core.cache import cache
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from .models import Job


def held_by(user) -> list:
    """What the user's access rests on: each accepted membership (its anchors, role, department
    and flags), and superuser."""
    from . import access

    held = [[m.pk, m.organisation_id, m.role, m.department, m.enterprise_id, m.partner_organisation_id, m.region_id,
             m.programme_id, m.is_coordinator, m.is_admin] for m in access.memberships(user)]
    if getattr(user, "is_superuser", False):
        held.append(["superuser"])
    return sorted(held, key=str)


def may_download(job: Job, user) -> bool:
    """A job's file holds what its requester could see when it started: downloaded only while they
    still hold every membership they held then (an ended or changed one, and the file, a spending
    export of a broker who left, stays closed). Jobs from before ``held`` ask nothing more."""
    now = {str(entry) for entry in held_by(user)}
    return all(str(entry) in now for entry in job.held or [])


def job_start(*, task, title: str, kind: str, user, organisation=None, **task_kwargs) -> Job:
    """Create the Job row and enqueue ``task`` once the surrounding transaction commits."""
    job = Job.objects.create(kind=kind, title=title, created_by=user, organisation=organisation,
                             held=held_by(user))

    def enqueue():
        result = task.apply_async(kwargs={**task_kwargs, "job_id": job.pk})
        Job.objects.filter(pk=job.pk, task_id="").update(task_id=result.id or "")

    transaction.on_commit(enqueue)
    return job


def job_status_text(job: Job, *, done: str = "", failed: str = "") -> str:
    """The one short sentence of a job's state that its page's status region (role="status",
    outside the polled box) holds: the state while queued or running, without the percentage (a
    screen reader announces each change of state, not each step); ``done`` or ``failed`` once it
    has finished, else the finished state."""
    if job.status == Job.Status.SUCCEEDED and done:
        return str(done)
    if job.status == Job.Status.FAILED and failed:
        return str(failed)
    return str(job.get_status_display())


def job_message(job: Job) -> str:
    """A job's ``message`` in the reader's language. A task in the requester's language that says a
    fixed text may store its message id (``gettext_noop``): it is written here when it is shown, so
    a colleague reading in the other language reads it in theirs. A text stored written (with values
    in it, or stored before) has no message id of its own and is shown as it is."""
    return gettext(job.message) if job.message else ""  # gettext("") is the catalogue's header


def job_result(job: Job) -> dict:
    """A job's ``result`` for its page, its keys written as ``job_message`` writes a message (a task
    may store them as message ids; other keys are shown as they are)."""
    return {gettext(key) if isinstance(key, str) and key else key: value for key, value in (job.result or {}).items()}


# How long a task's last progress stays readable from the cache (``job_live``): longer than any
# step between two progress calls, so a page never falls back to the row while the task runs.
LIVE_SECONDS = 3600


def _live_key(job_id: int) -> str:
    return f"jobs:live:{job_id}"


def job_progress(job_id: int, progress: int, message: str = "") -> None:
    """Record how far the task is, in the job's row and in the shared cache. A task that applies its
    rows inside one transaction (an import: all or nothing) writes the row where no other connection
    reads it until the commit: on PostgreSQL its page showed 30 % until the bar jumped to 100 %.
    The cache is outside the transaction; pages read it through ``job_live``."""
    progress, message = max(0, min(100, progress)), message[:500]
    cache.set(_live_key(job_id), {"progress": progress, "message": message}, LIVE_SECONDS)
    now = timezone.now()
    Job.objects.filter(pk=job_id).update(status=Job.Status.RUNNING, progress=progress, message=message)
    Job.objects.filter(pk=job_id, started_at__isnull=True).update(started_at=now)


def job_live(job: Job | None) -> Job | None:
    """``job`` with the progress its task last reported (``job_progress``), where that is further
    than its row shows: the row of a task inside a transaction holds what it had before the
    transaction. A finished job is its row: its outcome is committed with it."""
    if job is None or job.is_finished:
        return job
    live = cache.get(_live_key(job.pk))
    if live and live["progress"] > job.progress:
        job.status, job.progress, job.message = Job.Status.RUNNING, live["progress"], live["message"]
    return job


def job_finish(job_id: int, result: dict, message: str = "") -> None:
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.SUCCEEDED, progress=100, result=result, message=message[:500], finished_at=timezone.now()
    )


def job_finish_file(job_id: int, filename: str, content, rows: int | None = None, message: str = "") -> Job:
    """Finish a job whose result is a file: store ``content`` (bytes or a binary file object,
    read in chunks) in the job's private file with its SHA-256, and record the number of rows."""
    stream = io.BytesIO(content) if isinstance(content, bytes | bytearray) else content
    stream.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(1 << 16), b""):
        digest.update(chunk)
    stream.seek(0)
    job = Job.objects.get(pk=job_id)
    job.file.save(filename, File(stream, name=filename), save=False)
    Job.objects.filter(pk=job_id).update(
        file=job.file.name, checksum=digest.hexdigest(), rows=rows, status=Job.Status.SUCCEEDED, progress=100,
        message=message[:500], finished_at=timezone.now(),
    )
    job.refresh_from_db()
    return job
