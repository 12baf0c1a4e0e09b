"""Wagtail admin registration for offices and employees (bakerydemo style: viewsets)."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from netra.privacy.admin_views import anonymise_buttons

from . import services
from .forms_admin import OfficeAdminForm
from .models import Employee, HrAssignment, Office


class OfficeViewSet(SnippetViewSet):
    model = Office
    icon = "site"
    menu_label = _("Unit kerja")
    list_display = ["name", "code", "kind", "depth", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code"]
    ordering = ["path"]
    add_to_admin_menu = False
    # The form places new offices in the tree through `services.office_create`.
    edit_handler = ObjectList(
        [
            FieldPanel("parent"),
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("code"), FieldPanel("kind")]),
            FieldPanel("is_active"),
        ],
        base_form_class=OfficeAdminForm,
    )


class EmployeeEditView(SnippetViewSet.edit_view_class):
    @cached_property
    def header_more_buttons(self):
        # "Anonimkan data…" for a departed employee (netra.privacy, UU 27/2022).
        return [*super().header_more_buttons, *anonymise_buttons(self.request.user, self.object)]


class EmployeeViewSet(SnippetViewSet):
    model = Employee
    edit_view_class = EmployeeEditView
    icon = "user"
    menu_label = _("Pegawai")
    list_display = ["name", "nip", "employment_type", "office", "is_active"]
    list_filter = ["employment_type", "is_active"]
    search_fields = ["name", "nip", "registration_number"]
    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("front_title"), FieldPanel("name"), FieldPanel("back_title")]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("employment_type"),
                        FieldPanel("nip"),
                        FieldPanel("registration_number"),
                    ]
                ),
            ],
            heading=_("Identitas"),
        ),
        FieldRowPanel([FieldPanel("golongan"), FieldPanel("jabatan")]),
        FieldPanel("office"),
        FieldPanel("is_active"),
    ]


class HrAssignmentViewSet(SnippetViewSet):
    """Which office subtrees each HR officer may see."""

    model = HrAssignment
    icon = "key"
    menu_label = _("Petugas SDM")
    list_display = ["user", "office", "created_at"]
    search_fields = ["user__username", "user__first_name", "office__name"]
    panels = [FieldPanel("user"), FieldPanel("office")]


class PeopleViewSetGroup(SnippetViewSetGroup):
    items = (OfficeViewSet, EmployeeViewSet, HrAssignmentViewSet)
    menu_icon = "group"
    menu_label = _("Kepegawaian")
    menu_name = "kepegawaian"


register_snippet(PeopleViewSetGroup)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def tell_others_an_employee_changed(request, instance):
    """The admin saves employees through its model form, not `services.employee_upsert`;
    this tells other apps all the same (`events.employees_changed`, after commit)."""
    if isinstance(instance, Employee):
        services.employees_changed_on_commit([instance.pk])
