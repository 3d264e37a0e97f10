package dev.rallypoint.kv.aof;

import java.io.IOException;

/** The append-only file holds something other than records: starting would lose data silently. */
public final class AofCorruptException extends IOException {

    AofCorruptException(String what, long offset) {
        super("append-only file is corrupt: " + what + " in the record at byte " + offset
                + "; move the file aside or cut it before that byte to start with the records before it");
    }
}
