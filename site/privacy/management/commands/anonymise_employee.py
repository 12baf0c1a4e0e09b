"""Anonymise a departed employee from the command line (the admin has a button too)."""

from django.core.management.base import BaseCommand, CommandError

from netra.people.models import Employee
from netra.people.nip import normalize_nip
from netra.privacy import services


class Command(BaseCommand):
    help = (
        "Anonymise a departed (inactive) employee, found by NIP or non-ASN registration "
        "number, or by --id: personal fields erased as the privacy registry declares, "
        "signed evidence kept, the evidence chain still verifiable. Running it again for "
        "the same --id does nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("nip", nargs="?", help="NIP / NI PPPK, or a registration number")
        parser.add_argument("--id", type=int, dest="employee_id", help="Employee id instead")
        parser.add_argument("--reason", required=True, help="Why (e.g. the SK number); no names")

    def handle(self, *args, nip=None, employee_id=None, reason="", **options):
        if bool(nip) == bool(employee_id):
            raise CommandError("Give either a NIP (or registration number) or --id.")
        if employee_id:
            employee = Employee.objects.filter(pk=employee_id).first()
        else:
            key = normalize_nip(nip)
            employee = (
                Employee.objects.filter(nip=key).first()
                or Employee.objects.filter(registration_number=nip.strip()).first()
            )
        if employee is None:
            # After anonymisation the NIP is gone, so a repeat by NIP lands here.
            raise CommandError(
                "No employee with that NIP, registration number or id "
                "(an anonymised employee no longer has their NIP: use --id)."
            )
        try:
            result = services.anonymise_employee(employee, by=None, reason=reason)
        except services.AnonymisationRefused as exc:
            raise CommandError(exc.message) from None
        record = result.anonymisation
        if not result.created:
            self.stdout.write(
                f"Employee {employee.pk} was already anonymised ({record.reference})."
            )
            return
        rows = sum(record.counts.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Employee {employee.pk} anonymised ({record.reference}): {rows} rows changed."
            )
        )
