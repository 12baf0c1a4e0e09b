"""PDF rendering: the only module that imports WeasyPrint.

Documents are Django templates rendered to HTML and printed with their own print CSS.
The URL fetcher serves the project's own static files and `data:` URIs (QR codes) and
refuses everything else: no `file:` URL, no network. Learner-supplied text (names,
offices) is escaped by the template engine, and even if markup slipped through, it could
not pull a local file such as /etc/passwd into a PDF.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Documents resolve relative URLs against this origin, which exists only for the fetcher.
BASE_URL = "https://netra.invalid/"
STATIC_BASE = f"{BASE_URL}static/"


class RefusedURL(ValueError):
    """A document asked for something other than a static asset or a data: URI."""


class StaticOnlyFetcher(URLFetcher):
    """Serve `https://netra.invalid/static/<path>` from the static finders, `data:` URIs
    as usual, and refuse every other URL."""

    def __init__(self):
        super().__init__(allowed_protocols=("data", "https"), allow_redirects=False)

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if not url.startswith(STATIC_BASE):
            raise RefusedURL(f"refused in PDF rendering: {url[:200]}")
        relative = url.removeprefix(STATIC_BASE).split("?")[0].split("#")[0]
        if not relative or ".." in Path(relative).parts:
            raise RefusedURL(f"refused in PDF rendering: {url[:200]}")
        found = finders.find(relative)
        if not found:
            raise RefusedURL(f"no such static file: {relative}")
        content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, Path(found).read_bytes(), headers={"Content-Type": content_type}
        )


def render_html(html: str) -> bytes:
    """Print an HTML document to PDF bytes with the restricted fetcher."""
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher()).write_pdf()


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render `template_name` with `context` to PDF bytes. Templates extend
    `certificates/pdf/base.html` and reach static files through `static_base`."""
    return render_html(render_to_string(template_name, {**context, "static_base": STATIC_BASE}))
