from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("kursus-saya/", views.my_courses, name="my_courses"),
    path("belajar/modul/<int:module_id>/selesai/", views.module_complete, name="module_complete"),
]
