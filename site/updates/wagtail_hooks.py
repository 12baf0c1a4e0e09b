"""Admin wiring: the read-only history of recorded impacts ("Riwayat dampak pembaruan"),
with "Terapkan ulang dampak" for admins and reviewers, and the audit-log action names."""

from django.middleware.csrf import get_token
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import rules
from .admin_views import impact_reapply
from .models import UpdateImpact


class ImpactHistoryPolicy(ModelPermissionPolicy):
    """The history is evidence of who required what: it is listed and inspected, never
    added, edited or deleted through the admin."""

    def user_has_permission(self, user, action):
        return action == "view" and rules.can_view_impacts(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions, **kwargs):
        return super().users_with_any_permission(actions, **kwargs).none()


register_permission_policy(UpdateImpact, ImpactHistoryPolicy(UpdateImpact))


class ReapplyColumn(Column):
    """A small POST form per row (re-applying is a write, never a link)."""

    cell_template_name = "updates/admin/reapply_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["allowed"] = request is not None and rules.can_reapply_impact(request.user)
        context["action"] = reverse("updates_impact_reapply", args=[instance.pk])
        context["csrf_token"] = get_token(request) if request is not None else ""
        return context


class UpdateImpactViewSet(ModelViewSet):
    model = UpdateImpact
    icon = "history"
    menu_label = _("Riwayat dampak pembaruan")
    menu_order = 222
    add_to_admin_menu = True
    name = "update_impacts"
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["reason"]
    read_only_views = {"index", "index_results", "inspect"}
    list_display = [
        "update",
        "change_kind",
        "published_by",
        "published_at",
        "applied_at",
        "affected_count",
        "renewed_count",
        ReapplyColumn("reapply", label=_("Tindakan")),
    ]
    list_filter = ["change_kind", "applied_at"]
    inspect_view_fields = [
        "update",
        "revision",
        "published_by",
        "published_at",
        "change_kind",
        "reason",
        "course_ids",
        "changed_module_ids",
        "pact_ids",
        "applied_at",
        "affected_count",
        "renewed_count",
    ]

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name in self.read_only_views]

    def get_queryset(self, request):
        return UpdateImpact.objects.select_related("update", "published_by")


@hooks.register("register_admin_viewset")
def register_impact_viewset():
    return UpdateImpactViewSet()


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "dampak-pembaruan/<int:pk>/terapkan-ulang/",
            impact_reapply,
            name="updates_impact_reapply",
        )
    ]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("netra.update_impact.record", _("Dampak dicatat"), _("Dampak dicatat"))
    actions.register_action(
        "netra.update_impact.reapply", _("Dampak diterapkan ulang"), _("Dampak diterapkan ulang")
    )
