"""Pure rules for notifications (no ORM), tested directly."""

from __future__ import annotations

import re

# Whitespace and control characters have no place in a link a notification carries:
# browsers strip some of them, which can turn "/\t/evil.example" into "//evil.example".
_UNSAFE = re.compile(r"[\x00-\x20\x7f\\]")


def is_internal_path(url: str) -> bool:
    """Whether `url` is a path on this site ("/kursus/…"), never another site.

    Notifications come from admins' regulation updates and from code; the list view
    redirects to their link after marking one read, so an off-site link would make Netra
    an open redirect. A path starts with one "/" and never "//" (a scheme-relative URL),
    and holds no backslash or whitespace (which browsers may read as "/")."""
    if not url or not url.startswith("/") or url.startswith("//"):
        return False
    return not _UNSAFE.search(url)


def one_line(text: str, limit: int) -> str:
    """`text` on one line (runs of whitespace to one space), cut to `limit` characters:
    titles become email subjects, where a line break is refused."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
