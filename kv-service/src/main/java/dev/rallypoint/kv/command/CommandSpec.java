package dev.rallypoint.kv.command;

import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * A row of the command table. Arity follows Redis: N means exactly N arguments, -N at least N,
 * and the command name counts as one.
 */
public record CommandSpec(String name, int arity, Set<Flag> flags, ConnectionHandler handler, LongAdder calls) {

    /** Redis's command flags, as COMMAND reports them (NO_AUTH as Redis's no_auth). */
    public enum Flag { WRITE, READONLY, FAST, ADMIN, STALE, LOADING, NO_AUTH }

    public boolean arityAccepts(int argc) {
        return arity >= 0 ? argc == arity : argc >= -arity;
    }
}
