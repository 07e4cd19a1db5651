"""A fake ClamAV daemon for the virus scanning tests (``impactportal.virus_scan``): a thread with a
socketserver on 127.0.0.1:0 or on a unix socket that speaks clamd's ``zPING`` and ``zINSTREAM``.

``behaviour`` decides the answer: ``"scan"`` (``stream: OK``, or ``stream: Eicar-Test-Signature
FOUND`` when what was streamed holds the EICAR test string), ``"close"`` (reads the command and
closes the connection without a word), ``"garbage"`` (an answer clamd never gives), ``"slow"``
(answers nothing until the test ends). ``streams`` holds what each INSTREAM received.

The fixtures (registered in ``tests/conftest.py``):
``clamav`` (TCP, configured in settings), ``clamav_unix`` (unix socket, configured),
``clamav_down`` (configured, nothing listening)."""

import os
import shutil
import socket
import socketserver
import struct
import tempfile
import threading

import pytest

# The EICAR anti-virus test file: harmless, and every virus scanner reports it.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
FINDING = "Eicar-Test-Signature"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
INFECTED_PDF = PDF + EICAR + b"\n"  # a valid PDF as far as the type checks go, with the test string inside
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
INFECTED_PNG = PNG + EICAR


class _Handler(socketserver.BaseRequestHandler):
    def _read(self, size: int) -> bytes:
        data = b""
        while len(data) < size:
            chunk = self.request.recv(size - len(data))
            if not chunk:
                raise ConnectionError("client went away")
            data += chunk
        return data

    def _command(self) -> bytes:
        data = b""
        while not data.endswith(b"\0"):
            chunk = self.request.recv(1)
            if not chunk:
                break
            data += chunk
        return data.rstrip(b"\0")

    def handle(self):
        server = self.server
        command = self._command()
        server.commands.append(command)
        if server.behaviour == "close":
            return
        if command == b"zPING":
            if server.behaviour == "slow":
                server.release.wait(30)
                return
            self.request.sendall(b"PONG\0" if server.behaviour == "scan" else b"PANG\0")
            return
        if command != b"zINSTREAM":
            self.request.sendall(b"UNKNOWN COMMAND\0")
            return
        received = b""
        while True:
            (size,) = struct.unpack(">I", self._read(4))
            if size == 0:
                break
            received += self._read(size)
        server.streams.append(received)
        if server.behaviour == "slow":
            server.release.wait(30)
            return
        if server.behaviour == "garbage":
            self.request.sendall(b"INSTREAM size limit exceeded. ERROR\0")
            return
        self.request.sendall(f"stream: {FINDING} FOUND\0".encode() if EICAR in received else b"stream: OK\0")


class _Server:
    behaviour = "scan"

    def start(self):
        self.commands, self.streams = [], []
        self.release = threading.Event()
        self.thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        return self

    def stop(self):
        self.release.set()
        self.shutdown()
        self.server_close()


class TcpClamd(_Server, socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        socketserver.ThreadingTCPServer.__init__(self, ("127.0.0.1", 0), _Handler)

    @property
    def url(self) -> str:
        return f"tcp://127.0.0.1:{self.server_address[1]}"


class UnixClamd(_Server, socketserver.ThreadingUnixStreamServer):
    daemon_threads = True

    def __init__(self):
        # A short path: a unix socket's path may hold about 100 bytes, pytest's tmp_path can be longer.
        self.folder = tempfile.mkdtemp(prefix="clamd-", dir="/tmp")
        socketserver.ThreadingUnixStreamServer.__init__(self, os.path.join(self.folder, "clamd.ctl"), _Handler)

    @property
    def url(self) -> str:
        return f"unix://{self.server_address}"

    def stop(self):
        super().stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def free_port() -> int:
    """A TCP port on 127.0.0.1 where nothing listens (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def clamav(settings):
    server = TcpClamd().start()
    settings.PORTAL_CLAMAV_URL, settings.PORTAL_CLAMAV_TIMEOUT = server.url, 2
    yield server
    server.stop()


@pytest.fixture
def clamav_unix(settings):
    server = UnixClamd().start()
    settings.PORTAL_CLAMAV_URL, settings.PORTAL_CLAMAV_TIMEOUT = server.url, 2
    yield server
    server.stop()


@pytest.fixture
def clamav_down(settings):
    settings.PORTAL_CLAMAV_URL, settings.PORTAL_CLAMAV_TIMEOUT = f"tcp://127.0.0.1:{free_port()}", 2


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# The refusals as the pages and the API show them (Dutch, the default language).
FOUND_TEXT = "In dit bestand is een virus of ander schadelijk programma gevonden (Eicar-Test-Signature)"
UNAVAILABLE_TEXT = "kon niet op virussen worden gecontroleerd"


# --- one upload entry point, four ways -------------------------------------------------------

SCENARIOS = ("clean", "infected", "down", "unset")


def media_files(settings) -> dict:
    """Every file under MEDIA_ROOT, with its content."""
    from pathlib import Path

    root = Path(settings.MEDIA_ROOT)
    return {path: path.read_bytes() for path in root.rglob("*") if path.is_file()} if root.exists() else {}


def check_entry_point(request, scenario, send, rows, *, field, clean=PDF, infected=INFECTED_PDF, api=False,
                      accepted=(302,), refused=400, admin=False):
    """Post through one upload entry point as ``scenario`` says and check the outcome.

    ``send(content)`` posts a file holding ``content`` and returns the response; ``rows()`` counts
    what the post creates. "clean": clamd (fake, TCP) scans the file once and it is stored; "infected"
    (the EICAR string inside an otherwise valid file): refused with a field error naming the finding;
    "down": clamd configured but not listening: refused, try again later; "unset": no scanning at
    all, the infected file is stored as it was before scanning existed. A refusal is a 400 (``refused``:
    Django's generic create and update views answer 200) with the error on ``field`` (the form's error summary links to ``#id_<field>``; the API answers JSON), and
    leaves no row and no file behind. ``admin``: Django's admin, whose pages have no error summary."""
    settings = request.getfixturevalue("settings")
    server = request.getfixturevalue("clamav_down" if scenario == "down" else "clamav")
    if scenario == "unset":
        settings.PORTAL_CLAMAV_URL = ""
    before_rows, before_files = rows(), media_files(settings)
    content = clean if scenario == "clean" else infected
    response = send(content)
    if scenario in ("clean", "unset"):
        assert response.status_code in accepted, response.content.decode()[:2000]
        assert rows() > before_rows
        new = {path: data for path, data in media_files(settings).items() if path not in before_files}
        assert content in new.values()  # stored as sent
        if scenario == "clean":
            assert server.streams == [content]  # scanned, once
        else:
            assert server.commands == []  # not configured: clamd never asked
        return response
    assert response.status_code == refused, (response.status_code, response.content.decode()[-3000:])
    text = FOUND_TEXT if scenario == "infected" else UNAVAILABLE_TEXT
    if api:
        assert text in " ".join(str(message) for message in response.json()[field])
    else:
        page = response.content.decode()
        assert text in page and (admin or f'href="#id_{field}"' in page)
    assert rows() == before_rows and media_files(settings) == before_files  # nothing saved
    return response


def workbook(*rows, infected=False) -> bytes:
    """An .xlsx of ``rows``; ``infected`` adds the EICAR string as an uncompressed part (a scanner
    unpacks the archive; the fake one looks for the string in the raw bytes)."""
    import io
    import zipfile

    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    if infected:
        with zipfile.ZipFile(out, "a", zipfile.ZIP_STORED) as archive:
            archive.writestr("xl/media/eicar.com", EICAR)
    return out.getvalue()
