"""factory_boy factories for notifications, shared by the tests and the demo seed. They go
through `services.notify`, so a factory cannot build what the service would refuse."""

import factory

from netra.people.factories import UserFactory

from . import services
from .models import Notification


class NotificationFactory(factory.django.DjangoModelFactory):
    """One notification to `recipient`, not emailed (pass `email=True` to queue it)."""

    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    key = factory.Sequence(lambda n: f"uji-{n}")
    title = factory.Sequence(lambda n: f"Pembaruan regulasi {n}")
    body = "Ketentuan netralitas ASN telah diperbarui. Mohon pelajari modul yang berubah."
    url = "/kursus-saya/"

    @classmethod
    def _create(cls, model_class, *, recipient, email=False, **kwargs):
        services.notify(user_ids=[recipient.pk], email=email, **kwargs)
        return model_class.objects.get(recipient=recipient, key=kwargs["key"])
