"""Downloads of the HR compliance dashboard: the office table and the employee list as CSV
or XLSX, for the same filters (query string) as the page they are linked from. Same scope
rule as the pages in `views.py`: the scope first, 404 outside it. The files are written by
`exports.py`.
"""

from __future__ import annotations

import logging
import tempfile

from django.http import FileResponse, Http404, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from netra.people.models import EmploymentType
from netra.people.selectors import scope_top_offices, scoped_office

from . import exports, rules, selectors
from .access import period_or_404, scope_or_404
from .reminders import countdown

logger = logging.getLogger(__name__)

FORMATS = ("csv", "xlsx")
# Rows are read and converted this many at a time, so a long list streams in flat memory.
CHUNK = 2000
# An XLSX up to this size is built in memory, a bigger one in a temporary file.
XLSX_IN_MEMORY = 16 * 1024 * 1024


def _format_or_404(fmt: str) -> str:
    if fmt not in FORMATS:
        raise Http404
    return fmt


def _office_or_404(scope, office_id):
    office = scoped_office(scope, office_id)
    if office is None:
        raise Http404
    return office


def _preamble(request, period, filters, courses, *, place: str, today, status: str = ""):
    """What the file shows, above the table: campaign, offices, filters, deadline, when and
    by whom it was downloaded."""
    kinds = dict(EmploymentType.choices)
    titles = {c.scope: c.title for c in courses}
    lines = [
        (_("Laporan kepatuhan"), period.name),
        (_("Cakupan"), place),
        (
            _("Jenis kepegawaian"),
            ", ".join(str(kinds[k]) for k in filters.employment_types) or _("Semua"),
        ),
        (_("Kewajiban"), titles.get(filters.scope) or _("Semua kewajiban")),
    ]
    if status:
        lines.append((_("Status"), status))
    lines += [
        (
            _("Batas penyelesaian"),
            period.deadline or _("belum ditetapkan"),
            countdown(period.deadline, today),
        ),
        (_("Diunduh"), timezone.now(), request.user.display_name),
    ]
    return lines


def _respond(sheet: exports.Sheet, fmt: str, filename: str):
    if fmt == "csv":
        response = StreamingHttpResponse(
            exports.csv_stream(sheet), content_type=exports.CSV_CONTENT_TYPE
        )
        response["Content-Disposition"] = content_disposition_header(True, filename)
        return response
    target = tempfile.SpooledTemporaryFile(max_size=XLSX_IN_MEMORY)  # noqa: SIM115 - closed by the response
    exports.xlsx_write(sheet, target)
    target.seek(0)
    return FileResponse(
        target, as_attachment=True, filename=filename, content_type=exports.XLSX_CONTENT_TYPE
    )


def _name(kind: str, period, place_code: str, today, fmt: str) -> str:
    return exports.download_name(kind, period.name, place_code, today.isoformat(), extension=fmt)


# -- the office table -----------------------------------------------------------------------

OFFICE_WIDTHS = (44, 14, 10, 12, 14, 10, 12, 11, 10)


def _office_sheet(period, rows, total, preamble) -> exports.Sheet:
    def line(label, code, s: rules.Summary):
        return (
            label,
            code,
            s.headcount,
            s.not_started,
            s.in_progress,
            s.completed,
            s.pact_signed,
            s.overdue,
            round(s.percent_complete, 1),
        )

    body = [
        line(
            _("%(office)s (langsung di unit ini)") % {"office": row.office.name}
            if row.direct
            else row.office.name,
            row.office.code,
            row.summary,
        )
        for row in rows
    ]
    return exports.Sheet(
        title=_("Kepatuhan per unit"),
        header=(
            _("Unit kerja"),
            _("Kode unit"),
            _("Pegawai"),
            _("Belum mulai"),
            _("Sedang berjalan"),
            _("Selesai"),
            _("Pakta ditandatangani"),
            _("Terlambat"),
            _("Persen selesai"),
        ),
        rows=body,
        preamble=preamble,
        footer=[line(_("Jumlah"), "", total)],
        widths=OFFICE_WIDTHS,
    )


def _filters(request, period):
    courses = selectors.course_choices(period)
    return selectors.Filters.parse(request.GET, courses), courses, selectors.today()


@require_GET
@never_cache
def overview_export(request, period_id, fmt):
    """The dashboard's first page (an officer's assigned offices, or every agency for a
    superuser) as a file."""
    scope = scope_or_404(request)
    period = period_or_404(period_id)
    fmt = _format_or_404(fmt)
    filters, courses, today = _filters(request, period)
    rows = selectors.office_rows(period, list(scope_top_offices(scope)), filters, today=today)
    total = selectors.total_of(rows, period.is_overdue(today))
    place = _("Seluruh unit dalam cakupan Anda")
    sheet = _office_sheet(
        period, rows, total, _preamble(request, period, filters, courses, place=place, today=today)
    )
    logger.info("compliance export %s by user %s: period %s", fmt, request.user.pk, period.pk)
    return _respond(sheet, fmt, _name("kepatuhan", period, "semua", today, fmt))


@require_GET
@never_cache
def office_export(request, period_id, office_id, fmt):
    """One office's drill-down (a row per child office, the office's own staff, the total)
    as a file."""
    scope = scope_or_404(request)
    period = period_or_404(period_id)
    fmt = _format_or_404(fmt)
    office = _office_or_404(scope, office_id)
    filters, courses, today = _filters(request, period)
    drill = selectors.drilldown(period, office, filters, today=today)
    sheet = _office_sheet(
        period,
        drill.rows,
        drill.total,
        _preamble(request, period, filters, courses, place=office.name, today=today),
    )
    logger.info(
        "compliance export %s by user %s: period %s office %s",
        fmt,
        request.user.pk,
        period.pk,
        office.pk,
    )
    return _respond(sheet, fmt, _name("kepatuhan", period, office.code, today, fmt))


# -- the employee list ----------------------------------------------------------------------

EMPLOYEE_WIDTHS = (36, 24, 36, 18, 16, 11, 17, 17, 17, 48)


def written_nip(nip: str | None) -> str:
    """A NIP in its usual written form (`19860926 201505 1 001`): Excel keeps it as text,
    where the bare 18 digits would become 1.98609E+17 and lose their last three digits.
    The roster import strips the spaces again."""
    if not nip or len(nip) != 18:
        return nip or ""
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def _employee_rows(period, progress_rows, filters, today):
    """Every matching row, read `CHUNK` at a time with the status rule of the page."""
    chunk = []
    for progress in progress_rows.iterator(chunk_size=CHUNK):
        chunk.append(progress)
        if len(chunk) == CHUNK:
            yield from selectors.employee_rows(
                period, chunk, filters, today=today, with_renewals=True
            )
            chunk = []
    if chunk:
        yield from selectors.employee_rows(period, chunk, filters, today=today, with_renewals=True)


def _employee_line(row: selectors.EmployeeRow):
    p = row.progress
    employee = p.employee
    return (
        employee.full_name,
        written_nip(employee.nip) or employee.registration_number,
        p.office.name,
        p.get_employment_type_display(),
        row.status.label,
        row.overdue,
        p.started_at,
        p.completed_at,
        p.pact_signed_at,
        "; ".join(f"{r.what}: {r.reason}" if r.reason else r.what for r in row.renewals),
    )


@require_GET
@never_cache
def employees_export(request, period_id, office_id, fmt):
    """Every employee the list page would show for these filters (all pages), as a file:
    CSV streamed, XLSX written row by row."""
    scope = scope_or_404(request)
    period = period_or_404(period_id)
    fmt = _format_or_404(fmt)
    office = _office_or_404(scope, office_id)
    filters, courses, today = _filters(request, period)
    direct = request.GET.get("langsung") == "1"
    progress_rows = selectors.employees(period, office, scope, filters, direct=direct, today=today)
    place = (
        _("%(office)s (langsung di unit ini)") % {"office": office.name} if direct else office.name
    )
    status = rules.Status(filters.status).label if filters.status else _("Semua")
    sheet = exports.Sheet(
        title=_("Pegawai"),
        header=(
            _("Nama"),
            _("NIP / nomor registrasi"),
            _("Unit kerja"),
            _("Jenis kepegawaian"),
            _("Status"),
            _("Terlambat"),
            _("Mulai"),
            _("Selesai"),
            _("Pakta ditandatangani"),
            _("Perlu diperbarui"),
        ),
        rows=(_employee_line(row) for row in _employee_rows(period, progress_rows, filters, today)),
        preamble=_preamble(
            request, period, filters, courses, place=place, today=today, status=status
        ),
        widths=EMPLOYEE_WIDTHS,
    )
    logger.info(
        "employee export %s by user %s: period %s office %s",
        fmt,
        request.user.pk,
        period.pk,
        office.pk,
    )
    return _respond(sheet, fmt, _name("pegawai", period, office.code, today, fmt))
