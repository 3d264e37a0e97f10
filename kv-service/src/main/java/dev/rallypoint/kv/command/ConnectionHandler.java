package dev.rallypoint.kv.command;

import dev.rallypoint.kv.protocol.Reply;

/** A command that acts on its connection (AUTH, HELLO, QUIT): it says what follows its reply. */
@FunctionalInterface
public interface ConnectionHandler {

    Outcome handle(Client client, byte[][] argv, Reply out);
}
