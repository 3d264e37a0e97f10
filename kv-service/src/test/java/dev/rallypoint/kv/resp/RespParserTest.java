package dev.rallypoint.kv.resp;

import dev.rallypoint.kv.protocol.ProtocolException;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RespParserTest {

    private static RespParser parser() {
        return new RespParser(64 * 1024, 512L * 1024 * 1024, 1024 * 1024, 1L << 30);
    }

    /** Feeds the input split at every position and returns the commands read each time. */
    private static List<List<String>> parseSplitEverywhere(String input) throws ProtocolException {
        byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
        List<List<String>> first = null;
        for (int cut = 0; cut <= bytes.length; cut++) {
            RespParser p = parser();
            List<List<String>> commands = new ArrayList<>();
            p.feed(Buffer.buffer().appendBytes(bytes, 0, cut));
            drain(p, commands);
            p.feed(Buffer.buffer().appendBytes(bytes, cut, bytes.length - cut));
            drain(p, commands);
            if (first == null) {
                first = commands;
            }
            assertEquals(first, commands, "split at " + cut);
        }
        return first;
    }

    private static void drain(RespParser p, List<List<String>> into) throws ProtocolException {
        byte[][] argv;
        while ((argv = p.next()) != null) {
            List<String> args = new ArrayList<>();
            for (byte[] a : argv) {
                args.add(new String(a, StandardCharsets.ISO_8859_1));
            }
            into.add(args);
        }
    }

    private static String error(String input) {
        RespParser p = parser();
        p.feed(Buffer.buffer(input.getBytes(StandardCharsets.ISO_8859_1)));
        return assertThrows(ProtocolException.class, () -> drain(p, new ArrayList<>())).getMessage();
    }

    @Test
    void readsPipelinedMultibulkCommandsSplitAnywhere() throws Exception {
        assertEquals(List.of(List.of("SET", "k", "a\r\nb"), List.of("GET", "k")),
                parseSplitEverywhere("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$4\r\na\r\nb\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n"));
    }

    @Test
    void readsBinaryBulksAndEmptyOnes() throws Exception {
        assertEquals(List.of(List.of("SET", "", "\0\u00ff")), parseSplitEverywhere("*3\r\n$3\r\nSET\r\n$0\r\n\r\n$2\r\n\0\u00ff\r\n"));
    }

    @Test
    void readsInlineCommandsWithQuotesAndBothLineEnds() throws Exception {
        assertEquals(List.of(List.of("SET", "a key", "x\ny"), List.of("GET", "it's"), List.of("PING")),
                parseSplitEverywhere("SET \"a key\" \"x\\ny\"\r\nGET 'it\\'s'\n  \r\nPING\n"));
    }

    @Test
    void decodesHexEscapesInDoubleQuotes() throws Exception {
        assertEquals(List.of(List.of("ECHO", "AB\u00ff")), parseSplitEverywhere("ECHO \"\\x41B\\xff\"\r\n"));
    }

    @Test
    void skipsEveryMultibulkCountBelowOne() throws Exception {
        assertEquals(List.of(List.of("PING")), parseSplitEverywhere("*0\r\n*-1\r\n*-10\r\n*1\r\n$4\r\nPING\r\n"));
    }

    @Test
    void rejectsUnbalancedQuotes() {
        assertEquals("Protocol error: unbalanced quotes in request", error("SET \"a b\r\n"));
        assertEquals("Protocol error: unbalanced quotes in request", error("SET \"a\"b c\r\n"));
    }

    @Test
    void rejectsBadMultibulkLengths() {
        assertEquals("Protocol error: invalid multibulk length", error("*x\r\n"));
        assertEquals("Protocol error: invalid multibulk length", error("*-0\r\n"));
        assertEquals("Protocol error: invalid multibulk length", error("*01\r\n"));
        assertEquals("Protocol error: invalid multibulk length", error("*2000000\r\n"));
        assertEquals("Protocol error: invalid multibulk length", error("*1\n$4\nPING\n"));
    }

    @Test
    void rejectsBadBulkLengths() {
        assertEquals("Protocol error: invalid bulk length", error("*1\r\n$-1\r\n"));
        assertEquals("Protocol error: invalid bulk length", error("*1\r\n$abc\r\n"));
        assertEquals("Protocol error: invalid bulk length", error("*1\r\n$2147483648\r\n"));
        assertEquals("Protocol error: expected '$', got 'P'", error("*1\r\nPING\r\n"));
    }

    @Test
    void rejectsDataThatDoesNotEndWhereItsLengthSays() {
        assertEquals("Protocol error: invalid bulk length", error("*1\r\n$2\r\nPING\r\n"));
    }

    @Test
    void capsInlineAndHeaderLines() {
        String big = "x".repeat(64 * 1024 + 1);
        assertEquals("Protocol error: too big inline request", error(big));
        assertEquals("Protocol error: too big inline request", error(big + "\n"));
        assertEquals("Protocol error: too big mbulk count string", error("*" + big));
        assertEquals("Protocol error: too big bulk count string", error("*1\r\n$" + big));
    }

    @Test
    void beforeAuthenticationOnlySmallRequestsAreRead() throws Exception {
        RespParser p = parser();
        p.authenticated(false);
        p.feed(Buffer.buffer("*2\r\n$4\r\nAUTH\r\n$16384\r\n"));
        assertNull(p.next(), "16 KiB is allowed");
        assertEquals("Protocol error: unauthenticated bulk length", unauthenticatedError("*2\r\n$4\r\nAUTH\r\n$16385\r\n"));
        assertEquals("Protocol error: unauthenticated bulk length", unauthenticatedError("*2\r\n$4\r\nAUTH\r\n$536870912\r\n"));
        assertEquals("Protocol error: unauthenticated multibulk length", unauthenticatedError("*11\r\n"));
        assertEquals("Protocol error: too big inline request", unauthenticatedError("AUTH " + "x".repeat(16 * 1024)));
    }

    private static String unauthenticatedError(String input) {
        RespParser p = parser();
        p.authenticated(false);
        p.feed(Buffer.buffer(input.getBytes(StandardCharsets.ISO_8859_1)));
        return assertThrows(ProtocolException.class, () -> drain(p, new ArrayList<>())).getMessage();
    }

    @Test
    void oneRequestsArgumentsAreBoundedTogether() {
        RespParser p = new RespParser(64 * 1024, 1000, 1024, 2500);
        p.feed(Buffer.buffer("*4\r\n$3\r\nDEL\r\n$1000\r\n" + "k".repeat(1000) + "\r\n$1000\r\n" + "k".repeat(1000)
                + "\r\n$1000\r\n"));
        assertEquals("Protocol error: request too big", assertThrows(ProtocolException.class, p::next).getMessage());
    }

    @Test
    void waitsForTheRestOfALargeBulkWithoutReadingIt() throws Exception {
        RespParser p = parser();
        p.feed(Buffer.buffer("*1\r\n$100000000\r\nabc"));
        assertNull(p.next());
    }
}
