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
 * events use sharded pub/sub: each room's channel lives on the node of the room's slot, and
 * follows it when the cluster moves the slot.
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

    @Test
    void aRoomFollowsItsSlotWhenTheClusterMovesIt() throws Exception {
        TestPlayers.TestPlayer eve = login("MoveEve");
        TestPlayers.TestPlayer fin = login("MoveFin");
        try (WsClient e = WsClient.connect(vertx, replicas.get(0).uri(), eve);
             WsClient f = WsClient.connect(vertx, replicas.get(1).uri(), fin)) {
            JsonObject room = e.send("pair", "mode", "ffa").expect("room").getJsonObject("room");
            f.send("pair", "mode", "ffa").expect("room");
            e.expect("player_joined");
            String channel = "mm:{ffa}:room:" + room.getString("id") + ":events";
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals(List.of(2L, 0L), subscribers(channel)));

            // Move the mode's slot, keys and all, to another master, as resharding does: the old
            // owner drops the channel's subscribers, and the replicas must find the new one.
            int slot;
            try (Jedis any = nodes().get(0)) {
                slot = any.clusterKeySlot(channel).intValue();
            }
            List<Jedis> nodes = nodes();
            try {
                Jedis source = nodes.stream().filter(node -> ownsSlot(node, slot)).findFirst().orElseThrow();
                Jedis target = nodes.stream().filter(node -> node != source).findFirst().orElseThrow();
                String sourceId = myId(source);
                String targetId = myId(target);
                target.clusterSetSlotImporting(slot, sourceId);
                source.clusterSetSlotMigrating(slot, targetId);
                for (String key : source.clusterGetKeysInSlot(slot, 1000)) {
                    source.migrate("127.0.0.1", target.getClient().getPort(), key, 0, 5000);
                }
                for (Jedis node : nodes) {
                    node.clusterSetSlotNode(slot, targetId);
                }
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                        assertEquals(2L, target.sendCommand(Protocol.Command.PUBSUB, "SHARDNUMSUB", channel) instanceof List<?> reply
                                ? (Long) reply.get(1) : -1L));
            } finally {
                nodes.forEach(Jedis::close);
            }

            f.send("chat", "text", "after the move");
            assertEquals("after the move", e.expect("chat").getString("text"));
            e.send("ready");
            assertEquals(eve.playerId(), f.expect("player_ready").getString("playerId"));
        }
    }

    private static boolean ownsSlot(Jedis node, int slot) {
        String myself = node.clusterNodes().lines().filter(line -> line.contains("myself")).findFirst().orElseThrow();
        String[] fields = myself.split(" ");
        for (int i = 8; i < fields.length; i++) {
            String[] range = fields[i].split("-");
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            if (slot >= from && slot <= to) {
                return true;
            }
        }
        return false;
    }

    private static String myId(Jedis node) {
        return node.clusterNodes().lines().filter(line -> line.contains("myself")).findFirst().orElseThrow().split(" ")[0];
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
