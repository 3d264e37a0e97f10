import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The reference for the game-message rows of replicas.sh: the least a JSON relay over WebSocket
 * does on this machine. Plain Vert.x on two event loops, no Quarkus, no Redis on the message path
 * (one GET per connection, for the session), rooms of four in the order players ask; each
 * {@code send} is parsed as JSON, numbered under the room's lock and written to the other three,
 * as the matchmaker's frames are. It speaks just enough of the matchmaker's protocol for
 * CrossReplica: {@code pair} (to {@code game_started}), {@code send} (to {@code message}),
 * {@code ping} (to {@code pong}).
 *
 * java -cp "matchmaker-service/target/quarkus-app/lib/main/*" bench/matchmaker/BareRelay.java <port> <redisPort>
 */
public class BareRelay {

    static final int ROOM_SIZE = 4;

    static final class Room {
        final String id;
        final List<ServerWebSocket> sockets = new ArrayList<>();
        final List<String> players = new ArrayList<>();
        long seq;

        Room(String id) {
            this.id = id;
        }
    }

    static Room recruiting;
    static int rooms;

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        Redis redis = Redis.createClient(vertx, new RedisOptions().setConnectionString("redis://127.0.0.1:" + args[1])
                .setMaxWaitingHandlers(100_000).setMaxPoolWaiting(100_000));
        vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                .webSocketHandler(socket -> {
                    String token = socket.query().replaceFirst("^token=", "");
                    socket.pause();
                    redis.send(Request.cmd(Command.GET).arg("session:" + sha256(token))).onComplete(session -> {
                        if (session.failed() || session.result() == null) {
                            System.err.println("no session: " + (session.failed() ? session.cause() : "not found"));
                            socket.close((short) 4401);
                            return;
                        }
                        String playerId = new JsonObject(session.result().toString()).getString("playerId");
                        Room[] room = new Room[1];
                        socket.textMessageHandler(text -> {
                            JsonObject frame = new JsonObject(text);
                            switch (frame.getString("type", "")) {
                                case "pair" -> room[0] = seat(socket, playerId);
                                case "send" -> relay(room[0], playerId, frame.getValue("data"));
                                case "ping" -> socket.writeTextMessage(new JsonObject().put("type", "pong").put("id", frame.getString("id")).encode());
                                default -> { }
                            }
                        });
                        socket.resume();
                    });
                })
                .listen()
                .toCompletionStage().toCompletableFuture().join();
        System.out.println("bare relay on " + port);
    }

    static synchronized Room seat(ServerWebSocket socket, String playerId) {
        if (recruiting == null) {
            recruiting = new Room("r" + rooms++);
        }
        Room room = recruiting;
        room.sockets.add(socket);
        room.players.add(playerId);
        if (room.sockets.size() == ROOM_SIZE) {
            recruiting = null;
            String started = new JsonObject().put("type", "game_started").put("roomId", room.id)
                    .put("players", new JsonArray(room.players)).encode();
            room.sockets.forEach(member -> member.writeTextMessage(started));
        }
        return room;
    }

    static void relay(Room room, String from, Object data) {
        if (room == null) {
            return;
        }
        synchronized (room) {
            String message = new JsonObject().put("type", "message").put("roomId", room.id).put("from", from)
                    .put("data", data).put("seq", ++room.seq).encode();
            for (int i = 0; i < room.sockets.size(); i++) {
                if (!room.players.get(i).equals(from)) {
                    room.sockets.get(i).writeTextMessage(message);
                }
            }
        }
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
