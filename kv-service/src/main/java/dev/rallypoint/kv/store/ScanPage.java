package dev.rallypoint.kv.store;

import java.util.List;

/** One SCAN page: the cursor to continue from (0 when done) and the keys. */
public record ScanPage(long cursor, List<byte[]> keys) {
}
