"""PDF rendering: real WeasyPrint output, a fetcher that loads nothing from outside."""

import logging

import pytest
from django.template import engines

from certificates import pdf


def _render(body: str, context: dict) -> bytes:
    """Render an inline template that extends the documents' base."""
    template = engines["django"].from_string(
        '{% extends "certificates/pdf/base.html" %}{% block content %}' + body + "{% endblock %}"
    )
    return pdf.render_html(template.render({**context, "static_base": pdf.STATIC_BASE}))


class FetcherTests:
    @pytest.mark.parametrize(
        "url",
        [
            "file:///etc/passwd",
            "https://example.com/logo.png",
            "http://127.0.0.1:8000/static/css/netra.css",
            "https://netra.invalid/static/../../../etc/passwd",
            "https://netra.invalid/media/private.pdf",
            "ftp://example.com/x",
        ],
    )
    def test_refuses_anything_but_static_assets(self, url):
        with pytest.raises(ValueError):
            pdf.StaticOnlyFetcher().fetch(url)

    def test_serves_the_projects_static_files(self):
        response = pdf.StaticOnlyFetcher().fetch(
            "https://netra.invalid/static/certificates/print.css"
        )
        assert b"@page" in response.read()
        assert response.content_type == "text/css"

    def test_serves_data_uris(self):
        response = pdf.StaticOnlyFetcher().fetch("data:text/plain;base64,TmV0cmE=")
        assert response.read() == b"Netra"


class RenderTests:
    def test_renders_a_pdf_with_the_text(self):
        data = pdf.render_pdf("certificates/pdf/base.html", {"title": "Pakta Integritas"})
        assert data.startswith(b"%PDF-")

    def test_a_name_asking_for_a_local_file_renders_as_text(self, caplog):
        name = '<img src="file:///etc/passwd"> Siti "Ani" <b>Ñúñez</b> 王'
        data = _render("<p>{{ name }}</p>", {"name": name})
        assert data.startswith(b"%PDF-") and b"root:x:0:0" not in data
        assert "passwd" not in caplog.text  # never even attempted: the markup was escaped

    def test_markup_that_slips_through_still_cannot_load_local_files(self, caplog):
        caplog.set_level(logging.WARNING, logger="weasyprint")
        data = _render('<img src="file:///etc/passwd"><p>x</p>', {})
        assert b"root:x:0:0" not in data
        assert "refused in PDF rendering: file:///etc/passwd" in caplog.text

    def test_fonts_are_subset_by_harfbuzz_not_the_slow_fallback(self, caplog):
        # Without Debian's libharfbuzz-subset0 WeasyPrint silently falls back to fontTools
        # (about 6x slower per page); make that a failure, not a surprise in production.
        caplog.set_level(logging.WARNING, logger="weasyprint")
        pdf.render_pdf("certificates/pdf/base.html", {"title": "Uji huruf ÀÉÎ Ñ 王"})
        assert "instead of HarfBuzz-Subset" not in caplog.text
