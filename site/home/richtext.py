"""The rich-text policy for editors' text shown to the public and to learners (regulation
updates' bodies, regulation summaries): which editor features exist, and the sanitiser
every rendering goes through.

Wagtail cleans rich text when the editor converts it, but renders whatever HTML is stored.
HTML can reach the database without the editor (raw form posts, imports, the shell), so
the body is cleaned again on the way out, with a whitelist that knows Wagtail's stored
format (`<a linktype=… id=…>`, `<embed embedtype="image" …>`). Anything not listed is
unwrapped to its text (`<script>` becomes harmless text) and every `href` is checked
against the allowed URL schemes.
"""

from wagtail.rich_text import RichText
from wagtail.whitelist import Whitelister, allow_without_attributes, attribute_rule, check_url

# No embeds: an embed provider's HTML is third-party markup we cannot vouch for.
FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "image"]


def _image_format(value):
    # Only the registered format names (letters, digits, dashes) reach expand_db_html.
    return value if value.replace("-", "").replace("_", "").isalnum() else None


def _digits(value):
    return value if value.isdigit() else None


class StoredHtmlWhitelister(Whitelister):
    element_rules = {
        "[document]": allow_without_attributes,
        "p": allow_without_attributes,
        "br": allow_without_attributes,
        "h3": allow_without_attributes,
        "h4": allow_without_attributes,
        "b": allow_without_attributes,
        "strong": allow_without_attributes,
        "i": allow_without_attributes,
        "em": allow_without_attributes,
        "ol": allow_without_attributes,
        "ul": allow_without_attributes,
        "li": allow_without_attributes,
        "a": attribute_rule(
            {
                "href": check_url,
                "linktype": lambda v: v if v in ("page", "document") else None,
                "id": _digits,
            }
        ),
        "embed": attribute_rule(
            {
                "embedtype": lambda v: v if v == "image" else None,
                "id": _digits,
                "format": _image_format,
                "alt": True,
            }
        ),
    }


_whitelister = StoredHtmlWhitelister()


def sanitize(html: str) -> str:
    """Stored rich text with everything outside the feature list removed."""
    return _whitelister.clean(html or "")


def render(html: str) -> RichText:
    """Sanitised stored rich text, ready for `{{ value }}` in a template (Wagtail expands
    page, document and image references)."""
    return RichText(sanitize(html))
