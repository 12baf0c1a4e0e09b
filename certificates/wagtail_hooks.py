"""Admin wiring for pacts: a read-only list of signatures (with inspect) and revocation."""

from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .admin_views import REVOKE_PERMISSION, SignatureRevokeView
from .models import PactSignature


class ViewOnlyPolicy(ModelPermissionPolicy):
    """Signatures are evidence: the admin may list and inspect them, never add, edit or
    delete them (revocation is its own view and goes through the service)."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


register_permission_policy(PactSignature, ViewOnlyPolicy(PactSignature))


class RevokeColumn(Column):
    def get_value(self, instance):
        if instance.revoked_at:
            return _("Dicabut")
        return format_html(
            '<a href="{}">{}</a>',
            reverse("certificates_signature_revoke", args=[instance.pk]),
            _("Cabut…"),
        )


class PactSignatureViewSet(ModelViewSet):
    model = PactSignature
    icon = "doc-full"
    menu_label = _("Tanda tangan pakta")
    menu_order = 220
    add_to_admin_menu = True
    name = "pact_signatures"
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "__str__",
        "office_path",
        "signed_at",
        RevokeColumn("revoke", label=_("Status")),
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

    # No add, edit or delete views at all (the policy refuses them too).
    form_fields = ["revoked_reason"]
    read_only_views = {"index", "index_results", "inspect", "history", "history_results"}

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name in self.read_only_views]

    def get_queryset(self, request):
        return PactSignature.objects.select_related("version")


@hooks.register("register_admin_viewset")
def register_viewset():
    return PactSignatureViewSet()


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "pakta/tanda-tangan/<int:pk>/cabut/",
            SignatureRevokeView.as_view(),
            name="certificates_signature_revoke",
        )
    ]


@hooks.register("register_permissions")
def register_permissions():
    from django.contrib.auth.models import Permission

    app_label, codename = REVOKE_PERMISSION.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)
