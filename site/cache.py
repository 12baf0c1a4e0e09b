"""Django's own Redis cache backend, keeping one client per connection pool.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every cache call
(5.2 does), and each one copies the command response callbacks into a new dictionary:
about a tenth of the time Django spends on a signed-in request whose session is read from
Redis (measured with bench/hotpath.py's bare view). A client only wraps its pool, which
redis-py makes safe to share between threads and resets after a fork, so one per pool is
enough. Everything else, the options included, is Django's.
"""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            # Two threads may both build one the first time; either is as good.
            client = self._clients[index] = super().get_client(key, write=write)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
