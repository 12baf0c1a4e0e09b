from django.urls import path

from . import certificate_views, views

app_name = "certificates"

urlpatterns = [
    path("pakta-saya/", views.my_pacts, name="my_pacts"),
    path("pakta/versi/<int:version_id>/tandatangani/", views.pact_sign, name="sign"),
    path("pakta/tanda-tangan/<uuid:reference>/", views.receipt, name="receipt"),
    path("pakta/tanda-tangan/<uuid:reference>/pdf/", views.receipt_pdf, name="receipt_pdf"),
    path("verifikasi/<str:code>/", views.verify, name="verify"),
    path("sertifikat-saya/", certificate_views.my_certificates, name="my_certificates"),
    path("sertifikat/<uuid:reference>/", certificate_views.certificate_detail, name="certificate"),
    path(
        "sertifikat/<uuid:reference>/pdf/",
        certificate_views.certificate_pdf,
        name="certificate_pdf",
    ),
    path(
        "sertifikat/<uuid:reference>/perbarui/",
        certificate_views.certificate_renew,
        name="certificate_renew",
    ),
    path(
        "sertifikat/<uuid:reference>/cabut/",
        certificate_views.certificate_revoke,
        name="certificate_revoke",
    ),
    path(
        "sertifikat/<uuid:reference>/open-badge/",
        certificate_views.certificate_badge,
        name="certificate_badge",
    ),
    path("openbadges/penerbit.json", certificate_views.badge_issuer, name="badge_issuer"),
    path("openbadges/kunci.json", certificate_views.badge_key, name="badge_key"),
    path("openbadges/status/<int:number>", certificate_views.badge_status, name="badge_status"),
    path("sdm/sertifikat/", certificate_views.hr_certificates, name="hr_certificates"),
    path(
        "sdm/sertifikat/unit/<int:office_id>/sertifikat.zip",
        certificate_views.hr_certificates_zip,
        name="hr_certificates_zip",
    ),
]
