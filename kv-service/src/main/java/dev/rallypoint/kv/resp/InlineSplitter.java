package dev.rallypoint.kv.resp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an inline command into arguments like Redis's sdssplitargs: spaces separate, "double
 * quotes" take \n \r \t \b \a \\ \" and \xHH escapes, 'single quotes' take \' only, and a
 * closing quote must be followed by a space or the end of the line.
 */
final class InlineSplitter {

    private InlineSplitter() {
    }

    /** The arguments, or null when the quotes do not balance. */
    static byte[][] split(byte[] b, int from, int to) {
        List<byte[]> args = new ArrayList<>();
        int p = from;
        while (true) {
            while (p < to && isSpace(b[p])) {
                p++;
            }
            if (p == to) {
                return args.toArray(new byte[0][]);
            }
            ByteArrayOutputStream arg = new ByteArrayOutputStream();
            boolean inDouble = false;
            boolean inSingle = false;
            boolean done = false;
            while (!done) {
                if (inDouble) {
                    if (p == to) {
                        return null;
                    }
                    if (b[p] == '\\' && p + 3 < to && b[p + 1] == 'x' && isHex(b[p + 2]) && isHex(b[p + 3])) {
                        arg.write(hex(b[p + 2]) * 16 + hex(b[p + 3]));
                        p += 3;
                    } else if (b[p] == '\\' && p + 1 < to) {
                        p++;
                        arg.write(switch (b[p]) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'b' -> '\b';
                            case 'a' -> 7;
                            default -> b[p];
                        });
                    } else if (b[p] == '"') {
                        if (p + 1 < to && !isSpace(b[p + 1])) {
                            return null;
                        }
                        done = true;
                    } else {
                        arg.write(b[p]);
                    }
                } else if (inSingle) {
                    if (p == to) {
                        return null;
                    }
                    if (b[p] == '\\' && p + 1 < to && b[p + 1] == '\'') {
                        p++;
                        arg.write('\'');
                    } else if (b[p] == '\'') {
                        if (p + 1 < to && !isSpace(b[p + 1])) {
                            return null;
                        }
                        done = true;
                    } else {
                        arg.write(b[p]);
                    }
                } else if (p == to || isSpace(b[p])) {
                    done = true;
                } else if (b[p] == '"') {
                    inDouble = true;
                } else if (b[p] == '\'') {
                    inSingle = true;
                } else {
                    arg.write(b[p]);
                }
                if (p < to) {
                    p++;
                }
            }
            args.add(arg.toByteArray());
        }
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    private static boolean isHex(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int hex(byte c) {
        return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }
}
