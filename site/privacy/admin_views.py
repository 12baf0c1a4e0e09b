"""Wagtail admin: anonymise a departed employee, from a confirmation page, through
`services.anonymise_employee`. Superusers and holders of `privacy.anonymise_employee` only;
the page and the button exist for nobody else."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button

from netra.people.models import Employee

from . import registry, services
from .forms import AnonymiseForm
from .models import Anonymisation

ANONYMISE_PERMISSION = "privacy.anonymise_employee"
URL_NAME = "privacy_anonymise_employee"


def may_anonymise(user) -> bool:
    return user.is_active and user.has_perm(ANONYMISE_PERMISSION)


def anonymise_buttons(user, employee) -> list[Button]:
    """The button on an employee's admin pages, for those who may use it; shown for
    inactive employees only (an active one must leave first)."""
    if employee.pk is None or employee.is_active or not may_anonymise(user):
        return []
    url = reverse(URL_NAME, args=[employee.pk])
    return [Button(_("Anonimkan data…"), url=url, icon_name="warning", priority=90)]


class AnonymiseEmployeeView(WagtailAdminTemplateMixin, FormView):
    template_name = "privacy/admin/anonymise.html"
    form_class = AnonymiseForm
    page_title = _("Anonimkan data pegawai")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not may_anonymise(request.user):
            raise PermissionDenied
        self.employee = get_object_or_404(
            Employee.objects.select_related("office"), pk=kwargs["pk"]
        )
        self.record = Anonymisation.objects.filter(employee=self.employee).first()
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.employee.full_name

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            employee=self.employee,
            record=self.record,
            entries=sorted(registry.entries(), key=lambda e: str(e.title)),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            result = services.anonymise_employee(
                self.employee, by=self.request.user, reason=form.cleaned_data["reason"]
            )
        except services.AnonymisationRefused as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        if result.created:
            messages.success(self.request, _("Data pegawai sudah dianonimkan."))
        else:
            messages.info(self.request, _("Data pegawai ini sudah dianonimkan sebelumnya."))
        return redirect(reverse("wagtailsnippets_people_employee:edit", args=[self.employee.pk]))
