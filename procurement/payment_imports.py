"""Import of an organisation's supplier payments (a CSV or Excel export of its financial system).

The same two passes as the register import (``enterprises.imports``): ``parse`` validates every
row first and reports bad rows with their line number; ``apply`` writes in ONE transaction. One
rule is stricter: payments are money the council is told about, so a file with any bad row applies
NOTHING (a partial file would understate the spending); the broker fixes the file and uploads it
again. Re-importing the same file replaces the payments of the earlier import of that file (same
SHA-256 per organisation) instead of adding them twice.

Columns (header titles in Dutch or English, ``;``, ``,`` or tab as delimiter): supplier KvK number
(may be empty, e.g. a foreign supplier), name, date (``2026-03-31``, ``31-03-2026`` or
``31/03/2026``, a time of day after it ignored; in a workbook a date cell or its serial number),
amount excluding VAT (``1.234,56``, ``1234,56`` or ``1234.56``; negative for a credit note) and
cost category. The portal's own export of the payments is refused as such: its payments are here."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from enterprises.checks import KVK_PATTERN, imported_kvk
from enterprises.constants import AdmissionStatus
from enterprises.imports import _date, decode, file_cells, shape_problem, too_long
from enterprises.models import Enterprise
from impactportal import access, spreadsheet_rows
from impactportal.spreadsheet_csv import SpreadsheetWriter
from impactportal.text import has_non_ascii_digit
from impactportal.ui.import_messages import message
from impactportal.ui.import_messages import text as message_text
from impactportal.ui.imports import counted, rows_read

from .models import PaymentImport, SupplierPayment

MAX_IMPORT_BYTES = 5 * 1024 * 1024
# Data rows a file may have: more than a 5 MB CSV of payments holds (about 60 bytes a row), so the
# cap only bounds a workbook, whose XML is packed about tenfold.
MAX_ROWS = 100_000
COLUMNS = {
    "kvk": {"kvk", "kvk_nummer", "kvknummer", "kvk_number", "kvk_nr", "kvknr", "kvk_leverancier", "supplier_kvk"},
    "name": {"naam", "name", "leverancier", "naam_leverancier", "crediteur", "crediteurnaam", "supplier",
             "supplier_name"},
    "date": {"datum", "date", "boekdatum", "betaaldatum", "factuurdatum", "payment_date"},
    "amount": {"bedrag", "bedrag_excl_btw", "bedrag_exclusief_btw", "amount", "amount_excl_vat",
               "amount_excluding_vat"},
    "cost_category": {"kostensoort", "cost_category", "categorie", "category"},
}
REQUIRED = ("kvk", "name", "date", "amount")
# Missing columns are named as the upload page asks for them, not by their internal keys.
COLUMN_TITLES = {"kvk": "kvk-nummer", "name": "naam", "date": "datum", "amount": "bedrag excl. btw"}
REPORT_PAGE_ROWS = 200
MAX_AMOUNT = Decimal("999999999999.99")  # the model's 14 digits, 2 decimals
CENT = Decimal("0.01")
AMOUNT = re.compile(r"^-?[0-9.,]+$")
UNREADABLE, AMBIGUOUS, TOO_LARGE = "unreadable", "ambiguous", "too_large"
# The first payment date accepted: the figures' year filter starts there (``filters.figures``).
EARLIEST_PAYMENT = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class Row:
    line: int
    kvk: str
    name: str
    date: dt.date
    amount: Decimal
    cost_category: str


def checksum(rows: list[Row]) -> str:
    """What makes an upload "the same payments": its rows as read (supplier, date, amount, cost
    category, in file order), not its bytes. Saved again by a spreadsheet, a file changes bytes
    that are no payment (a byte-order mark, line endings, the delimiter, "31-03-2026" for
    "2026-03-31", a workbook's time of saving), and the same payments would count twice."""
    digest = hashlib.sha256(b"payment rows\n")
    for row in rows:
        digest.update(json.dumps([row.kvk, row.name, row.date.isoformat(), str(row.amount),
                                  row.cost_category]).encode() + b"\n")
    return digest.hexdigest()


def file_checksum(raw: bytes) -> str:
    """The identity imports stored before ``checksum`` (a CSV's bytes, a workbook's cells): still
    matched, so a file imported then and uploaded again replaces its payments too."""
    if raw.startswith(spreadsheet_rows.ZIP_MAGIC):
        digest = hashlib.sha256(b"workbook rows\n")
        try:
            for line, values in spreadsheet_rows.read_rows(raw, max_rows=MAX_ROWS, header_check=_header_check):
                digest.update(json.dumps([line, values]).encode() + b"\n")
        except spreadsheet_rows.Unreadable:
            return hashlib.sha256(raw).hexdigest()
        return digest.hexdigest()
    return hashlib.sha256(raw).hexdigest()


def _header_key(title: str) -> str:
    return re.sub(r"[\s.\-]+", "_", title.strip().casefold()).strip("_")


def parse_amount(text: str) -> Decimal | None:
    """The amount of ``read_amount``, None when it is not one."""
    return read_amount(text)[0]


def read_amount(text: str) -> tuple[Decimal | None, str]:
    """A Dutch or English amount: ``1.234,56``, ``1234,56``, ``1,234.56``, ``1234.56``, ``€ 12``.
    The last separator followed by one or two digits is the decimal mark; a lone dot followed by
    exactly three digits (``1.234``) is the Dutch thousands separator. ``(amount, "")``, or
    ``(None, why)`` with why ``UNREADABLE``, ``AMBIGUOUS`` or ``TOO_LARGE``.

    A workbook cell that holds a number (``spreadsheet_rows.Number``) is that number: never
    ambiguous, and rounded to cents as Excel shows an amount (an amount excluding VAT calculated in
    the sheet has more decimals)."""
    if isinstance(text, spreadsheet_rows.Number):
        if abs(text.value) > MAX_AMOUNT:
            return None, TOO_LARGE
        return text.value.quantize(CENT, rounding=ROUND_HALF_UP), ""
    text = text.replace("€", "").replace("\u00a0", "").replace(" ", "")
    if text.startswith("(") and text.endswith(")"):  # accountants' notation of a negative amount
        text = "-" + text[1:-1]
    if not text or not text.isascii() or not AMOUNT.match(text):
        return None, UNREADABLE
    last = max(text.rfind(","), text.rfind("."))
    if last >= 0 and len(text) - last - 1 in (1, 2):
        whole, decimals = text[:last], text[last + 1:]
    else:
        whole, decimals = text, ""
    if not decimals and re.fullmatch(r"-?[0-9]{1,3},[0-9]{3}", whole):
        # In a Dutch file the comma is the decimal mark, in an English one a thousands separator:
        # "1,234" is € 1,234 or € 1.234,00. It was booked as the latter; a guess off by 1,000 in
        # the council's figures is worse than asking for the file to say it unambiguously.
        return None, AMBIGUOUS
    separators = set(re.sub(r"[-0-9]", "", whole))
    if len(separators) > 1 or (separators and not re.fullmatch(r"-?[0-9]{1,3}([.,][0-9]{3})+", whole)):
        return None, UNREADABLE  # mixed or misplaced thousands separators: guessing could be off by 1,000
    try:
        amount = Decimal(re.sub(r"[.,]", "", whole) + ("." + decimals if decimals else ""))
    except InvalidOperation:
        return None, UNREADABLE
    if abs(amount) > MAX_AMOUNT:
        return None, TOO_LARGE
    return amount.quantize(CENT), ""


def _header(header) -> tuple[dict, dict | str]:
    """``({column: position}, "")`` for a usable header row, else ``({}, what is wrong)`` (a stored message)."""
    if not header or not any(h.strip() for h in header):
        return {}, message(gettext_noop("Het bestand is leeg."))
    positions = {}
    for index, title in enumerate(header):
        for column, aliases in COLUMNS.items():
            if _header_key(title) in aliases:
                positions.setdefault(column, index)
    missing = [c for c in REQUIRED if c not in positions]
    if missing and spreadsheet_rows.is_export_of(header, _portal_exports()):
        # Its own list back: "Kolommen ontbreken: kvk-nummer" did not say that these payments are in
        # the portal already (and would count twice, were its columns renamed to fit).
        return {}, message(gettext_noop(
            "Dit bestand is de lijst van betalingen uit het portaal zelf (een export), geen export uit uw financiële "
            "systeem: deze betalingen staan al in het portaal en zouden dubbel meetellen. Er is niets verwerkt. "
            "Importeer het bestand uit uw financiële systeem; om een eerdere import te verbeteren trekt u die in en "
            "importeert u het verbeterde bestand."))
    if missing:
        return {}, message(gettext_noop("Kolommen ontbreken in de kopregel: %(columns)s. Verwacht: "
                                        "kvk-nummer;naam;datum;bedrag excl. btw;kostensoort."),
                           columns=", ".join(COLUMN_TITLES[c] for c in missing))
    return positions, ""


def _portal_exports() -> tuple:
    """The portal's own list of payments: its export is refused by name."""
    from .tables.figures import SupplierPaymentTable

    return (SupplierPaymentTable,)


def _header_check(header) -> dict | str:
    """What is wrong with a header row ("" when nothing; else a stored message), for the reader to
    find the worksheet (and to say, when none fits, what the first one lacks)."""
    return _header(header)[1]


def header_problem(raw: bytes) -> str:
    """What makes an upload's header row unusable ("" when none), for the upload form: ``raw`` is
    the whole upload (a CSV's first bytes will do)."""
    try:
        header = spreadsheet_rows.header_row(raw, _header_check)
    except spreadsheet_rows.Unreadable as error:
        return error.message
    problem = "" if header is None else _header(header)[1]
    if problem:
        problem = spreadsheet_rows.misplaced_header(raw, _header_check) or problem
    return message_text(problem)


def parse(source: str | bytes, today: dt.date | None = None) -> spreadsheet_rows.Parsed:
    """Valid rows, and bad rows as ``{"line", "message"}`` (line numbers of the file: a workbook's
    row numbers; a message stored untranslated: ``impactportal.ui.import_messages``), from the
    text of a CSV file or the bytes of an upload (CSV or Excel: the first worksheet with this
    import's header), with ``sheet`` the worksheet read."""
    today = today or timezone.localdate()
    records = spreadsheet_rows.read_rows(source, max_rows=MAX_ROWS, header_check=_header_check)
    try:
        header = next(records, (1, None))[1]
    except spreadsheet_rows.Unreadable as error:
        return spreadsheet_rows.Parsed([], [error.as_row()], refused=True)
    sheet = spreadsheet_rows.sheet_of(header)
    positions, problem = _header(header)
    if problem:
        problem = spreadsheet_rows.misplaced_header(source, _header_check) or problem
        return spreadsheet_rows.Parsed([], [{"line": 1, "message": problem}], sheet, refused=True)
    rows: list[Row] = []
    bad: list[dict] = []
    try:
        for line, values in records:
            if isinstance(values, spreadsheet_rows.Skipped):
                bad.append({"line": line, "message": too_long(header, None) if values.too_long else message(
                    gettext_noop("Ongesloten aanhalingsteken vanaf regel %(line)s: regels %(line)s tot en met %(end)s "
                                 "zijn als één regel gelezen. Controleer de aanhalingstekens (\") op regel %(line)s."),
                    line=line, end=values.end)})
                continue
            problem = shape_problem(values, header)
            if problem:
                bad.append({"line": line, "message": problem})
                continue
            row, problems = _parse_row(values, positions, line, today)
            if problems:
                # The supplier's KvK number and name as the file has them, for the report.
                bad.append({"line": line, **file_cells(values, positions, kvk_number="kvk"), "message": problems})
            else:
                rows.append(row)
    except spreadsheet_rows.Unreadable as error:
        return spreadsheet_rows.Parsed([], [*bad, error.as_row()], sheet, refused=True)
    if not rows and not bad:
        # "Done: 0 payments" would read as an import that worked; most likely the export went wrong.
        bad.append({"line": 2, "message": message(gettext_noop(
            "Het bestand heeft alleen een kopregel: er staan geen betalingen in. Controleer de export uit uw "
            "financiële systeem."))})
        return spreadsheet_rows.Parsed([], bad, sheet, refused=True)
    return spreadsheet_rows.Parsed(rows, bad, sheet)


def _parse_row(values, positions, line, today):
    def cell(column):
        index = positions.get(column)
        value = values[index] if index is not None and index < len(values) else ""
        return value if isinstance(value, spreadsheet_rows.Number) else value.strip()  # an amount's number kept

    problems = []
    kvk = imported_kvk(cell("kvk"))
    if has_non_ascii_digit(kvk) or (kvk and not KVK_PATTERN.match(kvk)):
        problems.append(message(gettext_noop("KvK-nummer '%(value)s' bestaat niet uit 8 cijfers (laat het leeg als "
                                             "de leverancier geen KvK-nummer heeft)."), value=str(cell("kvk"))))
    name = cell("name")
    if not name:
        problems.append(message(gettext_noop("Naam van de leverancier ontbreekt.")))
    elif len(name) > 200:
        problems.append(message(gettext_noop("Naam van de leverancier is langer dan 200 tekens.")))
    date = _date(cell("date"))
    if date is None:
        problems.append(message(gettext_noop("Datum '%(value)s' is geen geldige datum (gebruik JJJJ-MM-DD of "
                                             "DD-MM-JJJJ)."), value=str(cell("date"))))
    elif date > today:
        # A payment is money paid: a line dated 2099 was imported and counted in the spending.
        problems.append(message(gettext_noop("Datum '%(value)s' ligt in de toekomst: een betaling is al gedaan."),
                                value=str(cell("date"))))
    elif date < EARLIEST_PAYMENT:
        # A year typed wrong (1900, 0001): counted in no year the figures can be filtered on.
        problems.append(message(gettext_noop("Datum '%(value)s' ligt vóór %(year)s: controleer het jaar."),
                                value=str(cell("date")), year=EARLIEST_PAYMENT.year))
    amount, why = read_amount(cell("amount"))
    if why == AMBIGUOUS:
        problems.append(message(gettext_noop("Bedrag '%(value)s' is niet eenduidig: de komma kan een decimaalteken "
                                             "of een scheidingsteken voor duizendtallen zijn. Schrijf het "
                                             "bijvoorbeeld als 1234,00 of 1,23."), value=str(cell("amount"))))
    elif why == TOO_LARGE:
        problems.append(message(gettext_noop("Bedrag '%(value)s' is te groot (hoogstens 999.999.999.999,99)."),
                                value=str(cell("amount"))))
    elif amount is None:
        problems.append(message(gettext_noop("Bedrag '%(value)s' is geen geldig bedrag (bijvoorbeeld 1.234,56 of "
                                             "1234.56)."), value=str(cell("amount"))))
    cost_category = cell("cost_category")
    if len(cost_category) > 100:
        problems.append(message(gettext_noop("Kostensoort is langer dan 100 tekens.")))
    if problems:
        return None, problems
    return Row(line, kvk, name, date, amount, cost_category), []


def apply(rows: list[Row], *, payment_import: PaymentImport, digest: str, user, progress=None,
          also_same: tuple[str, ...] = ()) -> dict:
    """Replace the payments of an earlier import of the same payments (``digest``, or one of
    ``also_same``: the file's identity as stored before), add these and return the report; one
    transaction, under a lock on the organisation's imports."""
    register = {}
    kvks = sorted({r.kvk for r in rows if r.kvk})
    for start in range(0, len(kvks), 500):
        register.update({e.kvk_number: e for e in Enterprise.objects.for_user(user)
                         .filter(kvk_number__in=kvks[start:start + 500]).only("pk", "kvk_number", "admission_status")})
    with transaction.atomic():
        # Two uploads of the same file at once must not both keep their payments.
        list(PaymentImport.objects.select_for_update().filter(organisation=payment_import.organisation_id))
        earlier = (PaymentImport.objects.filter(organisation=payment_import.organisation_id, report__checksum__in=[digest, *also_same])
                   .exclude(pk=payment_import.pk))
        replaced, _by_model = SupplierPayment.objects.filter(batch__in=earlier).delete()
        # This import's own payments of an earlier run: the task runs again after a failure past
        # this commit (a retry, or a worker lost with the task acknowledged late) and added every
        # payment a second time. Not "replaced from an earlier import": the same import, once.
        SupplierPayment.objects.filter(batch=payment_import).delete()
        # Claimed before the lock is released, so an upload of the same file waiting on it finds this one.
        PaymentImport.objects.filter(pk=payment_import.pk).update(report={"checksum": digest})
        payments = []
        for index, row in enumerate(rows, start=1):
            payments.append(SupplierPayment(
                organisation_id=payment_import.organisation_id, batch=payment_import, supplier_kvk=row.kvk,
                supplier_name=row.name, date=row.date, amount=row.amount, cost_category=row.cost_category,
                enterprise=register.get(row.kvk)))
            if progress and index % 500 == 0:
                progress(index, len(rows))
        SupplierPayment.objects.bulk_create(payments, batch_size=1000)
    return _report(rows, register, digest, replaced)


@transaction.atomic
def withdraw(*, payment_import: PaymentImport, by) -> int:
    """Take an applied import's payments out of the figures: its file had a wrong amount or a line
    written twice, and a corrected file is other rows, so it would be added beside this one, not
    replace it. The import and its report stay, saying when and by whom it was withdrawn; the
    number of payments removed is returned."""
    # The organisation's imports first, as ``apply`` locks them: an upload running meanwhile waits.
    list(PaymentImport.objects.select_for_update().filter(organisation=payment_import.organisation_id))
    payment_import = access.require_locked(by, access.CHANGE, payment_import)
    report = payment_import.report or {}
    if report.get("withdrawn"):
        raise ValidationError(_("Deze import is al ingetrokken."))
    if payment_import.job_id and not payment_import.job.is_finished:
        raise ValidationError(_("Deze import loopt nog. Trek hem in als hij klaar is."))
    if not report.get("applied"):
        raise ValidationError(_("Deze import heeft geen betalingen verwerkt; er is niets in te trekken."))
    removed, _by_model = SupplierPayment.objects.filter(batch=payment_import).delete()
    payment_import.report = report | {"withdrawn": {"at": timezone.now().isoformat(), "by": by.get_full_name()
                                                    or by.get_username(), "payments": removed}}
    payment_import.save(update_fields=["report"])
    return removed


def _report(rows, register, digest, replaced) -> dict:
    unmatched: dict[tuple[str, str], dict] = {}
    matched = {"payments": 0, "amount": Decimal(0), "impact_amount": Decimal(0), "enterprises": set()}
    for row in rows:
        enterprise = register.get(row.kvk)
        if enterprise is None:
            entry = unmatched.setdefault((row.kvk, row.name), {"kvk_number": row.kvk, "name": row.name,
                                                               "payments": 0, "total": Decimal(0), "line": row.line})
            entry["payments"] += 1
            entry["total"] += row.amount
            continue
        matched["payments"] += 1
        matched["amount"] += row.amount
        matched["enterprises"].add(enterprise.pk)
        if enterprise.admission_status == AdmissionStatus.ADMITTED:
            matched["impact_amount"] += row.amount
    suppliers = sorted(unmatched.values(), key=lambda e: (-e["total"], e["name"]))
    # A negative amount is a credit note: accepted (the figures are net, it lowers the payments to
    # that supplier) but named with its line, so a sign error in the export does not pass unseen.
    credits = [{"line": row.line, "name": row.name, "kvk_number": row.kvk, "amount": str(row.amount)}
               for row in rows if row.amount < 0]
    # A line equal to an earlier one (supplier, date, amount, category) is applied: two invoices of
    # the same amount on one day happen. But an export that wrote a line twice looks the same, so
    # each is named with the line it repeats, for the user to check.
    first_line, repeated = {}, []
    for row in rows:
        key = (row.kvk, row.name, row.date, row.amount, row.cost_category)
        if key in first_line:
            repeated.append({"line": row.line, "same_as": first_line[key], "kvk_number": row.kvk, "name": row.name,
                             "amount": str(row.amount)})
        else:
            first_line[key] = row.line
    return {
        "checksum": digest, "applied": len(rows), "replaced": replaced,
        "total_amount": str(sum((r.amount for r in rows), Decimal(0))),
        "matched_payments": matched["payments"], "matched_amount": str(matched["amount"]),
        "matched_enterprises": len(matched["enterprises"]), "impact_amount": str(matched["impact_amount"]),
        "unmatched": [entry | {"total": str(entry["total"])} for entry in suppliers],
        "credit_notes": credits, "credit_amount": str(sum((Decimal(c["amount"]) for c in credits), Decimal(0))),
        "repeated": repeated,
    }


def outcome(report: dict) -> list[str]:
    """The finished import's counts, each a phrase, for the page's status sentence
    (``impactportal.ui.imports``; a refused file has its own): the rows read and payments processed
    always, the rest when there are any."""
    phrases = (
        rows_read(report.get("total_rows", 0)),
        counted(report.get("applied", 0), lambda n: ngettext("%(n)s betaling verwerkt", "%(n)s betalingen verwerkt",
                                                             n), always=True),
        counted(report.get("replaced", 0), lambda n: ngettext("%(n)s vervangen uit een eerdere import",
                                                              "%(n)s vervangen uit een eerdere import", n)),
        counted(len(report.get("unmatched", [])), lambda n: ngettext("%(n)s leverancier niet in het register",
                                                                     "%(n)s leveranciers niet in het register", n)),
        counted(len(report.get("credit_notes", [])), lambda n: ngettext("%(n)s creditnota", "%(n)s creditnota's", n)),
        counted(len(report.get("repeated", [])), lambda n: ngettext("%(n)s regel gelijk aan een eerdere",
                                                                     "%(n)s regels gelijk aan een eerdere", n)),
    )
    return [phrase for phrase in phrases if phrase]


def summary(report: dict) -> dict:
    """Short counts for the job page (and the worksheet read, of a workbook); the full report lives
    on the import. Each key is stored as its message id, written in the reader's language when
    shown (``impactportal.jobs.job_result``)."""
    return {
        **({gettext_noop("werkblad"): report["sheet"]} if report.get("sheet") is not None else {}),
        gettext_noop("regels"): report.get("total_rows", 0),
        gettext_noop("verwerkt"): report.get("applied", 0),
        gettext_noop("vervangen uit een eerdere import"): report.get("replaced", 0),
        gettext_noop("gekoppeld aan het register"): report.get("matched_payments", 0),
        gettext_noop("leveranciers niet in het register"): len(report.get("unmatched", [])),
        gettext_noop("creditnota's (negatieve bedragen)"): len(report.get("credit_notes", [])),
        gettext_noop("regels gelijk aan een eerdere regel"): len(report.get("repeated", [])),
        gettext_noop("regels met fouten"): len(report.get("malformed", [])),
    }


def write_report_csv(report: dict, out) -> None:
    """The bad rows and the suppliers not in the register (to invite them), for a spreadsheet."""
    writer = SpreadsheetWriter(out)
    # Capitalised as every other export's header (``impactportal.exports``).
    writer.writerow([capfirst(title) for title in (_("soort"), _("regel"), _("KvK-nummer"), _("naam"),
                                                   _("betalingen"), _("totaal (excl. btw)"), _("melding"))])
    for row in report.get("malformed", []):
        writer.writerow([_("regel met fouten"), row["line"], row.get("kvk_number", ""), row.get("name", ""), "", "",
                         message_text(row["message"])])
    for row in report.get("unmatched", []):
        writer.writerow([_("niet in het register"), row["line"], row["kvk_number"], row["name"],
                         row["payments"], Decimal(row["total"]), ""])
    for row in report.get("credit_notes", []):
        writer.writerow([_("creditnota"), row["line"], row["kvk_number"], row["name"], 1, Decimal(row["amount"]),
                         _("Negatief bedrag: verwerkt als creditnota (verrekend in de cijfers).")])
    for row in report.get("repeated", []):
        writer.writerow([_("gelijke regel"), row["line"], row.get("kvk_number", ""), row["name"], 1, Decimal(row["amount"]),
                         _("Gelijk aan regel %(line)s; verwerkt. Controleer of de export hem dubbel schreef.")
                         % {"line": row["same_as"]}])


__all__ = ["MAX_IMPORT_BYTES", "REPORT_PAGE_ROWS", "Row", "apply", "checksum", "decode", "file_checksum", "parse", "parse_amount",
           "outcome", "read_amount", "summary", "withdraw", "write_report_csv"]
