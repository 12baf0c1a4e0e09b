from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("akun/data-saya/", views.my_data, name="my_data"),
    path("akun/data-saya/unduh/", views.my_data_download, name="my_data_download"),
]
