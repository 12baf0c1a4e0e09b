"""Sanction levels, mildest first, for the "rentang sanksi" shown in quiz feedback.

The order lets a range be validated (lowest ≤ highest) and rendered as "from – to".
Criminal sanctions under the election laws sit last: they are decided by a court, not by
the PPK, and can come on top of a disciplinary punishment.
"""

from django.utils.translation import gettext_lazy as _

SANCTION_CHOICES = [
    ("none", _("Tidak melanggar")),
    ("moral", _("Sanksi moral (PP 42/2004)")),
    ("ringan", _("Hukuman disiplin ringan")),
    ("sedang", _("Hukuman disiplin sedang")),
    ("berat", _("Hukuman disiplin berat")),
    ("phk", _("Pemutusan kontrak (non-ASN)")),
    ("ptdh", _("Pemberhentian tidak dengan hormat")),
    ("pidana", _("Pidana pemilu/pemilihan")),
]

_ORDER = {key: index for index, (key, _label) in enumerate(SANCTION_CHOICES)}
_LABELS = dict(SANCTION_CHOICES)


def sanction_index(key: str) -> int:
    return _ORDER[key]


def sanction_label(key: str) -> str:
    return str(_LABELS.get(key, ""))


def sanction_range_text(lowest: str, highest: str) -> str:
    """ "Sanksi moral – Hukuman disiplin berat", or one label when both ends match."""
    if not lowest:
        return ""
    if lowest == highest:
        return sanction_label(lowest)
    return f"{sanction_label(lowest)} – {sanction_label(highest)}"
