"""Personal data in models Netra does not own (allauth, Django's sessions, Wagtail, the task
queue), declared here because their apps have no `privacy.py` of ours. Imported by
`registry.autodiscover`.

Rows that record what an editor, reviewer or administrator did in office (revisions, page
ownership, log entries, workflow steps, uploads) stay when that person is anonymised: the
account they point at loses its name, email and NIP, so they name nobody, and the site keeps
its audit trail. What only serves the person (email addresses, authenticators, sessions,
preferences, subscriptions, drafts of forms) is deleted.
"""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .registry import Custom, Delete, Keep, LegalBasis, PersonalData, exempt, register

RETAIN_ACCOUNT = _("Selama akun aktif; dihapus saat anonimisasi.")
RETAIN_AUDIT = _("Selama konten situs disimpan; menunjuk akun yang dianonimkan.")
KEEP_AUDIT = Keep(
    _(
        "jejak tindakan dalam jabatan (siapa menyunting atau menyetujui apa); menunjuk akun "
        "yang dianonimkan, tanpa nama"
    )
)


def _delete_files_on_commit(files) -> None:
    """Files go only once the rows are gone for good (a rollback keeps both)."""
    for storage, name in files:
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))


# --- allauth ---------------------------------------------------------------------------------

register(
    PersonalData(
        model="account.EmailAddress",
        title=_("Alamat email akun"),
        purpose=_("Masuk dengan email dan menerima email dari Netra."),
        legal_basis=LegalBasis.PUBLIC_TASK,
        retention=RETAIN_ACCOUNT,
        user_field="user",
        export={
            "email": _("Alamat email"),
            "verified": _("Terverifikasi"),
            "primary": _("Alamat utama"),
        },
        erasure=Delete(),
    )
)

register(
    PersonalData(
        model="mfa.Authenticator",
        title=_("Aplikasi autentikator dan kode pemulihan"),
        purpose=_("Verifikasi dua langkah saat masuk dan saat autentikasi ulang."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=RETAIN_ACCOUNT,
        user_field="user",
        # Never the secret or the recovery codes: a ZIP can be lost.
        export={
            "type": _("Jenis (totp, recovery_codes)"),
            "created_at": _("Dibuat"),
            "last_used_at": _("Terakhir dipakai"),
        },
        erasure=Delete(),
    )
)


# --- Django sessions -------------------------------------------------------------------------


def _end_sessions(person) -> int:
    """Delete every stored session signed in as the person (database row and cache entry).
    Sessions are not indexed by user, so this reads them all: fine for a rare admin act.
    A session only in a cache would be refused anyway: the account is inactive and its
    password changed, which Django checks on every request."""
    if person.user_id is None:
        return 0
    from django.contrib.sessions.models import Session

    store = import_module(settings.SESSION_ENGINE).SessionStore
    wanted, ended = str(person.user_id), 0
    rows = Session.objects.values_list("session_key", "session_data")
    for key, data in rows.iterator(chunk_size=2000):
        if str(store().decode(data).get(SESSION_KEY)) == wanted:
            store(session_key=key).delete()
            ended += 1
    return ended


def _no_sessions(person):
    from django.contrib.sessions.models import Session

    return Session.objects.none()  # nothing to export; `_end_sessions` finds them


register(
    PersonalData(
        model="sessions.Session",
        title=_("Sesi masuk"),
        purpose=_("Menjaga Anda tetap masuk di peramban yang Anda pakai."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=_("Sampai Anda keluar atau sesi kedaluwarsa; dihapus saat anonimisasi."),
        find=_no_sessions,
        export=None,
        not_exported_because=_(
            "Berisi kunci sesi yang berlaku seperti kata sandi; tidak pernah disalin ke luar."
        ),
        erasure=Custom(_end_sessions, _("semua sesi masuk diakhiri dan dihapus")),
    )
)


# --- Wagtail -----------------------------------------------------------------------------------


def _delete_profiles(person) -> int:
    from wagtail.users.models import UserProfile

    if person.user_id is None:
        return 0
    profiles = list(UserProfile.objects.filter(user_id=person.user_id))
    _delete_files_on_commit((p.avatar.storage, p.avatar.name) for p in profiles if p.avatar)
    UserProfile.objects.filter(pk__in=[p.pk for p in profiles]).delete()
    return len(profiles)


register(
    PersonalData(
        model="wagtailusers.UserProfile",
        title=_("Preferensi admin"),
        purpose=_("Bahasa, zona waktu, tema dan foto profil di halaman admin."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=RETAIN_ACCOUNT,
        user_field="user",
        export={
            "preferred_language": _("Bahasa"),
            "current_time_zone": _("Zona waktu"),
            "theme": _("Tema"),
            "contrast": _("Kontras"),
            "density": _("Kepadatan"),
            "avatar": _("Berkas foto profil"),
        },
        erasure=Custom(_delete_profiles, _("dihapus, termasuk foto profil")),
    )
)


def _scrub_log_labels(person) -> int:
    """Wagtail's log names an object by its `str()` at the time: an employee's name, an
    account's NIP, "NIP — office" for an HR assignment. Entries about the person's records
    keep their action, time and actor but lose that label and any data."""
    from wagtail.models import ModelLogEntry

    changed = 0
    for content_type_id, ids in person.logged_objects.items():
        changed += ModelLogEntry.objects.filter(
            content_type_id=content_type_id, object_id__in=list(ids)
        ).update(label=person.placeholder, data={})
    return changed


register(
    PersonalData(
        model="wagtailcore.ModelLogEntry",
        title=_("Log tindakan admin"),
        purpose=_("Jejak audit tindakan di halaman admin (siapa mengubah apa, kapan)."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=RETAIN_AUDIT,
        user_field="user",
        # Not the label: it names the object acted on, often another person.
        export={
            "action": _("Tindakan"),
            "content_type__model": _("Jenis objek"),
            "object_id": _("Nomor objek"),
            "timestamp": _("Waktu"),
        },
        erasure=Custom(
            _scrub_log_labels,
            _(
                "label entri tentang data orang ini diganti nama anonim; entri tindakan orang "
                "ini tetap sebagai jejak audit"
            ),
        ),
    )
)

register(
    PersonalData(
        model="wagtailcore.PageLogEntry",
        title=_("Log tindakan pada halaman"),
        purpose=_("Jejak audit penyuntingan dan penerbitan halaman."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=RETAIN_AUDIT,
        user_field="user",
        export={"action": _("Tindakan"), "page_id": _("Nomor halaman"), "timestamp": _("Waktu")},
        erasure=KEEP_AUDIT,
    )
)

register(
    PersonalData(
        model="wagtailcore.Revision",
        title=_("Revisi yang Anda simpan"),
        purpose=_("Riwayat penyuntingan konten."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=RETAIN_AUDIT,
        user_field="user",
        export={
            "content_type__model": _("Jenis objek"),
            "object_id": _("Nomor objek"),
            "object_str": _("Judul saat itu"),
            "created_at": _("Waktu"),
        },
        erasure=KEEP_AUDIT,
    )
)


def _pages(person):
    from wagtail.models import Page

    if person.user_id is None:
        return Page.objects.none()
    return Page.objects.filter(Q(owner_id=person.user_id) | Q(locked_by_id=person.user_id))


register(
    PersonalData(
        model="wagtailcore.Page",
        title=_("Halaman yang Anda buat atau kunci"),
        purpose=_("Pemilik dan penguncian halaman di admin."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=RETAIN_AUDIT,
        find=_pages,
        export={"id": _("Nomor halaman"), "title": _("Judul"), "locked": _("Terkunci")},
        erasure=KEEP_AUDIT,
    )
)

for label, title, user_field, export in [
    (
        "wagtailcore.WorkflowState",
        _("Alur persetujuan yang Anda ajukan"),
        "requested_by",
        {"status": _("Status"), "object_id": _("Nomor objek"), "created_at": _("Diajukan")},
    ),
    (
        "wagtailcore.TaskState",
        _("Langkah persetujuan yang Anda selesaikan"),
        "finished_by",
        {"status": _("Status"), "finished_at": _("Selesai"), "comment": _("Komentar")},
    ),
    (
        "wagtailcore.Comment",
        _("Komentar penyuntingan"),
        "user",
        {"page_id": _("Nomor halaman"), "text": _("Komentar"), "created_at": _("Dibuat")},
    ),
    (
        "wagtailcore.CommentReply",
        _("Balasan komentar penyuntingan"),
        "user",
        {"comment_id": _("Nomor komentar"), "text": _("Balasan"), "created_at": _("Dibuat")},
    ),
    (
        "wagtaildocs.Document",
        _("Dokumen yang Anda unggah"),
        "uploaded_by_user",
        {"id": _("Nomor"), "title": _("Judul"), "created_at": _("Diunggah")},
    ),
    (
        "wagtailimages.Image",
        _("Gambar yang Anda unggah"),
        "uploaded_by_user",
        {"id": _("Nomor"), "title": _("Judul"), "created_at": _("Diunggah")},
    ),
]:
    register(
        PersonalData(
            model=label,
            title=title,
            purpose=_("Jejak penyuntingan konten di admin."),
            legal_basis=LegalBasis.LEGITIMATE_INTEREST,
            retention=RETAIN_AUDIT,
            user_field=user_field,
            export=export,
            erasure=KEEP_AUDIT,
        )
    )

# Comment.resolved_by is the other link of a comment to a person; the Keep above covers it.

for label, title in [
    ("wagtailcore.PageSubscription", _("Langganan notifikasi komentar halaman")),
    ("wagtailcore.APIToken", _("Token API")),
    ("wagtailadmin.EditingSession", _("Sesi penyuntingan yang sedang berjalan")),
    ("wagtailadmin.FormState", _("Isian formulir admin yang tersimpan sementara")),
]:
    register(
        PersonalData(
            model=label,
            title=title,
            purpose=_("Fungsi admin untuk akun Anda sendiri."),
            legal_basis=LegalBasis.LEGITIMATE_INTEREST,
            retention=RETAIN_ACCOUNT,
            user_field="user",
            export=None,
            not_exported_because=_(
                "Data teknis admin (token, status formulir) yang tidak bermakna di luar Netra."
            ),
            erasure=Delete(),
        )
    )


def _delete_uploads(person) -> int:
    from wagtail.models import UploadedFile

    if person.user_id is None:
        return 0
    uploads = list(UploadedFile.objects.filter(uploaded_by_user_id=person.user_id))
    _delete_files_on_commit((u.file.storage, u.file.name) for u in uploads if u.file)
    UploadedFile.objects.filter(pk__in=[u.pk for u in uploads]).delete()
    return len(uploads)


register(
    PersonalData(
        model="wagtailcore.UploadedFile",
        title=_("Unggahan sementara di admin"),
        purpose=_("Berkas yang sedang diunggah lewat pengunggah banyak berkas."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=RETAIN_ACCOUNT,
        user_field="uploaded_by_user",
        export=None,
        not_exported_because=_("Unggahan sementara yang belum menjadi dokumen atau gambar."),
        erasure=Custom(_delete_uploads, _("dihapus beserta berkasnya")),
    )
)


# --- No personal data ------------------------------------------------------------------------

exempt("auth.Group", reason="`name` is a group's name (e.g. Petugas SDM).")
exempt("auth.Permission", reason="`name` describes a permission.")
exempt("taggit.Tag", reason="`name` is a content tag.")
exempt("wagtailcore.Workflow", reason="`name` is a review workflow's name.")
exempt("wagtailcore.Task", reason="`name` is a workflow step's name.")
exempt("wagtailcore.Collection", reason="`name` is a media collection's name.")
exempt(
    "wagtailforms.FormSubmission",
    reason="Netra has no form pages; submissions would be registered with the form page.",
)
exempt(
    "django_tasks_database.DBTaskResult",
    reason=(
        "Jobs take and return record ids, hashes and counts, never names, NIPs or emails; "
        "finished results are removed with `manage.py prune_db_task_results`."
    ),
)
