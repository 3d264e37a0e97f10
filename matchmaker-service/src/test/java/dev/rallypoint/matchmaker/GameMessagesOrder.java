package dev.rallypoint.matchmaker;

import dev.rallypoint.common.testing.WsClient;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the players of a room see after each sent the same number of messages at once, data "{@code <name> <i>}". */
final class GameMessagesOrder {

    private GameMessagesOrder() {
    }

    /**
     * Every receiver got every message of the others, once, in rising seq; the same message
     * holds the same seq for every receiver; each sender's messages come in the order it sent
     * them; and the seqs are the room's 1..N without a gap.
     */
    static void assertOneOrder(List<WsClient> players, int perSender) {
        Map<Long, String> messageAtSeq = new HashMap<>();
        for (WsClient receiver : players) {
            long lastSeq = 0;
            Map<String, Integer> lastOfSender = new HashMap<>();
            for (int i = 0; i < (players.size() - 1) * perSender; i++) {
                JsonObject message = receiver.expect("message");
                long seq = message.getLong("seq");
                assertTrue(seq > lastSeq, receiver.player.name() + " got seq " + seq + " after " + lastSeq);
                lastSeq = seq;
                String data = message.getString("data");
                String seen = messageAtSeq.putIfAbsent(seq, data);
                assertEquals(seen == null ? data : seen, data, "seq " + seq + " is one message for every receiver");
                String sender = data.substring(0, data.lastIndexOf(' '));
                int index = Integer.parseInt(data.substring(data.lastIndexOf(' ') + 1));
                Integer before = lastOfSender.put(sender, index);
                assertEquals(before == null ? 0 : before + 1, index, receiver.player.name() + " got " + sender + "'s messages in order");
            }
        }
        int all = players.size() * perSender;
        assertEquals(LongStream.rangeClosed(1, all).boxed().collect(Collectors.toSet()), messageAtSeq.keySet(),
                "the room's seqs run from 1 without a gap");
    }
}
