"""Benchmark: rendering a one-page document and sealing it (PAdES, ECDSA P-256).

Creates a throw-away CA and seal key, renders the documents' base template with
WeasyPrint, then seals it with the signer loaded once per process (as Netra does) and,
as the baseline in the same run, with the PKCS#12 key parsed again for every document.

    .venv/bin/python bench/pdf_seal.py
"""

import os
import statistics
import tempfile
import time
import warnings
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netra.settings.test")
warnings.filterwarnings("ignore", message="No directory at")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from certificates import pdf, signing  # noqa: E402
from certificates.keys import create_seal  # noqa: E402

ROUNDS = 30


def _median_ms(call) -> float:
    timings = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        call()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000


def main():
    with tempfile.TemporaryDirectory() as directory:
        _ca, key = create_seal(Path(directory), organisation="Pemkot Bench", password="bench")  # noqa: S106 - throw-away key
        settings.NETRA_SEAL_PKCS12, settings.NETRA_SEAL_PASSWORD = str(key), "bench"
        context = {"title": "Pakta Integritas Netralitas ASN"}
        render_ms = _median_ms(lambda: pdf.render_pdf("certificates/pdf/base.html", context))
        document = pdf.render_pdf("certificates/pdf/base.html", context)
        signing.seal_pdf(document, reason="bench")  # load the signer once

        def reparse_each_time():
            signing._signer.cache_clear()
            signing.seal_pdf(document, reason="bench")

        baseline_ms = _median_ms(reparse_each_time)
        cached_ms = _median_ms(lambda: signing.seal_pdf(document, reason="bench"))
        print(f"render one page (WeasyPrint): {render_ms:.1f} ms")
        print(f"{'seal':>28} {'median ms':>10} {'ratio':>6}")
        print(f"{'key parsed per document':>28} {baseline_ms:>10.2f} {1:>6.2f}")
        print(f"{'signer loaded once':>28} {cached_ms:>10.2f} {cached_ms / baseline_ms:>6.2f}")


if __name__ == "__main__":
    main()
