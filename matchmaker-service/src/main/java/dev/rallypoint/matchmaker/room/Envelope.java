package dev.rallypoint.matchmaker.room;

/**
 * A room event as published and logged: "{@code <seq>|<subject>|<type>|<frame JSON>}". Seq 0 is
 * chat, outside the room's sequence; the subject is the player the event is about, who does not
 * get it. A game message ({@code message}) has its own sequence, and its subject is the sender,
 * then "{@code >}" and the recipients' ids, comma separated, when the sender named them. Split by
 * hand so that routing never parses the JSON.
 */
record Envelope(long seq, String subject, String type, String frame) {

    static Envelope parse(String text) {
        int first = text.indexOf('|');
        int second = text.indexOf('|', first + 1);
        int third = text.indexOf('|', second + 1);
        return new Envelope(Long.parseLong(text, 0, first, 10), text.substring(first + 1, second),
                text.substring(second + 1, third), text.substring(third + 1));
    }

    boolean isMessage() {
        return "message".equals(type);
    }

    /** Whether a game message goes to this player: one it names, or anyone but its sender when it names nobody. */
    boolean addresses(String playerId) {
        int arrow = subject.indexOf('>');
        if (arrow < 0) {
            return !subject.equals(playerId);
        }
        int start = arrow + 1;
        while (start <= subject.length()) {
            int comma = subject.indexOf(',', start);
            int end = comma < 0 ? subject.length() : comma;
            if (subject.regionMatches(start, playerId, 0, playerId.length()) && end - start == playerId.length()) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }
}
