"""netra.cache: Django's Redis cache, with one client per connection pool."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from netra.cache import RedisCache

LOCATION = "redis://127.0.0.1:6379/5"


@pytest.fixture
def cache():
    cache = RedisCache(LOCATION, {"KEY_PREFIX": "netra-cache-test"})
    cache.clear()
    yield cache
    cache.clear()


def test_every_call_reuses_the_pools_client(cache):
    client = cache._cache.get_client()
    cache.set("a", 1)
    cache.get("a")
    assert cache._cache.get_client() is client
    assert cache._cache.get_client(write=True) is client  # one server: one pool
    assert client.connection_pool is cache._cache._get_connection_pool(write=False)


def test_it_behaves_as_djangos_backend(cache):
    assert cache.add("session", {"user": 7}, timeout=60)
    assert not cache.add("session", "other")
    assert cache.get("session") == {"user": 7}
    cache.set("hits", 0)
    assert cache.incr("hits") == 1
    cache.set_many({"x": 1, "y": 2})
    assert cache.get_many(["x", "y", "z"]) == {"x": 1, "y": 2}
    cache.delete("session")
    assert cache.get("session") is None


def test_threads_share_the_client_safely(cache):
    cache.set("counter", 0)
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda _: cache.incr("counter"), range(400)))
    assert cache.get("counter") == 400
    assert len(cache._cache._clients) == 1
