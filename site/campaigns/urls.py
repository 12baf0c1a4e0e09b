from django.urls import path

from . import export_views, reminder_views, views

app_name = "campaigns"

urlpatterns = [
    path("sdm/kepatuhan/", views.dashboard, name="dashboard"),
    path("sdm/kepatuhan/<int:period_id>/", views.overview, name="overview"),
    path("sdm/kepatuhan/<int:period_id>/unit/<int:office_id>/", views.office, name="office"),
    path(
        "sdm/kepatuhan/<int:period_id>/unit/<int:office_id>/pegawai/",
        views.employees,
        name="employees",
    ),
    path(
        "sdm/kepatuhan/<int:period_id>/pegawai/<int:employee_id>/",
        views.employee,
        name="employee",
    ),
    path(
        "sdm/kepatuhan/<int:period_id>/ekspor.<str:fmt>",
        export_views.overview_export,
        name="overview_export",
    ),
    path(
        "sdm/kepatuhan/<int:period_id>/unit/<int:office_id>/ekspor.<str:fmt>",
        export_views.office_export,
        name="office_export",
    ),
    path(
        "sdm/kepatuhan/<int:period_id>/unit/<int:office_id>/pegawai/ekspor.<str:fmt>",
        export_views.employees_export,
        name="employees_export",
    ),
    path("sdm/kepatuhan/<int:period_id>/pengingat/", reminder_views.reminder_log, name="reminders"),
    path(
        "sdm/kepatuhan/<int:period_id>/pengingat/konfirmasi/",
        reminder_views.remind_confirm,
        name="remind_confirm",
    ),
    path("sdm/kepatuhan/<int:period_id>/pengingat/kirim/", reminder_views.remind, name="remind"),
]
