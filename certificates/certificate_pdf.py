"""The certificate PDF: a `CertificateDocument` in, unsealed PDF bytes out (one A4
landscape page). No ORM: the issuing service builds the document, and seals the result.

Printed by `pdf.render_html` (WeasyPrint) from `certificates/pdf/certificate.html` and
`certificate.css`, with the two fonts vendored in `static/certificates/fonts/`, so a
certificate looks the same on every machine.

Where the time goes, and what was done about it (bench/certificate_pdf.py measures it):
every box and line of text costs WeasyPrint Python work, so the page is a dozen
paragraphs; the stylesheets, the fonts and the design's colours and logo are parsed once
per worker thread (`pdf._Printer`); the page is read by Python's XML parser rather than
WeasyPrint's HTML5 one (`xhtml`: a millisecond less); a lean user-agent stylesheet
replaces WeasyPrint's (whose pseudo-element rules cost every element six more styles);
and the QR code is painted straight into the page as one vector path in the box of the
template's `.qr` link (`_QRPainter`): as an inline SVG, WeasyPrint's Python path parser
alone took 6 ms.
"""

from __future__ import annotations

import base64
import re

import pydyf
import segno
from django.template.loader import render_to_string
from django.utils import translation

from . import pdf
from .documents import CertificateDocument, Design

TEMPLATE = "certificates/pdf/certificate.html"
STYLESHEET = "certificates/certificate.css"
UA_STYLESHEET = "certificates/certificate-ua.css"
QR_BORDER = 2  # quiet zone, in modules, painted white whatever the paper colour
QR_MASK = 0  # see qr_rectangles
_DARK_RUN = re.compile(rb"\x01+")
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_DEFAULT = Design()
# (longest text in characters, CSS class): long names and course titles get a smaller
# type, so that even a name with many academic titles takes at most two lines and the
# page stays one page.
_NAME_SIZES = ((32, ""), (48, "l"), (72, "m"), (None, "s"))
_COURSE_SIZES = ((72, ""), (120, "m"), (None, "s"))
_PX_TO_PT = 0.75  # WeasyPrint lays out in CSS pixels (96 per inch); PDF counts 72 per inch
# The design's colours and logo, as a stylesheet parsed once per design: cheaper than
# var(), which WeasyPrint resolves again for every box, and than an <img>, whose data: URI
# the HTML parser would read again for every certificate. Colours are checked #rrggbb, the
# logo is base64.
_DESIGN_CSS = """@page {{ border-color: {primary}; background: {paper}; }}
html {{ border-color: {accent}; }}
.issuer, h1, .statement b {{ color: {primary}; }}
.given {{ border-color: {accent}; }}
"""
_LOGO_CSS = '.logo {{ background-image: url("{uri}"); }}\n'


def colour(value: str, default: str) -> str:
    """`value` if it is exactly #rrggbb, else `default`: only such a value may reach CSS."""
    return value.lower() if _COLOUR.fullmatch(value or "") else default


def logo_data_uri(data: bytes | None) -> str:
    """The logo as a data: URI if it is a JPEG (embedded as is, no re-encoding), else ""."""
    if not data or not data.startswith(b"\xff\xd8\xff"):
        return ""
    return "data:image/jpeg;base64," + base64.b64encode(data).decode("ascii")


def design_css(design: Design) -> str:
    """The stylesheet of `design`'s colours and logo."""
    css = _DESIGN_CSS.format(
        primary=colour(design.primary_colour, _DEFAULT.primary_colour),
        accent=colour(design.accent_colour, _DEFAULT.accent_colour),
        paper=colour(design.paper_colour, _DEFAULT.paper_colour),
    )
    if uri := logo_data_uri(design.logo_jpeg):
        css += _LOGO_CSS.format(uri=uri)
    return css


def size_class(text: str, sizes=_NAME_SIZES) -> str:
    """The CSS class that sizes `text` (by default a name) by its length."""
    for longest, size in sizes:
        if longest is None or len(text) <= longest:
            return size
    raise ValueError("the last size must have no limit")


def qr_rectangles(url: str) -> tuple[int, list[tuple[int, int, int, int]]]:
    """The QR code for `url` as rectangles of dark modules: (size of the symbol in modules,
    [(x, y, width, height), …] in modules from its top left corner). A run of dark modules
    in a row is one rectangle, made taller while the rows below repeat it, so a symbol is
    a few hundred rectangles rather than a thousand squares.

    The mask is fixed: any of the eight makes a valid symbol that readers decode; picking
    the one with the lowest penalty score (segno's default) takes 4 ms more, a fifth of
    the whole certificate, to avoid patterns that random-looking data (the verification
    code and the error correction) hardly produces."""
    matrix = segno.make(url, error="m", mask=QR_MASK).matrix
    rectangles = []
    open_runs: dict[tuple[int, int], int] = {}  # (x, width) -> first row
    for y, row in enumerate([*matrix, b""]):
        runs = {(run.start(), run.end() - run.start()) for run in _DARK_RUN.finditer(row)}
        for run in [run for run in open_runs if run not in runs]:
            first = open_runs.pop(run)
            rectangles.append((run[0], first, run[1], y - first))
        for run in runs:
            open_runs.setdefault(run, y)
    return len(matrix), rectangles


class _QRPainter:
    """A WeasyPrint finisher that paints the QR code of `url` on the first page, into
    the box of the template's `.qr` link (to `url`, so the code is also clickable), as
    one filled path.

    Only public API: the link's rectangle from `Page.links`, and pydyf objects added to
    the page's /Contents array. Our operators go in a stream of their own, with the
    page's stream wrapped in q/Q, so they start from the default coordinate system
    whatever state WeasyPrint's drawing ends in."""

    def __init__(self, url: str):
        self.url = url
        self.size, self.rectangles = qr_rectangles(url)

    def box(self, page) -> tuple[float, float, float]:
        """(left, top, side) of the QR box in PDF points from the bottom left: the box of
        the page's only link, the template's `.qr`."""
        links = [link for link in page.links if link[0] == "external"]
        if len(links) != 1:
            raise ValueError("the certificate must have one link: its QR code box")
        # WeasyPrint 70 gives the corners (x0, y0, x1, y1), in CSS pixels from the top
        # left, where its docstring says (x, y, width, height); the tests check the QR
        # code lands on the link.
        x0, y0, x1, y1 = links[0][2]
        side = min(x1 - x0, y1 - y0)
        return x0 * _PX_TO_PT, (page.height - y0) * _PX_TO_PT, side * _PX_TO_PT

    def __call__(self, document, pdf_file: pydyf.PDF) -> None:
        left, top, side = self.box(document.pages[0])
        total = self.size + 2 * QR_BORDER
        module = side / total
        operators = [
            b"q",
            f"{module:.4f} 0 0 {-module:.4f} {left:.3f} {top:.3f} cm".encode(),
            f"1 g 0 0 {total} {total} re f".encode(),
            f"1 0 0 1 {QR_BORDER} {QR_BORDER} cm 0 g".encode(),
            *(f"{x} {y} {w} {h} re".encode() for x, y, w, h in self.rectangles),
            b"f Q",
        ]
        before = pydyf.Stream([b"q"])
        after = pydyf.Stream([b"Q", *operators], compress=True)
        pdf_file.add_object(before)
        pdf_file.add_object(after)
        page = pdf_file.objects[pdf_file.pages["Kids"][0]]
        page["Contents"] = pydyf.Array([before.reference, page["Contents"], after.reference])


def context(doc: CertificateDocument) -> dict:
    design = doc.design
    ancestors = doc.recipient.office_ancestors
    return {
        "doc": doc,
        "design": design,
        "recipient": doc.recipient,
        "name_size": size_class(doc.recipient.full_name),
        "course_size": size_class(doc.course_title, _COURSE_SIZES),
        # Ancestors run from the top of the tree down: the last one is the office's parent.
        "parent_office": ancestors[-1] if ancestors else "",
        "logo": bool(logo_data_uri(design.logo_jpeg)),
        # Printed without its scheme, which browsers add: the address then fits on one
        # line, so the verification code is never broken in two for someone typing it.
        "verification_address": doc.verification_url.removeprefix("https://"),
    }


def certificate_html(doc: CertificateDocument) -> str:
    """The certificate as HTML (without its stylesheet and QR code, which
    `render_certificate` adds)."""
    # The certificate is always Indonesian (month names too), whatever the request's language.
    with translation.override("id"):
        return render_to_string(TEMPLATE, context(doc))


def render_certificate(doc: CertificateDocument) -> bytes:
    """The unsealed PDF of `doc`: one A4 landscape page."""
    return pdf.render_html(
        certificate_html(doc),
        stylesheets=[STYLESHEET],
        css=[design_css(doc.design)],
        ua_stylesheet=UA_STYLESHEET,
        xhtml=True,
        finisher=_QRPainter(doc.verification_url),
    )
