from django.urls import path

from . import views

app_name = "regulations"
urlpatterns = [
    path("cari/", views.search, name="search"),
    path("regulasi/<int:page_id>/", views.regulation_link, name="link"),
    path("regulasi/<int:page_id>/unduh/", views.regulation_document, name="document"),
]
