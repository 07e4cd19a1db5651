"""Import of an external register export (Code Sociale Ondernemingen register, PSO list) as CSV
or Excel workbook (read by ``impactportal.spreadsheet_rows``).

Two passes: ``parse`` validates every row first (malformed rows are reported with their line
number and skipped); ``apply`` then applies all valid rows in ONE transaction, so an import is
never half-applied: a failure while applying rolls everything back. Running the same file twice
changes nothing the second time (rows then report as matched, not updated)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext

from impactportal import access, spreadsheet_rows
from impactportal.spreadsheet_csv import SpreadsheetWriter
from impactportal.text import has_non_ascii_digit
from impactportal.ui.import_messages import as_number, message, text
from impactportal.ui.imports import counted, rows_read

from . import checks
from .constants import CertificationSource, Scheme
from .models import Certification, Enterprise

MAX_IMPORT_BYTES = 5 * 1024 * 1024
# Data rows a file may have: a register list (PSO, Code Sociaal Ondernemen) has a few thousand.
MAX_ROWS = 20_000
# Header titles, compared after lower-casing and turning spaces and hyphens into underscores.
COLUMNS = {
    "kvk_number": {"kvk", "kvk_number", "kvk_nummer", "kvknummer", "kvk_nr", "kvknr"},
    "name": {"name", "naam", "bedrijfsnaam", "handelsnaam"},
    "scheme": {"scheme", "regeling", "keurmerk", "certificaat"},
    "valid_until": {"valid_until", "geldig_tot", "geldig_tot_en_met", "einddatum"},
    "number": {"number", "nummer", "certificaatnummer"},
}
# The column names the import page asks for (the first Dutch alias of each).
COLUMN_TITLES = {"kvk_number": "kvk_nummer", "name": "naam", "scheme": "regeling", "valid_until": "geldig_tot",
                 "number": "nummer"}
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")
# A moment's time of day after its date ("2026-03-31 00:00:00", "31-3-2026 0:00"): a spreadsheet
# saves a date-and-time cell so in a CSV, and a system's export writes its dates as moments.
TIME_OF_DAY = re.compile(r"(?:\s+|T)[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?$")
# The last day a spreadsheet's date serial number can be (31 December 9999).
EXCEL_LAST_SERIAL = 2958465
# A register field is a name, number or date: a longer value is a bad row. (An unclosed quote that
# swallows the lines after it is told apart by the lines it spans; past csv's own limit, 131,072
# characters, the rest of the file cannot be read and nothing is applied.)
MAX_FIELD_CHARS = 1000
# The import page lists this many rows per section; the CSV download has them all.
REPORT_PAGE_ROWS = 200
LEGAL_SUFFIXES = re.compile(r"\b(b\.?v\.?|n\.?v\.?|v\.?o\.?f\.?|stichting|coöperatie|cooperatie|u\.?a\.?)\b")


@dataclass(frozen=True)
class Row:
    line: int
    kvk_number: str
    name: str
    scheme: str
    valid_until: dt.date | None
    number: str = ""


def _scheme_lookup() -> dict[str, str]:
    """A file's scheme name → the scheme: its code, or its label in any of the portal's languages
    (the import runs in the uploader's language, and one file gave another outcome in English:
    "Code Sociale Ondernemingen" was an unknown scheme there)."""
    lookup = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            lookup.update({str(label).casefold(): value for value, label in Scheme.choices})
    lookup.update({value: value for value in Scheme.values})
    lookup.update({"pso30+": Scheme.PSO_30, "pso 30": Scheme.PSO_30, "code sociaal ondernemen": Scheme.CSO,
                   "pso basis": Scheme.PSO_BASIS, "pso trede1": Scheme.PSO_1, "b-corp": Scheme.B_CORP,
                   "bcorp": Scheme.B_CORP, "cedris": Scheme.CEDRIS, "cedris leerwerkbedrijf": Scheme.CEDRIS,
                   "leerwerkbedrijf": Scheme.CEDRIS})
    return lookup


def decode(raw: bytes) -> str | bytes:
    """The text of a CSV upload; a workbook's bytes as they are (``parse`` reads either)."""
    return spreadsheet_rows.decode(raw)


def parse(source: str | bytes, default_scheme: str = "") -> spreadsheet_rows.Parsed:
    """Valid rows, and malformed rows as ``{"line", "message"}`` (a message stored untranslated:
    ``impactportal.ui.import_messages``), from the text of a CSV file or the bytes of an upload
    (CSV or Excel: the first worksheet with this import's header), with ``sheet`` the worksheet
    read. Line numbers are the file's (a workbook's row numbers): a record that spans several
    physical lines is reported on the line where it starts."""
    malformed: list[dict] = []
    records = spreadsheet_rows.read_rows(source, max_rows=MAX_ROWS, header_check=_header_check(default_scheme))
    try:
        header = next(records, (1, None))[1]
    except spreadsheet_rows.Unreadable as error:
        return spreadsheet_rows.Parsed([], [error.as_row()], refused=True)
    sheet = spreadsheet_rows.sheet_of(header)
    positions, problem = _header(header, default_scheme)
    if problem:
        problem = spreadsheet_rows.misplaced_header(source, _header_check(default_scheme)) or problem
        return spreadsheet_rows.Parsed([], [{"line": 1, "message": problem}], sheet, refused=True)
    schemes = _scheme_lookup()
    rows: list[Row] = []
    seen: dict[tuple[str, str], int] = {}
    try:
        for line, values in records:
            if isinstance(values, spreadsheet_rows.Skipped):
                malformed.append({"line": line, "message": too_long(header, None) if values.too_long else message(
                    gettext_noop("Ongesloten aanhalingsteken vanaf regel %(line)s: regels %(line)s tot en met %(end)s "
                                 "zijn als één regel gelezen en overgeslagen. Controleer de aanhalingstekens (\") op "
                                 "regel %(line)s."), line=line, end=values.end)})
                continue
            problem = shape_problem(values, header)
            if problem:
                malformed.append({"line": line, "message": problem})
                continue
            row, problems = _parse_row(values, positions, line, schemes, default_scheme)
            if row and (row.kvk_number, row.scheme) in seen:
                problems.append(message(gettext_noop("Dubbele regel: dezelfde KvK en regeling staan ook op regel "
                                                     "%(line)s."), line=seen[(row.kvk_number, row.scheme)]))
            if problems:
                # The KvK number and name as the file has them, for the report to say which row is
                # meant (a row whose columns did not fit, above, has none to trust).
                malformed.append({"line": line, **file_cells(values, positions, kvk_number="kvk_number"),
                                  "message": problems})
                continue
            seen[(row.kvk_number, row.scheme)] = line
            rows.append(row)
    except spreadsheet_rows.Unreadable as error:
        # The rest of the file is unreadable: applying only the part before it would be a
        # half-applied import, so nothing is applied.
        return spreadsheet_rows.Parsed([], [*malformed, error.as_row()], sheet, refused=True)
    if not rows and not malformed:
        # "Klaar: 0 regels gelezen, 0 gevonden" read as an import that found nothing in the register.
        malformed.append({"line": 2, "message": message(gettext_noop(
            "Het bestand heeft alleen een kopregel: er staan geen ondernemingen in. Controleer de export uit het "
            "register."))})
        return spreadsheet_rows.Parsed([], malformed, sheet, refused=True)
    return spreadsheet_rows.Parsed(rows, malformed, sheet)


def file_cells(values: list[str], positions: dict, *, kvk_number: str, name: str = "name") -> dict:
    """A bad row's ``kvk_number`` and ``name`` as the file wrote them (the columns at ``positions``
    named ``kvk_number`` and ``name``), for the report; also read by the payments import."""
    def cell(column):
        index = positions.get(column)
        return str(values[index]).strip() if index is not None and index < len(values) else ""

    return {"kvk_number": cell(kvk_number), "name": cell(name)}


def too_long(header, index) -> dict:
    column = header[index].strip() if index is not None and index < len(header) else ""
    if column:
        return message(gettext_noop("%(column)s te lang: meer dan %(max)s tekens."), column=column,
                       max=as_number(MAX_FIELD_CHARS))
    return message(gettext_noop("Een waarde is te lang: meer dan %(max)s tekens."), max=as_number(MAX_FIELD_CHARS))


def shape_problem(values: list[str], header: list[str]) -> dict | str:
    """What makes a data row unreadable as a whole ("" when nothing; else a stored message): more
    columns than the header (the values may have shifted) or a value longer than any name, number
    or date can be."""
    extra = next((index for index, value in enumerate(values) if index >= len(header) and value.strip()), None)
    if extra is not None and spreadsheet_rows.sheet_of(header) is not None:
        # A worksheet has no separators to check: a value stands in a column without a name (a note
        # beside the row, say).
        from openpyxl.utils import get_column_letter

        return message(gettext_noop("Er staat een waarde in kolom %(column)s, die op regel 1 geen kolomnaam heeft. "
                                    "Maak die cel leeg of geef de kolom een naam op regel 1."),
                       column=get_column_letter(extra + 1))
    if extra is not None:
        return message(gettext_noop("Meer kolommen dan de kopregel (%(count)s in plaats van %(header)s); controleer "
                                    "de scheidingstekens op deze regel."),
                       count=as_number(len(values)), header=as_number(len(header)))
    for index, value in enumerate(values):
        if len(value) > MAX_FIELD_CHARS:
            return too_long(header, index)
    return ""


def _header(header, default_scheme: str) -> tuple[dict, dict | str]:
    """``({column: position}, "")`` for a usable header row, else ``({}, what is wrong)`` (a stored message)."""
    if not header:
        return {}, message(gettext_noop("Het bestand is leeg."))
    positions = {}
    for index, title in enumerate(header):
        for column, aliases in COLUMNS.items():
            if re.sub(r"[\s-]+", "_", title.strip().casefold()) in aliases:
                positions[column] = index
    required = ["kvk_number", "name", "valid_until"] + ([] if default_scheme else ["scheme"])
    missing = [c for c in required if c not in positions]
    if missing and spreadsheet_rows.is_export_of(header, _portal_exports()):
        # Its own list back: "Kolommen ontbreken: naam" did not say that this is no register's list,
        # and the import would verify every certificate the portal has, checked against nothing.
        return {}, message(gettext_noop(
            "Dit bestand is een export uit het portaal zelf (de certificatenlijst of het register), geen lijst van "
            "een extern register. De import vergelijkt het portaal met een extern register en verifieert de "
            "certificaten die daarin staan; de eigen lijst van het portaal kan dat niet bevestigen. Er is niets "
            "verwerkt; importeer de export van het register zelf (bijvoorbeeld de PSO-lijst of het register van de "
            "Code Sociale Ondernemingen) met de kolommen kvk_nummer, naam, regeling en geldig_tot."))
    if missing:
        # Named as the import page asks for them, not by their internal names.
        return {}, message(gettext_noop("Kolommen ontbreken in de kopregel: %(columns)s."),
                           columns=", ".join(str(COLUMN_TITLES[c]) for c in missing))
    return positions, ""


def _portal_exports() -> tuple:
    """The portal's own lists a user may take for a register's list: their exports are refused by name."""
    from .tables import CertificationTable, EnterpriseTable

    return CertificationTable, EnterpriseTable


def _header_check(default_scheme: str):
    """What is wrong with a header row ("" when nothing; else a stored message), for the reader to
    find the worksheet (and to say, when none fits, what the first one lacks)."""
    return lambda header: _header(header, default_scheme)[1]


def header_problem(raw: bytes, default_scheme: str = "") -> str:
    """What makes an upload's header row unusable ("" when none), for the upload form: ``raw`` is
    the whole upload (a CSV's first bytes will do)."""
    try:
        header = spreadsheet_rows.header_row(raw, _header_check(default_scheme))
    except spreadsheet_rows.Unreadable as error:
        return error.message
    problem = "" if header is None else _header(header, default_scheme)[1]
    if problem:
        problem = spreadsheet_rows.misplaced_header(raw, _header_check(default_scheme)) or problem
    return text(problem)


def _parse_row(values, positions, line, schemes, default_scheme):
    def cell(column):
        index = positions.get(column)
        return values[index].strip() if index is not None and index < len(values) else ""

    problems = []
    kvk = checks.imported_kvk(cell("kvk_number"))
    if has_non_ascii_digit(kvk):
        problems.append(message(gettext_noop("KvK-nummer '%(value)s' bevat andere cijfers dan 0 tot en met 9."),
                                value=cell("kvk_number")))
    elif not checks.KVK_PATTERN.match(kvk):
        problems.append(message(gettext_noop("KvK-nummer '%(value)s' bestaat niet uit 8 cijfers."),
                                value=cell("kvk_number")))
    name = cell("name")
    if not name:
        problems.append(message(gettext_noop("Naam ontbreekt.")))
    scheme_text = cell("scheme")
    scheme = schemes.get(scheme_text.casefold()) if scheme_text else default_scheme
    if not scheme and not scheme_text:
        # An empty cell read "Onbekende regeling ''", as if '' were a scheme's name.
        problems.append(message(gettext_noop("Regeling ontbreekt: vul de regeling in (bijvoorbeeld PSO 30+) of kies "
                                             "bij het importeren een regeling voor het hele bestand.")))
    elif not scheme:
        problems.append(message(gettext_noop("Onbekende regeling '%(value)s'."), value=scheme_text))
    elif scheme == Scheme.SROI_BADGE:
        # The platform issues its badge on admission, for one year: a file that set its end date
        # (verified, at that) extended the bridge the one-year rule closes.
        problems.append(message(gettext_noop("De SROI-badge van het platform staat niet in een extern register: "
                                             "het portaal geeft haar uit bij de toelating.")))
    elif scheme == Scheme.OTHER:
        # The import verifies what it imports; "Anders" names no register a broker could check
        # it against, so a file would have verified whatever it listed.
        problems.append(message(gettext_noop("Regeling 'Anders' staat niet in een extern register en kan niet met "
                                             "een import worden geverifieerd: noem de regeling (bijvoorbeeld PSO 30+ "
                                             "of Code Sociale Ondernemingen).")))
    valid_until = None
    if cell("valid_until"):
        index = positions["valid_until"]
        valid_until = _date(values[index] if isinstance(values[index], spreadsheet_rows.Number) else cell("valid_until"))
        if valid_until is None:
            problems.append(message(gettext_noop("Datum '%(value)s' is geen geldige datum (gebruik JJJJ-MM-DD)."),
                                    value=cell("valid_until")))
    elif scheme in checks.EXPIRING_SCHEMES and scheme != Scheme.SROI_BADGE:
        # An empty date wiped the certificate's end date: a PSO certificate, verified by the
        # import, then counted as valid for ever.
        problems.append(message(gettext_noop("Einddatum ontbreekt: een certificaat %(scheme)s is altijd beperkt "
                                             "geldig."), scheme=Scheme(scheme).label))
    number = cell("number")
    if number and not checks.NUMBER_PATTERN.match(number):
        problems.append(message(gettext_noop("Certificaatnummer '%(value)s' heeft een ongeldige vorm."), value=number))
    if problems:
        return None, problems
    return Row(line, kvk, name, scheme, valid_until, number), []


def _date(text):
    """The day a file's date cell gives, else None: text in one of ``DATE_FORMATS`` (a time of day
    after it ignored), or a workbook's number in a date column, which is the date's serial number as
    the spreadsheet stores it (46112 is 2026-03-31; the cell lost its date format, or the workbook
    was written by a program that gave it none)."""
    if isinstance(text, spreadsheet_rows.Number):
        return _serial_date(text.value)
    if not text.isascii():  # strptime reads fullwidth and other Unicode digits as 0-9
        return None
    text = TIME_OF_DAY.sub("", text)
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 — a calendar date, no time
        except ValueError:
            continue
    return None


def _serial_date(value) -> dt.date | None:
    if not 1 <= value <= EXCEL_LAST_SERIAL:
        return None
    from openpyxl.utils.datetime import from_excel  # the spreadsheet's own count, its 1900 leap day included

    return from_excel(float(value)).date()


def same_name(a: str, b: str) -> bool:
    def norm(name):
        name = LEGAL_SUFFIXES.sub(" ", name.casefold())
        return " ".join(re.sub(r"[^\w]+", " ", name).split())

    return norm(a) == norm(b)


def apply(rows: list[Row], *, user, today: dt.date, progress=None) -> dict:
    """Apply the valid rows in one transaction and return the report."""
    report = {"matched": [], "unknown": [], "mismatches": [], "outside_scope": []}
    kvks = [r.kvk_number for r in rows]
    enterprises = {}
    for start in range(0, len(kvks), 500):
        chunk = kvks[start:start + 500]
        enterprises.update({e.kvk_number: e for e in Enterprise.objects.filter(kvk_number__in=chunk)})
    # The import verifies certificates: the enterprises of the user's municipality ("decide", as
    # ``Certification``'s "verify"), not every one they may change (a broker who is also the
    # entrepreneur of an enterprise elsewhere verified its certificates by file).
    changeable = set(access.scope(user, Enterprise.objects.filter(pk__in=[e.pk for e in enterprises.values()]),
                                  "decide").values_list("pk", flat=True))
    certificates: dict[tuple[int, str], list[Certification]] = {}
    # Revoked or disputed by a broker: a decision the import does not undo by adding the
    # certificate afresh (verified, at that) as if the portal did not have it.
    decided: set[tuple[int, str]] = set()
    for cert in Certification.objects.filter(enterprise__in=changeable):
        if cert.status in checks.STICKY_STATUSES:
            decided.add((cert.enterprise_id, cert.scheme))
        else:
            certificates.setdefault((cert.enterprise_id, cert.scheme), []).append(cert)
    with transaction.atomic():
        for index, row in enumerate(rows, start=1):
            _apply_row(row, enterprises, changeable, certificates, report, user, today, decided)
            if progress and index % 200 == 0:
                progress(index, len(rows))
        _admissions_follow(report, today)
    return report


def _admissions_follow(report, today) -> None:
    """An admission on a label follows its certificates now, as after a change on the screen: one
    the import ended withdraws it (the showcase listed the enterprise until the night's run), one
    it verified admits an open application on an automatic rule. In the import's transaction."""
    from . import admission, services

    for enterprise_id in sorted({row["enterprise_id"] for row in report["matched"] if row.get("updated")}):
        enterprise = Enterprise.objects.get(pk=enterprise_id)
        if not services.label_admission_recheck(enterprise=enterprise, today=today):
            admission.admit_on_label(enterprise=enterprise, today=today)


def _apply_row(row, enterprises, changeable, certificates, report, user, today, decided=frozenset()):
    base = {"line": row.line, "kvk_number": row.kvk_number, "name": row.name}
    enterprise = enterprises.get(row.kvk_number)
    if enterprise is None:
        report["unknown"].append(base)
        return
    base |= {"enterprise_id": enterprise.pk, "enterprise_name": enterprise.name}
    if enterprise.pk not in changeable:
        report["outside_scope"].append(base)
        return

    def mismatch(kind, msgid, **params):
        report["mismatches"].append(base | {"kind": kind, "message": message(msgid, **params)})

    if not same_name(row.name, enterprise.name):
        mismatch("name_differs", gettext_noop("Naam in het register: '%(register)s'; in het portaal: '%(portal)s'."),
                 register=row.name, portal=enterprise.name)
    if row.valid_until and row.valid_until < today:
        mismatch("certificate_expired", gettext_noop("Volgens het register is het certificaat verlopen op %(end)s."),
                 end=row.valid_until)
    existing = sorted(certificates.get((enterprise.pk, row.scheme), []),
                      key=lambda c: c.valid_until or dt.date.max, reverse=True)
    cert = existing[0] if existing else None
    if cert is None and (enterprise.pk, row.scheme) in decided:
        mismatch("certificate_revoked", gettext_noop("Het certificaat is in het portaal ingetrokken of betwist; niet "
                                                     "opnieuw toegevoegd. Een makelaar kan het opnieuw verifiëren."))
        report["matched"].append(base | {"updated": False})
        return
    if cert is None:
        cert = Certification(enterprise=enterprise, scheme=row.scheme, source=CertificationSource.IMPORT,
                             issuer=_("Registerimport"))
        certificates.setdefault((enterprise.pk, row.scheme), []).append(cert)
        mismatch("certificate_missing", gettext_noop("Het certificaat ontbrak in het portaal en is toegevoegd."))
    elif row.number and cert.number and row.number != cert.number:
        mismatch("number_differs", gettext_noop("Certificaatnummer in het register: %(register)s; in het portaal: "
                                                "%(portal)s."), register=row.number, portal=cert.number)
    if cert.issued_on and row.valid_until and row.valid_until < cert.issued_on:
        mismatch("dates_conflict", gettext_noop("De einddatum in het register ligt vóór de uitgiftedatum in het "
                                                "portaal; niet bijgewerkt."))
        report["matched"].append(base | {"updated": False})
        return
    changed = _update(cert, row, user, today)
    report["matched"].append(base | {"updated": changed})


def _update(cert, row, user, today) -> bool:
    values = {"valid_until": row.valid_until}
    if row.number:
        values["number"] = row.number
    changed = cert.pk is None or any(getattr(cert, k) != v for k, v in values.items()) or cert.verified_at is None
    if not changed:
        status = checks.compute_status(cert.facts, today)
        if status == cert.status:
            return False
    if cert.pk is not None:
        # The certificates were read before the import began (it may run for minutes): a broker
        # who revoked or disputed one since had that decision overwritten by the stale copy.
        current = Certification.objects.select_for_update().filter(pk=cert.pk).values_list("status", flat=True).first()
        if current is None or current in checks.STICKY_STATUSES:
            return False
    for key, value in values.items():
        setattr(cert, key, value)
    if cert.verified_at is None or changed:
        cert.verified_at = timezone.now()
        cert.verified_by = user
    cert.status = checks.compute_status(cert.facts, today)
    cert.save()
    return True


# Lazy: read in the language of whoever downloads the report, not the one the module was loaded in.
REPORT_SECTIONS = {
    "malformed": gettext_lazy("regel met fouten"), "mismatches": gettext_lazy("afwijking"),
    "unknown": gettext_lazy("onbekende onderneming"), "outside_scope": gettext_lazy("buiten uw gemeente"),
    "matched": gettext_lazy("gevonden"),
}


def report_rows(report: dict):
    """Every line of the report as (section, line, KvK number, name, message), for the CSV download."""
    for key, label in REPORT_SECTIONS.items():
        for row in report.get(key, []):
            said = text(row.get("message", ""))
            if key == "matched":
                said = _("bijgewerkt") if row.get("updated") else _("ongewijzigd")
            yield [str(label), row.get("line", ""), row.get("kvk_number", ""),
                   row.get("enterprise_name") or row.get("name", ""), said]


def write_report_csv(report: dict, out) -> None:
    writer = SpreadsheetWriter(out)
    # Capitalised as every other export's header (``impactportal.exports``).
    writer.writerow([capfirst(_("soort")), capfirst(_("regel")), _("KvK-nummer"), capfirst(_("naam")),
                     capfirst(_("melding"))])
    for values in report_rows(report):
        writer.writerow(values)  # text from the uploaded file: the writer keeps formulas from running


def outcome(report: dict) -> list[str]:
    """The finished import's counts, each a phrase, for the page's status sentence
    (``impactportal.ui.imports``): the rows read and found always, the rest when there are any."""
    counts = {key: len(report.get(key, [])) for key in ("matched", "unknown", "mismatches", "outside_scope",
                                                        "malformed")}
    phrases = (
        rows_read(report.get("total_rows", 0)),
        counted(counts["matched"], lambda n: ngettext("%(n)s gevonden in het register",
                                                      "%(n)s gevonden in het register", n), always=True),
        # What the import changed, when it changed something: the same file imported again reads
        # "… gevonden in het register" without it (the rows found are listed "ongewijzigd").
        counted(sum(1 for row in report.get("matched", []) if row.get("updated")),
                lambda n: ngettext("%(n)s bijgewerkt", "%(n)s bijgewerkt", n)),
        counted(counts["unknown"], lambda n: ngettext("%(n)s onbekende onderneming", "%(n)s onbekende ondernemingen",
                                                      n)),
        counted(counts["mismatches"], lambda n: ngettext("%(n)s afwijking", "%(n)s afwijkingen", n)),
        counted(counts["outside_scope"], lambda n: ngettext("%(n)s buiten uw gemeente (niet verwerkt)",
                                                            "%(n)s buiten uw gemeente (niet verwerkt)", n)),
        counted(counts["malformed"], lambda n: ngettext("%(n)s regel met fouten (overgeslagen)",
                                                        "%(n)s regels met fouten (overgeslagen)", n)),
    )
    return [phrase for phrase in phrases if phrase]


def summary(report: dict, malformed: list[dict], total: int) -> dict:
    """Short counts for the job page (and the worksheet read, of a workbook); the full report lives
    on the import. Each key is stored as its message id, written in the reader's language when
    shown (``impactportal.jobs.job_result``)."""
    return {
        **({gettext_noop("werkblad"): report["sheet"]} if report.get("sheet") is not None else {}),
        gettext_noop("regels"): total,
        gettext_noop("gevonden"): len(report.get("matched", [])),
        gettext_noop("bijgewerkt"): sum(1 for r in report.get("matched", []) if r.get("updated")),
        gettext_noop("onbekend"): len(report.get("unknown", [])),
        gettext_noop("afwijkingen"): len(report.get("mismatches", [])),
        gettext_noop("buiten uw gemeente"): len(report.get("outside_scope", [])),
        gettext_noop("onjuiste regels"): len(malformed),
    }
