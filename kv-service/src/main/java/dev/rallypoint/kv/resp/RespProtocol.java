package dev.rallypoint.kv.resp;

import dev.rallypoint.kv.protocol.Parser;
import dev.rallypoint.kv.protocol.Protocol;
import dev.rallypoint.kv.protocol.ReplyBuffer;

/** RESP2 with Redis's inline commands, within the configured limits. */
public record RespProtocol(int maxInline, long maxBulk, int maxMultibulk, long maxRequest, long maxReplyBytes)
        implements Protocol {

    @Override
    public Parser parser() {
        return new RespParser(maxInline, maxBulk, maxMultibulk, maxRequest);
    }

    @Override
    public ReplyBuffer replies() {
        return new RespWriter(maxReplyBytes);
    }
}
