package dev.rallypoint.kv.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

/** The bytes under a port's replies, and the bound on one command's reply (see {@link ReplyBuffer}). */
public abstract class ReplyBytes implements ReplyBuffer {

    protected ByteBuf out = Unpooled.buffer(256);
    private final long maxReplyBytes;
    private int commandStart;

    protected ReplyBytes(long maxReplyBytes) {
        this.maxReplyBytes = maxReplyBytes;
    }

    /** Before a value of {@code length} bytes: throws once the command's reply would pass the bound. */
    protected void makeRoom(int length) {
        int written = out.writerIndex() - commandStart;
        if (written > 0 && (long) written + length > maxReplyBytes) {
            throw new ReplyTooLargeException(maxReplyBytes);
        }
    }

    @Override
    public void begin() {
        commandStart = out.writerIndex();
    }

    @Override
    public void discard() {
        out.writerIndex(commandStart);
    }

    @Override
    public int size() {
        return out.writerIndex();
    }

    @Override
    public Buffer take() {
        Buffer written = Buffer.buffer(out);
        out = Unpooled.buffer(256);
        commandStart = 0;
        return written;
    }
}
