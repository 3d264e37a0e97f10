package dev.rallypoint.matchmaker.room;

import dev.rallypoint.common.redis.PipelinedRedis;
import dev.rallypoint.matchmaker.hotpath.WithoutContextPropagation;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.redis.client.ResponseType;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Room events between replicas. One Redis connection per replica subscribes to the channel of
 * each room that has a member here, and hands what arrives to this replica's seats ({@link
 * Seating}), which send it on in sequence order. A member that joins, or a replica that lost its
 * subscription, catches up from the room's log, so no event is skipped or sent twice.
 * <p>
 * On Redis 7 and newer the channels are sharded (SSUBSCRIBE; the scripts SPUBLISH, see
 * room-lib.lua): a room's channel lives on the node of the room's slot, so a Redis Cluster
 * carries each event to that node's subscribers only, instead of to every node. Older servers get
 * plain SUBSCRIBE and PUBLISH. The choice is made again on every connect, by the test the scripts
 * use: {@code redis.REDIS_VERSION_NUM}, which only Redis 7 and newer have.
 * <p>
 * The same connection carries a few plain channels of signals to replicas (see {@link #listen}).
 */
@Singleton
public class RoomEvents {

    private static final Logger LOG = Logger.getLogger(RoomEvents.class);
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);
    private static final String VERSION_SCRIPT = "return redis.REDIS_VERSION_NUM or 0";
    private static final long SHARDED_SINCE = 0x070000;

    private final Redis redis;
    private final PipelinedRedis data;
    private final Vertx vertx;
    private final Set<String> channels = ConcurrentHashMap.newKeySet();
    // Plain channels (PUBLISH reaches every node of a cluster) and who handles their messages.
    private final Map<String, Consumer<String>> broadcasts = new ConcurrentHashMap<>();
    private volatile RedisConnection subscriber;
    // Whether the server has sharded pub/sub; null until asked.
    private volatile Boolean sharded;
    private volatile boolean running = true;
    // Who gets the rooms' events: the seats of this replica.
    private volatile Delivery delivery;

    RoomEvents(Redis redis, PipelinedRedis data, Vertx vertx) {
        this.redis = redis;
        this.data = data;
        this.vertx = vertx;
    }

    /** Where a room's events go, whether they arrive live or from its log. */
    interface Delivery {
        void deliver(RoomRef room, Envelope event, boolean replay);

        /** The room's channel is heard again after the subscription was lost. */
        void resumed(RoomRef room);
    }

    void deliverTo(Delivery delivery) {
        this.delivery = delivery;
    }

    void start(@Observes StartupEvent event) {
        connect();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        // Forgotten before it closes: its end is this stop, not a lost subscription.
        RedisConnection connection = subscriber;
        subscriber = null;
        if (connection != null) {
            connection.close().subscribe().with(done -> { }, failure -> { });
        }
    }

    /**
     * Subscribes to a room's events. The subscription is sent before this returns, so that it is
     * ordered with an unsubscribe made before or after it; the result tells when Redis confirmed.
     */
    Uni<Void> follow(RoomRef room) {
        String channel = RoomKeys.events(room.key());
        if (!channels.add(channel)) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().completionStage(send(subscribe(channel)).subscribeAsCompletionStage());
    }

    /**
     * Hands every message of a plain channel to a handler, for as long as the replica runs,
     * across reconnects: signals to replicas that are not about one room.
     */
    public Uni<Void> listen(String channel, Consumer<String> handler) {
        broadcasts.put(channel, handler);
        return send(Request.cmd(Command.SUBSCRIBE).arg(channel));
    }

    /** Stops handing a plain channel's messages to its handler. */
    public void unlisten(String channel) {
        if (broadcasts.remove(channel) != null) {
            send(Request.cmd(Command.UNSUBSCRIBE).arg(channel)).subscribe().with(done -> { }, failure -> { });
        }
    }

    /** Stops routing a room here once it has no member on this replica. */
    void unfollow(RoomRef room) {
        String channel = RoomKeys.events(room.key());
        if (channels.remove(channel)) {
            send(Request.cmd(Boolean.TRUE.equals(sharded) ? Command.SUNSUBSCRIBE : Command.UNSUBSCRIBE).arg(channel))
                    .subscribe().with(done -> { }, failure -> { });
        }
    }

    /**
     * Publishes an event outside the room's sequence (the room scripts publish the others), the
     * way the scripts do: SPUBLISH on a server that has it. Before the first connect has asked the
     * server, it asks first.
     */
    public Uni<Void> publish(RoomRef room, String envelope) {
        Boolean known = sharded;
        Uni<Boolean> canShard = known != null ? Uni.createFrom().item(known) : shardedPubSub().invoke(answer -> sharded = answer);
        return canShard.chain(shard -> data.execute(shard ? Command.SPUBLISH : Command.PUBLISH, RoomKeys.events(room.key()), envelope))
                .replaceWithVoid();
    }

    /** Delivers the room's logged events again: its members here skip those they have seen. */
    Uni<Void> catchUp(RoomRef room) {
        return data.execute(Command.LRANGE, RoomKeys.log(room.key()), 0, -1).invoke(log -> {
            if (log != null) {
                for (Response entry : log) {
                    delivery.deliver(room, Envelope.parse(entry.toString()), true);
                }
            }
        }).replaceWithVoid();
    }

    /** The room's game messages that its message log still holds, oldest first. */
    Uni<List<Envelope>> messageLog(RoomRef room) {
        return data.execute(Command.LRANGE, RoomKeys.messageLog(room.key()), 0, -1).map(log -> {
            List<Envelope> messages = new ArrayList<>();
            if (log != null) {
                for (Response entry : log) {
                    messages.add(Envelope.parse(entry.toString()));
                }
            }
            return messages;
        });
    }

    private void connect() {
        if (!running) {
            return;
        }
        shardedPubSub().chain(canShard -> {
            sharded = canShard;
            return redis.connect();
        }).subscribe().with(connection -> {
            connection.handler(push -> WithoutContextPropagation.run(() -> {
                // A failure here would drop the other messages of the same read from Redis.
                try {
                    onPush(push);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "A pushed message could not be handled: %s", push);
                }
            }));
            connection.exceptionHandler(failure -> reconnect(connection, failure.getMessage()));
            connection.endHandler(() -> reconnect(connection, "closed"));
            subscriber = connection;
            resubscribe();
        }, failure -> {
            LOG.warnf("Room events: cannot reach Redis (%s); retrying", failure.getMessage());
            vertx.setTimer(RECONNECT_DELAY.toMillis(), id -> connect());
        });
    }

    /**
     * Drops the subscription connection and makes a new one, which subscribes to every followed
     * room again and replays their logs. Closed, so that none of its node connections (a cluster
     * connection holds one per node) keeps delivering to us.
     */
    private void reconnect(RedisConnection lost, String why) {
        if (lost == null || subscriber != lost || !running) {
            return;
        }
        subscriber = null;
        lost.close().subscribe().with(done -> { }, failure -> { });
        LOG.warnf("Room events: subscription lost (%s); reconnecting", why);
        vertx.setTimer(RECONNECT_DELAY.toMillis(), id -> connect());
    }

    /**
     * After a (re)connect: subscribe to every plain channel, and again to every followed room, then
     * replay what was missed. A subscription that fails (a restarted Redis answers LOADING while it
     * reads its append-only file) makes a new connection, rather than leave a channel unheard.
     */
    private void resubscribe() {
        RedisConnection connection = subscriber;
        for (String channel : broadcasts.keySet()) {
            send(Request.cmd(Command.SUBSCRIBE).arg(channel)).subscribe().with(done -> { },
                    failure -> reconnect(connection, "subscribing to " + channel + ": " + failure.getMessage()));
        }
        for (String channel : channels) {
            RoomRef room = RoomRef.ofKey(RoomKeys.roomKeyOfChannel(channel));
            send(subscribe(channel)).chain(() -> catchUp(room)).invoke(() -> delivery.resumed(room)).subscribe().with(done -> { },
                    failure -> reconnect(connection, "subscribing to " + channel + ": " + failure.getMessage()));
        }
    }

    /**
     * Whether the server has sharded pub/sub: Redis 7.0 and newer, Valkey too. Asked with a script
     * (the permission every room change needs anyway) rather than INFO, which ACLs often deny.
     */
    private Uni<Boolean> shardedPubSub() {
        return data.execute(Command.EVAL, VERSION_SCRIPT, 0).map(version -> version.toLong() >= SHARDED_SINCE);
    }

    private Request subscribe(String channel) {
        return Request.cmd(Boolean.TRUE.equals(sharded) ? Command.SSUBSCRIBE : Command.SUBSCRIBE).arg(channel);
    }

    private Uni<Void> send(Request request) {
        RedisConnection connection = subscriber;
        if (connection == null) {
            // Not connected: the reconnect subscribes to every followed channel.
            return Uni.createFrom().voidItem();
        }
        return connection.send(request).replaceWithVoid();
    }

    private void onPush(Response push) {
        if (push.type() == ResponseType.ERROR) {
            // A refused (S)SUBSCRIBE arrives here, not as its reply: e.g. MOVED after a cluster
            // moved the room's slot. A new connection learns the slots again.
            reconnect(subscriber, push.toString());
            return;
        }
        // ["message" or "smessage", channel, payload], or the confirmation of an (un)subscribe:
        // an array in RESP2, a push in RESP3. A message of a channel given up a moment ago (the
        // unsubscribe still on its way) is dropped: nobody here follows it any more.
        if ((push.type() != ResponseType.MULTI && push.type() != ResponseType.PUSH) || push.size() != 3) {
            return;
        }
        String kind = push.get(0).toString();
        String channel = push.get(1).toString();
        Consumer<String> broadcast = "message".equals(kind) ? broadcasts.get(channel) : null;
        if (broadcast != null) {
            broadcast.accept(push.get(2).toString());
        } else if (("message".equals(kind) || "smessage".equals(kind)) && channels.contains(channel)) {
            delivery.deliver(RoomRef.ofKey(RoomKeys.roomKeyOfChannel(channel)), Envelope.parse(push.get(2).toString()), false);
        } else if ("sunsubscribe".equals(kind) && channels.contains(channel)) {
            // Not ours (we forget a channel before unsubscribing): the server dropped the room's
            // subscribers because its slot moved to another node.
            reconnect(subscriber, "the slot of " + channel + " moved");
        }
    }
}
