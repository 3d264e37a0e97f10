package dev.rallypoint.kv.line;

import dev.rallypoint.kv.protocol.Parser;
import dev.rallypoint.kv.protocol.Protocol;
import dev.rallypoint.kv.protocol.ReplyBuffer;

/** The line protocol: a command a line, words split by spaces, one line back. */
public record LineProtocol(int maxLine, long maxReplyBytes) implements Protocol {

    @Override
    public Parser parser() {
        return new LineParser(maxLine);
    }

    @Override
    public ReplyBuffer replies() {
        return new LineWriter(maxReplyBytes);
    }
}
