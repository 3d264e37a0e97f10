package dev.rallypoint.matchmaker.room;

/** Where a room lives: its mode (the hash tag) and id. Written as "{@code <mode> <roomId>}" in Redis. */
public record RoomRef(String mode, String id) {

    public static RoomRef parse(String value) {
        int space = value.indexOf(' ');
        return space < 0 ? null : new RoomRef(value.substring(0, space), value.substring(space + 1));
    }

    /** The room of a key {@code mm:{<mode>}:room:<id>}. */
    public static RoomRef ofKey(String key) {
        int open = key.indexOf('{');
        int close = key.indexOf('}', open);
        return new RoomRef(key.substring(open + 1, close), key.substring(close + ":room:".length() + 1));
    }

    public String key() {
        return RoomKeys.room(mode, id);
    }

    @Override
    public String toString() {
        return mode + " " + id;
    }
}
