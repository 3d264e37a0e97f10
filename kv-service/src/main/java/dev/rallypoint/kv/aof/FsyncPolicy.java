package dev.rallypoint.kv.aof;

import java.util.Locale;

/** When the append-only file is fsynced, as Redis's appendfsync. Every policy writes before replying. */
public enum FsyncPolicy {
    /** Before each reply: nothing acknowledged is lost, even on a power cut. */
    ALWAYS,
    /** Once a second, in the background: a power cut loses at most about a second. */
    EVERYSEC,
    /** When the operating system decides. */
    NO;

    public static FsyncPolicy parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kv.aof.fsync must be always, everysec or no, not '" + text + "'");
        }
    }
}
