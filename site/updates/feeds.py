"""Atom and RSS feeds of the latest published regulation updates (public, like the pages).

Served by `RegulationUpdateIndexPage`'s routes (`feed/atom/`, `feed/rss/`), so the feed
lives under the index's URL and follows the same page access rule. Items carry the title
and summary only (plain text): feed readers render HTML with their own, unknown rules.
"""

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from .selectors import updates_published

FEED_LENGTH = 20


class LatestUpdatesRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index):
        super().__init__()
        self.index = index

    def title(self):
        return _("Pembaruan Regulasi – %(site)s") % {"site": self.index.get_site().site_name}

    def link(self):
        return self.index.full_url

    def description(self):
        return self.index.intro or _("Pembaruan regulasi netralitas ASN terbaru.")

    def items(self):
        return updates_published(index=self.index)[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.full_url

    def item_guid(self, item):
        return item.full_url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at or timezone.now()


class LatestUpdatesAtomFeed(LatestUpdatesRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
