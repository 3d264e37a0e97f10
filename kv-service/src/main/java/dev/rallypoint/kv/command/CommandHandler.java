package dev.rallypoint.kv.command;

import dev.rallypoint.kv.protocol.Reply;

/** One command's implementation; arity is checked before it runs. */
@FunctionalInterface
public interface CommandHandler {

    void handle(Client client, byte[][] argv, Reply out);
}
