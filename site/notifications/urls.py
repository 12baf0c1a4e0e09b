from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("notifikasi/", views.notification_list, name="list"),
    path("notifikasi/<int:notification_id>/buka/", views.notification_open, name="open"),
    path("notifikasi/baca-semua/", views.notification_read_all, name="read_all"),
]
