"""`python manage.py import_roster FILE [--dry-run] [--scope OFFICE_CODE] [--allow-errors]`:
the roster import of the HR pages, run here and now instead of in the worker, printing the
same report (counts, every rejected row, samples of the rest)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from netra.people.models import Office, RosterImport
from netra.people.roster import RosterFileError
from netra.people.roster_load import roster_import_create, roster_import_run


class Command(BaseCommand):
    help = "Impor daftar pegawai dari ekspor SIASN/SIMPEG (CSV atau XLSX)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas .csv atau .xlsx")
        parser.add_argument(
            "--dry-run", action="store_true", help="periksa saja; tidak ada yang diubah"
        )
        parser.add_argument(
            "--scope",
            metavar="OFFICE_CODE",
            help="kode unit: pegawai aktif di bawahnya yang tidak ada di berkas dinonaktifkan",
        )
        parser.add_argument(
            "--allow-errors",
            action="store_true",
            help="impor baris yang benar meskipun ada baris yang ditolak",
        )
        parser.add_argument(
            "--confirm-deactivation",
            action="store_true",
            help="izinkan menonaktifkan lebih dari separuh pegawai cakupan",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(str(exc)) from None
        scope = None
        if options["scope"]:
            scope = Office.objects.filter(code=options["scope"]).first()
            if scope is None:
                raise CommandError(
                    _("Unit dengan kode %(code)s tidak ada.") % {"code": options["scope"]}
                )
        try:
            record = roster_import_create(
                uploaded_by=None,
                file_name=path.name,
                content=content,
                scope=scope,
                dry_run=options["dry_run"],
                allow_errors=options["allow_errors"],
                confirm_deactivation=options["confirm_deactivation"],
                enqueue=False,
            )
        except RosterFileError as exc:
            raise CommandError(exc.message) from None
        record = roster_import_run(record.pk)
        self._print(record)
        if record.status == RosterImport.Status.FAILED:
            raise CommandError(record.error)
        if record.status == RosterImport.Status.BLOCKED:
            raise CommandError(_("Impor tidak diterapkan; lihat alasannya di atas."))

    def _print(self, record: RosterImport) -> None:
        out = self.stdout.write
        report = record.report or {}
        out(
            _("Impor #%(id)s, %(file)s: %(status)s")
            % {"id": record.pk, "file": record.file_name, "status": record.get_status_display()}
        )
        if record.status == RosterImport.Status.FAILED:
            return
        out(
            _(
                "Baris: %(rows)s · baru: %(created)s · diubah: %(updated)s"
                " · tetap: %(unchanged)s · dinonaktifkan: %(deactivated)s"
                " · ditolak: %(rejected)s · akun baru: %(accounts)s"
            )
            % {
                "rows": record.rows_total,
                "created": record.created_count,
                "updated": record.updated_count,
                "unchanged": record.unchanged_count,
                "deactivated": record.deactivated_count,
                "rejected": record.rejected_count,
                "accounts": report.get("accounts", 0),
            }
        )
        if "rows_written" in report:
            out(_("Baris data ditulis: %(n)s") % {"n": report["rows_written"]})
        for unit in report.get("units_created", []):
            out(_("Unit baru: %(code)s %(name)s (di bawah %(parent)s)") % unit)
        for unit in report.get("units_renamed", []):
            out(_("Unit diganti nama: %(code)s %(old)s -> %(new)s") % unit)
        if report.get("deactivation_skipped"):
            out(_("Penonaktifan dilewati: ada baris yang NIP-nya tidak terbaca."))
        blockers = {
            "rejected": _("ada baris yang ditolak (pakai --allow-errors untuk mengimpor sisanya)"),
            "deactivation": _(
                "lebih dari separuh pegawai cakupan akan dinonaktifkan "
                "(pakai --confirm-deactivation jika berkasnya memang lengkap)"
            ),
            "empty": _("tidak ada baris yang dapat diimpor"),
        }
        for blocker in report.get("blockers", []):
            out(_("Tidak dapat diterapkan: %(reason)s") % {"reason": blockers[blocker]})
        for item in report.get("rejected", []):
            out(_("Ditolak baris %(line)s [%(key)s] %(name)s: %(reason)s") % item)
        for item in report.get("deactivated", []):
            out(_("Dinonaktifkan: %(key)s %(name)s (%(unit)s)") % item)
