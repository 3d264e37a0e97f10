package dev.rallypoint.matchmaker.room;

/**
 * A room event as published and logged: "{@code <seq>|<subject>|<type>|<frame JSON>}". Seq 0 is
 * chat, outside the room's sequence; the subject is the player the event is about, who does not
 * get it. Split by hand so that routing never parses the JSON.
 */
record Envelope(long seq, String subject, String type, String frame) {

    static Envelope parse(String text) {
        int first = text.indexOf('|');
        int second = text.indexOf('|', first + 1);
        int third = text.indexOf('|', second + 1);
        return new Envelope(Long.parseLong(text, 0, first, 10), text.substring(first + 1, second),
                text.substring(second + 1, third), text.substring(third + 1));
    }
}
