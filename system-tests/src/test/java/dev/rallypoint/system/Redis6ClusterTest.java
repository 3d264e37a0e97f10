package dev.rallypoint.system;

import redis.embedded.core.ExecutableProvider;

/** The suite on a cluster of the embedded redis-server 6.2, the oldest Redis Rallypoint supports. */
class Redis6ClusterTest extends RedisClusterSuite {

    @Override
    ExecutableProvider redisServer() {
        return ExecutableProvider.newJarResourceProvider();
    }
}
