"""Admin wiring: read-only lists (with inspect) of signed pacts and certificates, and
revocation of either through its service."""

from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .admin_views import (
    REVOKE_CERTIFICATE_PERMISSION,
    REVOKE_PERMISSION,
    CertificateRevokeView,
    SignatureRevokeView,
)
from .models import Certificate, PactSignature


class ViewOnlyPolicy(ModelPermissionPolicy):
    """Signatures and certificates are evidence: the admin may list and inspect them,
    never add, edit or delete them (revocation is its own view and goes through the
    service)."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


register_permission_policy(PactSignature, ViewOnlyPolicy(PactSignature))
register_permission_policy(Certificate, ViewOnlyPolicy(Certificate))


class RevokeColumn(Column):
    def __init__(self, *args, url_name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.url_name = url_name

    def get_value(self, instance):
        if instance.revoked_at:
            return _("Dicabut")
        return format_html(
            '<a href="{}">{}</a>', reverse(self.url_name, args=[instance.pk]), _("Cabut…")
        )


class ReadOnlyViewSet(ModelViewSet):
    """List and inspect only: no add, edit or delete views at all."""

    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["revoked_reason"]
    read_only_views = {"index", "index_results", "inspect", "history", "history_results"}

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name in self.read_only_views]


class PactSignatureViewSet(ReadOnlyViewSet):
    model = PactSignature
    icon = "doc-full"
    menu_label = _("Tanda tangan pakta")
    menu_order = 220
    add_to_admin_menu = True
    name = "pact_signatures"
    list_display = [
        "__str__",
        "office_path",
        "signed_at",
        RevokeColumn("revoke", label=_("Status"), url_name="certificates_signature_revoke"),
    ]
    list_filter = ["version__pact", "revoked_at"]
    search_fields = ["typed_name", "user__username", "verification_code"]
    inspect_view_fields = [
        "reference",
        "version",
        "signer",
        "typed_name",
        "signed_at",
        "reauthenticated_at",
        "auth_methods",
        "ip_address",
        "user_agent",
        "evidence",
        "verification_code",
        "pdf_sha256",
        "pdf_generated_at",
        "revoked_at",
        "revoked_reason",
    ]

    def get_queryset(self, request):
        return PactSignature.objects.select_related("version")


class CertificateViewSet(ReadOnlyViewSet):
    model = Certificate
    icon = "success"
    menu_label = _("Sertifikat")
    menu_order = 221
    add_to_admin_menu = True
    name = "issued_certificates"
    list_display = [
        "number",
        Column("holder_name", label=_("Penerima")),
        "course_title",
        "issued_at",
        "valid_until",
        RevokeColumn("revoke", label=_("Status"), url_name="certificates_certificate_revoke"),
    ]
    list_filter = ["course", "revoked_at", "superseded_at", "valid_until"]
    search_fields = ["number", "employee__name", "employee__nip", "course_title"]
    inspect_view_fields = [
        "number",
        "reference",
        "recipient",
        "course",
        "cycle",
        "course_completed_at",
        "issued_at",
        "valid_until",
        "validity_note",
        "evidence",
        "pdf_sha256",
        "pdf_generated_at",
        "emailed_at",
        "superseded_by",
        "superseded_at",
        "revoked_at",
        "revoked_reason",
    ]

    def get_queryset(self, request):
        return Certificate.objects.select_related("evidence")


@hooks.register("register_admin_viewset")
def register_viewset():
    return PactSignatureViewSet()


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return CertificateViewSet()


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "pakta/tanda-tangan/<int:pk>/cabut/",
            SignatureRevokeView.as_view(),
            name="certificates_signature_revoke",
        ),
        path(
            "sertifikat/<int:pk>/cabut/",
            CertificateRevokeView.as_view(),
            name="certificates_certificate_revoke",
        ),
    ]


@hooks.register("register_permissions")
def register_permissions():
    from django.contrib.auth.models import Permission

    codenames = [p.split(".")[1] for p in (REVOKE_PERMISSION, REVOKE_CERTIFICATE_PERMISSION)]
    return Permission.objects.filter(content_type__app_label="certificates", codename__in=codenames)
