from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "netra.privacy"
    label = "privacy"
    verbose_name = "Data pribadi"
