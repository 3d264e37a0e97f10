package dev.rallypoint.kv.command;

import dev.rallypoint.kv.resp.RespWriter;

/** One command's implementation; arity is checked before it runs. */
@FunctionalInterface
public interface CommandHandler {

    void handle(Client client, byte[][] argv, RespWriter out);
}
