"""The factory_boy base for Wagtail pages, shared by every app's factories (tests and the
demo seed).

Pages are added under `parent` with treebeard's `add_child` and published through a
revision, the way an editor would publish them in the Wagtail admin; `publish=False`
leaves a draft.
"""

import factory


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *, parent, publish=True, **kwargs):
        page = cls._page(model_class, **kwargs)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        else:
            page.live = False
            page.save(update_fields=["live"])
        page.refresh_from_db()
        return page

    @classmethod
    def _page(cls, model_class, **kwargs):
        """The unsaved page; a subclass adds inline children here."""
        return model_class(**kwargs)
