"""Atom and RSS feeds of the latest updates: public, well-formed, published updates only."""

from xml.etree import ElementTree

import pytest

from netra.updates.factories import RegulationUpdatePageFactory, days_ago

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def updates(update_index):
    return [
        RegulationUpdatePageFactory(parent=update_index, title="Lama", date=days_ago(5)),
        RegulationUpdatePageFactory(parent=update_index, title="Baru & penting", date=days_ago(1)),
        RegulationUpdatePageFactory(parent=update_index, title="Draf", publish=False),
    ]


class FeedTests:
    def test_atom_feed_is_valid_and_lists_published_updates_newest_first(
        self, client, update_index, updates
    ):
        response = client.get(f"{update_index.url}feed/atom/")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/atom+xml")
        root = ElementTree.fromstring(response.content)  # noqa: S314 - our own feed
        assert root.tag == f"{ATOM}feed"
        entries = root.findall(f"{ATOM}entry")
        assert [e.findtext(f"{ATOM}title") for e in entries] == ["Baru & penting", "Lama"]
        link = entries[0].find(f"{ATOM}link").get("href")
        assert link == f"http://localhost{updates[1].url}"
        assert entries[0].findtext(f"{ATOM}summary") == updates[1].summary
        assert all(e.findtext(f"{ATOM}id") and e.findtext(f"{ATOM}updated") for e in entries)

    def test_rss_feed_is_valid_and_leaves_drafts_out(self, client, update_index, updates):
        response = client.get(f"{update_index.url}feed/rss/")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/rss+xml")
        rss = ElementTree.fromstring(response.content)  # noqa: S314 - our own feed
        assert rss.tag == "rss" and rss.get("version") == "2.0"
        channel = rss.find("channel")
        assert channel.findtext("title").startswith("Pembaruan Regulasi")
        titles = [item.findtext("title") for item in channel.findall("item")]
        assert titles == ["Baru & penting", "Lama"]
        assert all(item.findtext("pubDate") for item in channel.findall("item"))

    def test_feeds_are_linked_from_the_index(self, client, update_index, updates):
        html = client.get(update_index.url).content.decode()
        assert f'href="{update_index.url}feed/atom/"' in html
        assert f'href="{update_index.url}feed/rss/"' in html

    def test_an_unknown_feed_path_is_not_found(self, client, update_index):
        assert client.get(f"{update_index.url}feed/json/").status_code == 404
