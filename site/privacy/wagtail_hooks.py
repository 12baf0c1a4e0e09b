"""Admin wiring for personal data: the anonymisation page, its button in the employee
list, its permission and its log action. (The button on the employee's edit page is added
by netra.people.wagtail_hooks.)"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from netra.people.models import Employee

from .admin_views import URL_NAME, AnonymiseEmployeeView, anonymise_buttons
from .services import LOG_ACTION


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("pegawai/<int:pk>/anonimkan/", AnonymiseEmployeeView.as_view(), name=URL_NAME),
    ]


@hooks.register("register_snippet_listing_buttons")
def employee_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Employee):
        yield from anonymise_buttons(user, snippet)


@hooks.register("register_permissions")
def register_permissions():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="privacy", codename="anonymise_employee"
    )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(LOG_ACTION, _("Anonimkan"), _("Data pribadi dianonimkan"))
