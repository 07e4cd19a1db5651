"""Optional virus scanning of uploads by ClamAV's daemon (clamd), over its INSTREAM protocol.

``PORTAL_CLAMAV_URL`` names clamd: ``tcp://host:3310`` or ``unix:///run/clamav/clamd.ctl``; empty
(the default) scans nothing. ``impactportal.uploads.validate_upload``, the one check every upload
goes through (forms, the API through the models' validators, the imports), calls ``check_upload``
last. An infected file is refused with a field error naming the finding; when clamd cannot answer
(down, too slow, an answer we do not understand) the upload is refused as well ("fail closed"), with
a message to try again later and the reason in the log. Nothing of the file's content is logged.

The protocol (clamd(8)): ``zINSTREAM\\0``, then chunks each preceded by its length as 4 bytes big
endian, then a chunk of length 0; clamd answers ``stream: OK`` or ``stream: <name> FOUND`` (or
``… ERROR``), ending in ``\\0``. ``zPING\\0`` is answered ``PONG`` (the ``/healthz`` check)."""

import hashlib
import logging
import re
import socket
import struct
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

CHUNK_BYTES = 64 * 1024
MAX_REPLY_BYTES = 4096
DEFAULT_PORT = 3310
HEALTH_TIMEOUT = 3.0  # /healthz must answer within the probe's own timeout (HEALTHCHECK_TIMEOUT, 5 s)
_FOUND = re.compile(r"^stream: (?P<name>.+) FOUND$")
_MARK = "_portal_virus_scan"  # on an upload already scanned in this request: its finding, or "" (clean)


class ScannerUnavailable(Exception):
    """clamd could not give an answer: not reachable, too slow, or an answer we do not understand."""


def configured() -> bool:
    return bool(getattr(settings, "PORTAL_CLAMAV_URL", ""))


def _timeout() -> float:
    return float(getattr(settings, "PORTAL_CLAMAV_TIMEOUT", 10) or 10)


def _address(url: str) -> tuple[int, object]:
    """The socket family and address ``url`` names (ScannerUnavailable when it names none)."""
    parts = urlsplit(url.strip())
    if parts.scheme == "unix" and parts.path and not parts.netloc:
        return socket.AF_UNIX, parts.path
    if parts.scheme == "tcp" and parts.hostname:
        try:
            port = parts.port or DEFAULT_PORT
        except ValueError as exc:
            raise ScannerUnavailable(f"PORTAL_CLAMAV_URL has an invalid port: {url!r}") from exc
        return socket.AF_INET6 if ":" in parts.hostname else socket.AF_INET, (parts.hostname, port)
    raise ScannerUnavailable(f"PORTAL_CLAMAV_URL must be tcp://host:port or unix:///path, got {url!r}")


class _Connection:
    """One command to clamd within one overall deadline (a slow trickle cannot stretch it)."""

    def __init__(self, timeout: float):
        self.deadline = time.monotonic() + timeout
        family, address = _address(settings.PORTAL_CLAMAV_URL)
        self.sock = socket.socket(family, socket.SOCK_STREAM)
        self._arm()
        self.sock.connect(address)

    def _arm(self):
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("clamd did not answer in time")
        self.sock.settimeout(remaining)

    def send(self, data: bytes):
        self._arm()
        self.sock.sendall(data)

    def reply(self) -> str:
        """clamd's answer, up to its closing NUL (or the end of the connection)."""
        received = b""
        while b"\0" not in received:
            self._arm()
            chunk = self.sock.recv(MAX_REPLY_BYTES)
            if not chunk:
                break
            received += chunk
            if len(received) > MAX_REPLY_BYTES:
                raise ScannerUnavailable("clamd's answer is too long")
        if not received:
            raise ScannerUnavailable("clamd closed the connection without an answer")
        return received.split(b"\0", 1)[0].decode("utf-8", "replace").strip()

    def close(self):
        self.sock.close()


def _command(write, timeout: float) -> str:
    """Open a connection, let ``write(connection)`` send, return clamd's answer; every failure to
    get one (connection refused, timeout, a reset, a bad setting) as ScannerUnavailable."""
    connection = None
    try:
        connection = _Connection(timeout)
        write(connection)
        return connection.reply()
    except ScannerUnavailable:
        raise
    except (OSError, ValueError) as exc:  # socket.timeout is an OSError; ValueError: e.g. a bad host name
        raise ScannerUnavailable(f"{type(exc).__name__}: {exc}") from exc
    finally:
        if connection is not None:
            connection.close()


def scan(stream) -> tuple[str | None, str]:
    """Send ``stream`` (read from where it is to its end) to clamd. Returns the finding's name (None:
    clean) and the SHA-256 of what was sent (for the log, instead of any content)."""
    digest = hashlib.sha256()

    def write(connection):
        connection.send(b"zINSTREAM\0")
        while chunk := stream.read(CHUNK_BYTES):
            digest.update(chunk)
            connection.send(struct.pack(">I", len(chunk)) + chunk)
        connection.send(struct.pack(">I", 0))

    answer = _command(write, _timeout())
    if answer == "stream: OK":
        return None, digest.hexdigest()
    found = _FOUND.match(answer)
    if found:
        return found.group("name").strip(), digest.hexdigest()
    raise ScannerUnavailable(f"unexpected answer from clamd: {answer[:200]!r}")


def ping() -> bool:
    """``/healthz``: clamd answers PING with PONG."""
    try:
        answer = _command(lambda connection: connection.send(b"zPING\0"), min(_timeout(), HEALTH_TIMEOUT))
        if answer != "PONG":
            raise ScannerUnavailable(f"unexpected answer to PING: {answer[:200]!r}")
    except ScannerUnavailable as exc:
        logger.error("Virus scanner (clamd) unavailable: %s", exc)
        return False
    return True


def _plain(name: str) -> str:
    """A finding's name as shown to the user: printable, short (it comes from another program)."""
    return re.sub(r"[^\w.:/+-]", "", name)[:80] or "?"


def check_upload(upload) -> None:
    """Raise ValidationError when clamd finds something in ``upload`` or cannot scan it; nothing when
    scanning is not configured. A file already stored (a model's validators see it again on every
    edit of its row) was scanned when it came in and is not sent again; an upload validated twice in
    one request (the form's field, then the model's) is sent once."""
    if not configured() or (isinstance(upload, FieldFile) and upload._committed):
        return
    target = upload.file if isinstance(upload, FieldFile) else upload
    finding = getattr(target, _MARK, None)
    if finding is None:
        position = upload.tell() if hasattr(upload, "tell") else 0
        upload.seek(0)
        try:
            found, sha256 = scan(upload)
        except ScannerUnavailable as exc:
            logger.error("Upload refused: the virus scanner (clamd) could not check it: %s", exc)
            raise ValidationError(
                _("Het bestand kon niet op virussen worden gecontroleerd en is daarom niet opgeslagen. Probeer het "
                  "later opnieuw."), code="virus_scan_unavailable",
            ) from exc
        finally:
            upload.seek(position)
        finding = found or ""
        if found:
            logger.warning("Upload refused: the virus scanner found %r (%s bytes, sha256 %s)",
                           found, getattr(upload, "size", "?"), sha256)
        setattr(target, _MARK, finding)
    if finding:
        raise ValidationError(
            _("In dit bestand is een virus of ander schadelijk programma gevonden (%(finding)s). Het bestand is "
              "niet opgeslagen. Controleer uw computer met een virusscanner."),
            code="virus_found", params={"finding": _plain(finding)},
        )
