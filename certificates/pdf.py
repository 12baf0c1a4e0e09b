"""PDF rendering: the only module that imports WeasyPrint (certificate_pdf.py only adds
its QR code to the finished PDF, through WeasyPrint's `finisher` hook and pydyf).

Documents are Django templates rendered to HTML and printed with their own print CSS.
The URL fetcher serves the project's own static files and `data:` URIs (QR codes) and
refuses everything else: no `file:` URL, no network. Learner-supplied text (names,
offices) is escaped by the template engine, and even if markup slipped through, it could
not pull a local file such as /etc/passwd into a PDF.

Each thread keeps one font configuration and the stylesheets it has parsed (see
`_Printer`): setting them up again for every document took longer than printing it.
"""

from __future__ import annotations

import mimetypes
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from xml.etree import ElementTree

import cssselect2
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
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


class _FontConfiguration(FontConfiguration):
    """WeasyPrint's font configuration, kept for the life of a thread. WeasyPrint deletes
    the folder of its @font-face files when the configuration is collected; a forked child
    inherits the parent's configuration and must not delete the parent's folder."""

    def __init__(self):
        super().__init__()
        self.pid = os.getpid()

    def __del__(self):
        if os.getpid() == self.pid:
            super().__del__()


class _Printer:
    """What every document printed by one thread can share: the fetcher, the font
    configuration (fontconfig's setup, @font-face files, Pango's font and shaping caches)
    and parsed stylesheets. Pango objects are not safe to share between threads, hence one
    per thread (and per process, as a forked child must not reuse its parent's)."""

    def __init__(self):
        self.pid = os.getpid()
        self.fetcher = StaticOnlyFetcher()
        self.font_config = _FontConfiguration()
        self.stylesheets: dict[str, CSS] = {}
        self.css_strings: dict[str, CSS] = {}
        # WeasyPrint's image cache (the `cache` option), keyed by URL: a logo given as a
        # data: URI is decoded once, not for every document.
        self.images: dict = {}

    def stylesheet(self, path: str) -> CSS:
        """The static stylesheet at `path` (e.g. "certificates/certificate.css"), parsed
        once; its @font-face rules load into this printer's font configuration."""
        css = self.stylesheets.get(path)
        if css is None:
            css = self.stylesheets[path] = CSS(
                url=f"{STATIC_BASE}{path}", url_fetcher=self.fetcher, font_config=self.font_config
            )
        return css

    def css_string(self, source: str) -> CSS:
        """`source` parsed once: for the few variants of a document's look (its colours)."""
        css = self.css_strings.get(source)
        if css is None:
            _bound(self.css_strings)
            css = self.css_strings[source] = CSS(
                string=source,
                base_url=STATIC_BASE,
                url_fetcher=self.fetcher,
                font_config=self.font_config,
            )
        return css


_CACHE_LIMIT = 32


def _bound(cache: dict) -> None:
    """Empty `cache` when full: its keys (designs, logos) change rarely, so a worker that
    has seen many of them just starts over."""
    if len(cache) >= _CACHE_LIMIT:
        cache.clear()


_local = threading.local()


def _printer() -> _Printer:
    printer = getattr(_local, "printer", None)
    if printer is None or printer.pid != os.getpid():
        printer = _local.printer = _Printer()
    return printer


class _HTMLWithUserAgentStylesheet(HTML):
    """WeasyPrint's `HTML` with another user-agent stylesheet. WeasyPrint has no public
    option for it; `_ua_stylesheets` is the hook its own test suite overrides, and
    `render_html` uses this class only while WeasyPrint still calls that hook (a page
    that is printed with WeasyPrint's own stylesheet instead is slower, not wrong, as
    long as the document's stylesheet sets the margins it relies on)."""

    ua_stylesheet: CSS

    def _ua_stylesheets(self, forms=False):
        return [self.ua_stylesheet]


_CAN_REPLACE_UA_STYLESHEET = callable(getattr(HTML, "_ua_stylesheets", None))
# What `HTML.__init__` sets after parsing, which `_from_tree` sets instead; checked once
# against a stock document, so a WeasyPrint that keeps something else there is simply
# given the markup to parse itself.
_HTML_ATTRIBUTES = {"base_url", "url_fetcher", "media_type", "wrapper_element", "etree_element"}
_CAN_TAKE_TREE = set(vars(HTML(string="<p>", base_url=BASE_URL))) == _HTML_ATTRIBUTES


def _from_tree(cls: type[HTML], html: str, fetcher: URLFetcher) -> HTML | None:
    """`html` parsed as XML into a `cls` document, or None when it is not well-formed
    XML (or this WeasyPrint cannot take a tree). Python's expat parser reads a page in a
    fraction of the time WeasyPrint's HTML5 parser, written in Python, takes (a millisecond
    of a 17 ms certificate). The markup is our template's, with every value escaped, so it
    has no DTD or entity of its own to expand."""
    if not _CAN_TAKE_TREE:
        return None
    try:
        root = ElementTree.fromstring(html)  # noqa: S314  # nosec B314 - our own template
    except ElementTree.ParseError:
        return None
    document = cls.__new__(cls)
    document.base_url = BASE_URL
    document.url_fetcher = fetcher
    document.media_type = "print"
    document.wrapper_element = cssselect2.ElementWrapper.from_html_root(root)
    document.etree_element = root
    return document


def render_html(
    html: str,
    *,
    stylesheets: Sequence[str] = (),
    css: Sequence[str] = (),
    ua_stylesheet: str | None = None,
    xhtml: bool = False,
    **options,
) -> bytes:
    """Print an HTML document to PDF bytes with the restricted fetcher.

    `stylesheets` (static paths) and then `css` (CSS source) are applied as author styles,
    each parsed once per thread: cheaper than a <link> or <style>, which are parsed again
    for every document. `ua_stylesheet` (a static path) replaces WeasyPrint's HTML
    stylesheet, for a document that uses a few elements and no lists, tables or forms.
    `xhtml` says the template writes well-formed XML (void elements closed, no whitespace
    between <html>, <head> and <body>, which an HTML parser would drop): it is then read
    by the XML parser, and by the HTML parser only if a value broke it (say, a control
    character in a name). `options` are WeasyPrint's `write_pdf` options."""
    printer = _printer()
    _bound(printer.images)
    cls = HTML
    if ua_stylesheet and _CAN_REPLACE_UA_STYLESHEET:
        cls = _HTMLWithUserAgentStylesheet
    document = _from_tree(cls, html, printer.fetcher) if xhtml else None
    if document is None:
        document = cls(string=html, base_url=BASE_URL, url_fetcher=printer.fetcher)
    if cls is _HTMLWithUserAgentStylesheet:
        document.ua_stylesheet = printer.stylesheet(ua_stylesheet)
    return document.write_pdf(
        stylesheets=[
            *(printer.stylesheet(path) for path in stylesheets),
            *(printer.css_string(source) for source in css),
        ],
        font_config=printer.font_config,
        cache=printer.images,
        **options,
    )


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render `template_name` with `context` to PDF bytes. Templates extend
    `certificates/pdf/base.html` and reach static files through `static_base`."""
    return render_html(render_to_string(template_name, {**context, "static_base": STATIC_BASE}))
