package dev.rallypoint.system;

import dev.rallypoint.common.testing.TestPlayers;
import dev.rallypoint.common.testing.WsClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.embedded.core.ExecutableProvider;

import java.io.File;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The suite on a cluster of Debian's redis-server 7 ({@code .ci/run} installs it), where room
 * events use sharded pub/sub: each room's channel lives on the node of the room's slot.
 */
@EnabledIf("installed")
class Redis7ClusterTest extends RedisClusterSuite {

    private static final File REDIS_7 = new File("/usr/bin/redis-server");

    static boolean installed() {
        return REDIS_7.canExecute();
    }

    @Override
    ExecutableProvider redisServer() {
        return () -> REDIS_7;
    }

    @Test
    void roomChannelsAreShardedAndLeftOnTheirOwnNode() throws Exception {
        TestPlayers.TestPlayer cy = login("ShardCy");
        TestPlayers.TestPlayer di = login("ShardDi");
        String channel;
        try (WsClient c = WsClient.connect(vertx, replicas.get(0).uri(), cy);
             WsClient d = WsClient.connect(vertx, replicas.get(1).uri(), di)) {
            JsonObject room = c.send("pair", "mode", "squad").expect("room").getJsonObject("room");
            d.send("pair", "mode", "squad").expect("room");
            c.expect("player_joined");
            channel = "mm:{squad}:room:" + room.getString("id") + ":events";
            String roomChannel = channel;
            // Both replicas hold a player of the room: two shard subscribers, on one node, none plain.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals(List.of(2L, 0L), subscribers(roomChannel)));
            d.send("chat", "text", "sharded");
            assertEquals("sharded", c.expect("chat").getString("text"));
        }
        // Both players gone: each replica unsubscribed on the node that holds the channel.
        String roomChannel = channel;
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(List.of(0L, 0L), subscribers(roomChannel)));
    }

    /** Shard subscribers of the channel on all nodes, then plain subscribers on all nodes. */
    private List<Long> subscribers(String channel) {
        long sharded = 0;
        long plain = 0;
        for (Jedis node : nodes()) {
            try (node) {
                sharded += count(node.sendCommand(Protocol.Command.PUBSUB, "SHARDNUMSUB", channel));
                plain += count(node.sendCommand(Protocol.Command.PUBSUB, "NUMSUB", channel));
            }
        }
        return List.of(sharded, plain);
    }

    private static long count(Object numsub) {
        return (Long) ((List<?>) numsub).get(1);
    }
}
