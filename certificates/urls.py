from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("pakta-saya/", views.my_pacts, name="my_pacts"),
    path("pakta/versi/<int:version_id>/tandatangani/", views.pact_sign, name="sign"),
    path("pakta/tanda-tangan/<uuid:reference>/", views.receipt, name="receipt"),
    path("pakta/tanda-tangan/<uuid:reference>/pdf/", views.receipt_pdf, name="receipt_pdf"),
    path("verifikasi/<str:code>/", views.verify, name="verify"),
]
