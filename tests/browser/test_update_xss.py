"""Rich text and other fields from editors cannot run script on learners' pages.

The payloads are stored straight into an update's fields (the stored HTML of the rich text
body included), bypassing the editor's own cleaning, as an attacker posting raw form data
or an import would. Chromium then renders the update, the index and the home page, clicks
every link and hovers, focuses and toggles every element of the body. Each payload, if it
ran, would open a dialog, log a marker or set `data-xss` on the body: none may happen.
"""

import pytest

from netra.regulations.factories import RegulationIndexPageFactory, RegulationPageFactory
from netra.updates.factories import RegulationUpdatePageFactory
from netra.updates.models import ChangeKind
from tests.updates import conftest as update_fixtures

from .test_learner_journey import ARTIFACTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

update_index = update_fixtures.update_index


def _run(n: int) -> str:
    """JavaScript that leaves every kind of trace when it runs."""
    return f"alert('XSS-{n}');console.log('XSS-{n}');document.body.dataset.xss='{n}'"


BODY_PAYLOADS = [
    f"<script>{_run(1)}</script>",
    f'<img src="x" onerror="{_run(2)}">',
    f'<a href="javascript:{_run(3)}">tautan javascript</a>',
    f'<svg onload="{_run(4)}"><circle r="4"></circle></svg>',
    f'<iframe srcdoc="<script>parent.{_run(5)}</script>"></iframe>',
    f'<p onmouseover="{_run(6)}" onclick="{_run(6)}" onfocus="{_run(6)}" tabindex="0">'
    "arahkan ke sini</p>",
    f'<div style="background:url(javascript:{_run(7)});width:expression({_run(7)})">gaya</div>',
    f'<math><mtext></p><img src=x onerror="{_run(8)}"></mtext></math>',
    f'<details open ontoggle="{_run(9)}"><summary>ringkas</summary>isi</details>',
    f'<a href="jav&#x09;ascript:{_run(10)}">tab di skema</a>',
    f'<a linktype="page" id="1" onclick="{_run(11)}">tautan halaman</a>',
    f'<embed embedtype="image" id="999" format="left" onerror="{_run(12)}" src="javascript:x">',
    f'<object data="javascript:{_run(13)}"></object>',
    f'<input autofocus onfocus="{_run(14)}">',
    f'<form><button formaction="javascript:{_run(15)}">kirim</button></form>',
    f'<meta http-equiv="refresh" content="0;url=javascript:{_run(16)}">',
    f'<base href="javascript:{_run(17)}//">',
    f"<style>@import 'javascript:{_run(18)}';</style>",
    f'<a href="data:text/html,<script>{_run(19)}</script>">data</a>',
    f'<video><source onerror="{_run(20)}"></video>',
    f'<noscript><p title="</noscript><img src=x onerror={_run(21)}>"></noscript>',
    f'<!--><img src=x onerror="{_run(22)}">-->',
]
TEXT_PAYLOAD = f'"><script>{_run(30)}</script><img src=x onerror="{_run(31)}">'


@pytest.fixture
def hostile_update(update_index):
    return RegulationUpdatePageFactory(
        parent=update_index,
        title=f"Judul {TEXT_PAYLOAD}"[:255],
        slug="pembaruan-berbahaya",
        seo_title=f"SEO {TEXT_PAYLOAD}"[:255],
        search_description=f"Deskripsi {TEXT_PAYLOAD}",
        summary=f"Ringkasan {TEXT_PAYLOAD}",
        change_kind=ChangeKind.MINOR,
        impact_reason=f"Alasan {TEXT_PAYLOAD}"[:300],
        body="<p>Awal isi.</p>" + "".join(BODY_PAYLOADS) + "<p>Akhir isi.</p>",
    )


def test_stored_payloads_never_run_in_the_browser(live_server, phone, hostile_update):
    page = phone
    fired: list[str] = []
    page.on("dialog", lambda dialog: (fired.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda message: "XSS" in message.text and fired.append(message.text))

    def assert_clean(where: str):
        page.wait_for_timeout(300)
        assert fired == [], f"{where}: {fired}"
        assert page.evaluate("document.body.dataset.xss") is None, where

    page.goto(f"{live_server.url}{hostile_update.url}")
    body = page.locator(".rich-text")
    assert "Awal isi." in body.inner_text() and "Akhir isi." in body.inner_text()
    assert "arahkan ke sini" in body.inner_text()  # text survives, only the script goes
    assert page.locator("h1").inner_text().startswith("Judul")
    assert_clean("update page")
    # No element the payloads tried to add survives in the body.
    assert body.locator("script, iframe, svg, object, embed, input, style, base, meta").count() == 0
    assert page.evaluate(
        """() => [...document.querySelectorAll('.rich-text *')].every(el =>
            [...el.attributes].every(a => !a.name.startsWith('on') && a.name !== 'style'))"""
    )

    # Fire every event an inline handler could listen to on every element of the body.
    # (Not a click on a real link: following it would leave the page.)
    page.evaluate(
        """() => document.querySelectorAll('.rich-text *').forEach(el => {
            for (const type of ['mouseover', 'focus', 'click', 'toggle', 'error', 'load']) {
                if (type === 'click' && el.closest('a[href]')) continue;
                el.dispatchEvent(new Event(type, {bubbles: true}));
            }
        })"""
    )
    assert_clean("events dispatched")
    for i in range(body.locator("a").count()):
        link = body.locator("a").nth(i)
        href = link.get_attribute("href")
        assert href is None or not href.lower().replace("\t", "").startswith(
            ("javascript:", "data:")
        )
        if href is None and link.is_visible():
            link.click(force=True)
    assert_clean("links clicked")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "update-xss.png"), full_page=True)

    for url in ("/", hostile_update.get_parent().url, f"{hostile_update.get_parent().url}feed/"):
        page.goto(f"{live_server.url}{url}")
        assert_clean(url)
    page.goto(f"{live_server.url}/")
    assert "Judul" in page.locator(".latest-updates").inner_text()


def test_stored_payloads_in_a_regulation_summary_never_run(live_server, phone, home):
    regulation = RegulationPageFactory(
        parent=RegulationIndexPageFactory(parent=home),
        title=f"Peraturan {TEXT_PAYLOAD}"[:255],
        issuer=f"Penerbit {TEXT_PAYLOAD}"[:200],
        summary="<p>Awal ringkasan.</p>" + "".join(BODY_PAYLOADS) + "<p>Akhir ringkasan.</p>",
    )
    page = phone
    fired: list[str] = []
    page.on("dialog", lambda dialog: (fired.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda message: "XSS" in message.text and fired.append(message.text))
    for url in (regulation.url, regulation.get_parent().url, "/cari/?q=Peraturan"):
        page.goto(f"{live_server.url}{url}")
        page.evaluate(
            """() => document.querySelectorAll('main *').forEach(el => {
                for (const type of ['mouseover', 'focus', 'toggle', 'error', 'load']) {
                    el.dispatchEvent(new Event(type, {bubbles: true}));
                }
            })"""
        )
        page.wait_for_timeout(300)
        assert fired == [], f"{url}: {fired}"
        assert page.evaluate("document.body.dataset.xss") is None, url
    page.goto(f"{live_server.url}{regulation.url}")
    summary = page.locator(".reg-summary")
    assert "Awal ringkasan." in summary.inner_text() and "Akhir ringkasan." in summary.inner_text()
    assert summary.locator("script, iframe, svg, object, embed, input, style").count() == 0
