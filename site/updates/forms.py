"""The admin form of a regulation update page."""

from wagtail.admin.forms import WagtailAdminPageForm

# Inline relation -> the field of its rows that holds the chosen page.
IMPACT_ROWS = {"affected_courses": "course", "changed_modules": "module", "affected_pacts": "pact"}


class RegulationUpdateForm(WagtailAdminPageForm):
    """Hands the submitted impact rows to the page before Django runs the page's own
    `clean()` (which would otherwise see the rows saved last time), so the rule about
    courses, modules and pacts lives in one place: `RegulationUpdatePage.clean`."""

    def clean(self):
        cleaned_data = super().clean()
        chosen = []
        for relation, field in IMPACT_ROWS.items():
            formset = self.formsets.get(relation)
            ids = []
            if formset is not None and formset.is_valid():
                for form in formset.forms:
                    data = getattr(form, "cleaned_data", None) or {}
                    if data.get(field) is not None and not data.get("DELETE"):
                        ids.append(data[field].pk)
            chosen.append(ids)
        self.instance._submitted_impact_ids = tuple(chosen)
        return cleaned_data
