"""A person's own data as one ZIP (UU 27/2022: the right to access and to a copy in a
machine-readable format): one JSON file per registered model, their own signed PDFs, and a
README in Bahasa Indonesia. Reads only the privacy registry.

Built synchronously in the request, on purpose: a learner's rows are a handful of
enrolments, attempts, answers, notifications and signatures (kilobytes of JSON) plus a few
sealed PDFs of tens of kilobytes each, so the ZIP takes a fraction of a second. A worker
job would add a stored copy of the personal data, a download link to protect and a clean-up,
for nothing. The ZIP is written to a spooled temporary file (memory, or disk past 16 MB).
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from collections.abc import Iterable

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone

from . import registry

FORMAT_VERSION = 1
SPOOL_BYTES = 16 * 1024 * 1024


def data_filename(entry: registry.PersonalData) -> str:
    return f"data/{entry.label}.json"


def model_document(entry: registry.PersonalData, person: registry.Person) -> dict:
    """One model's rows of this person, with what each key means and why it is kept."""
    keys = list(entry.export or {})
    rows = list(entry.rows(person).order_by("pk").values(*keys))
    return {
        "format": FORMAT_VERSION,
        "model": entry.label,
        "title": str(entry.title),
        "purpose": str(entry.purpose),
        "legal_basis": {
            "article": f"UU 27/2022 Pasal 20 ayat (2) huruf {entry.legal_basis.letter}",
            "text": str(entry.legal_basis.text),
        },
        "retention": str(entry.retention),
        "on_erasure": entry.on_erasure,
        "fields": {key: str(description) for key, description in entry.export.items()},
        "rows": rows,
    }


def documents(person: registry.Person) -> Iterable[tuple[str, object]]:
    """(name inside the ZIP, FieldFile) of the person's own documents, e.g. sealed PDFs."""
    for entry in registry.entries():
        if entry.files is not None:
            for name, fieldfile in entry.files(person):
                yield f"dokumen/{name}", fieldfile


def write_zip(person: registry.Person, *, account_name: str) -> tempfile.SpooledTemporaryFile:
    """The ZIP, rewound and ready to send. `account_name` is only printed in the README."""
    entries = registry.entries()
    exported = [e for e in entries if e.export is not None]
    target = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - returned open
    included = []
    with zipfile.ZipFile(target, mode="w", compression=zipfile.ZIP_DEFLATED) as archive:
        for entry in exported:
            document = model_document(entry, person)
            archive.writestr(
                data_filename(entry),
                json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            )
            included.append((entry, data_filename(entry), len(document["rows"])))
        files = []
        for name, fieldfile in documents(person):
            # Sealed PDFs are compressed already.
            with fieldfile.open("rb") as source:
                info = zipfile.ZipInfo(name, date_time=timezone.localtime().timetuple()[:6])
                with archive.open(info, "w") as sink:
                    while chunk := source.read(65536):
                        sink.write(chunk)
            files.append(name)
        archive.writestr(
            "README.txt",
            render_to_string(
                "privacy/export_readme.txt",
                {
                    "account_name": account_name,
                    "generated_at": timezone.localtime(),
                    "included": included,
                    "left_out": [e for e in entries if e.export is None],
                    "files": files,
                    "format": FORMAT_VERSION,
                },
            ),
        )
    target.seek(0)
    return target
