from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("sdm/impor/", views.roster_imports, name="roster_imports"),
    path("sdm/impor/<int:import_id>/", views.roster_import_detail, name="roster_import"),
    path(
        "sdm/impor/<int:import_id>/status.json",
        views.roster_import_status,
        name="roster_import_status",
    ),
    path(
        "sdm/impor/<int:import_id>/terapkan/",
        views.roster_import_apply,
        name="roster_import_apply",
    ),
]
