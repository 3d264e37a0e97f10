package dev.rallypoint.kv.line;

import dev.rallypoint.kv.protocol.InputBuffer;
import dev.rallypoint.kv.protocol.ProtocolException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The line protocol's reader: a command a line ({@code \n} or {@code \r\n}), words split by
 * spaces. Empty lines are skipped; {@code STOP} is the line protocol's other name for QUIT.
 */
final class LineParser extends InputBuffer {

    // The longest line before the client has authenticated, as for RESP's inline commands.
    private static final int UNAUTHENTICATED_MAX_LINE = 16 * 1024;
    private static final byte[][] QUIT = {"QUIT".getBytes(StandardCharsets.US_ASCII)};

    private final int maxLine;

    LineParser(int maxLine) {
        this.maxLine = maxLine;
    }

    @Override
    public byte[][] next() throws ProtocolException {
        int limit = authenticated ? maxLine : Math.min(maxLine, UNAUTHENTICATED_MAX_LINE);
        while (true) {
            int newline = newline(limit);
            if (newline < 0) {
                return null;
            }
            byte[][] words = words(start, lineEnd(newline));
            consume(newline + 1);
            if (words.length == 1 && "STOP".equalsIgnoreCase(new String(words[0], StandardCharsets.ISO_8859_1))) {
                return QUIT;
            }
            if (words.length > 0) {
                return words;
            }
        }
    }

    private byte[][] words(int from, int to) {
        List<byte[]> words = new ArrayList<>(3);
        int i = from;
        while (i < to) {
            while (i < to && buf[i] == ' ') {
                i++;
            }
            int wordStart = i;
            while (i < to && buf[i] != ' ') {
                i++;
            }
            if (i > wordStart) {
                byte[] w = new byte[i - wordStart];
                System.arraycopy(buf, wordStart, w, 0, w.length);
                words.add(w);
            }
        }
        return words.toArray(new byte[0][]);
    }
}
