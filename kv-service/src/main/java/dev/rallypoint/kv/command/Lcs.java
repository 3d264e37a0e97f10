package dev.rallypoint.kv.command;

import dev.rallypoint.kv.protocol.RedisErrors;
import dev.rallypoint.kv.protocol.Reply;

import java.util.ArrayList;
import java.util.List;

/**
 * LCS, as t_string.c computes it: the dynamic-programming table of the longest common
 * subsequence, then a walk back from its corner that yields the subsequence and, for IDX, the
 * matching ranges from last to first. The table's memory is bounded, as in Redis, with Redis's
 * error past the bound; the bound is the caller's.
 */
final class Lcs {

    private Lcs() {
    }

    /** One range of IDX: its start and end in each value. */
    private record Match(int aStart, int aEnd, int bStart, int bEnd) {
        int length() {
            return aEnd - aStart + 1;
        }
    }

    static void reply(byte[] a, byte[] b, boolean len, boolean idx, boolean withMatchLen, long minMatchLen,
                      long maxTableBytes, Reply out) {
        long cells = (long) (a.length + 1) * (b.length + 1);
        if (cells * Integer.BYTES > maxTableBytes || cells > Integer.MAX_VALUE - 8) {
            out.error(RedisErrors.LCS_TOO_BIG);
            return;
        }
        int width = b.length + 1;
        int[] table = new int[(int) cells];
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                table[i * width + j] = a[i - 1] == b[j - 1]
                        ? table[(i - 1) * width + j - 1] + 1
                        : Math.max(table[(i - 1) * width + j], table[i * width + j - 1]);
            }
        }
        int length = table[a.length * width + b.length];
        if (len) {
            out.integer(length);
            return;
        }
        byte[] common = new byte[length];
        List<Match> matches = new ArrayList<>();
        int i = a.length;
        int j = b.length;
        int k = length;
        // The range being followed backwards; aStart == a.length means none.
        int aStart = a.length;
        int aEnd = 0;
        int bStart = 0;
        int bEnd = 0;
        while (i > 0 && j > 0) {
            boolean emit = false;
            if (a[i - 1] == b[j - 1]) {
                common[--k] = a[i - 1];
                if (aStart == a.length) {
                    aStart = i - 1;
                    aEnd = i - 1;
                    bStart = j - 1;
                    bEnd = j - 1;
                } else if (aStart == i && bStart == j) {
                    aStart--;
                    bStart--;
                } else {
                    emit = true;
                }
                if (aStart == 0 || bStart == 0) {
                    emit = true;
                }
                i--;
                j--;
            } else {
                if (table[(i - 1) * width + j] > table[i * width + j - 1]) {
                    i--;
                } else {
                    j--;
                }
                if (aStart != a.length) {
                    emit = true;
                }
            }
            if (emit) {
                Match match = new Match(aStart, aEnd, bStart, bEnd);
                if (minMatchLen == 0 || match.length() >= minMatchLen) {
                    matches.add(match);
                }
                aStart = a.length;
            }
        }
        if (!idx) {
            out.bulk(common);
            return;
        }
        out.arrayHeader(4);
        out.bulk("matches");
        out.arrayHeader(matches.size());
        for (Match match : matches) {
            out.arrayHeader(withMatchLen ? 3 : 2);
            out.arrayHeader(2);
            out.integer(match.aStart());
            out.integer(match.aEnd());
            out.arrayHeader(2);
            out.integer(match.bStart());
            out.integer(match.bEnd());
            if (withMatchLen) {
                out.integer(match.length());
            }
        }
        out.bulk("len");
        out.integer(length);
    }
}
