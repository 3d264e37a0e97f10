package dev.rallypoint.kv.command;

import dev.rallypoint.kv.auth.Authenticator;
import dev.rallypoint.kv.command.CommandSpec.Flag;
import dev.rallypoint.kv.resp.RespErrors;
import dev.rallypoint.kv.resp.RespWriter;
import dev.rallypoint.kv.store.StoreException;

/**
 * Runs one request: the command must exist, then its arity must fit, then the client must have
 * authenticated (when a password is set), then its handler runs; the order of Redis's checks.
 */
public final class Dispatcher {

    private final CommandTable table;
    private final Authenticator authenticator;

    public Dispatcher(CommandTable table, Authenticator authenticator) {
        this.table = table;
        this.authenticator = authenticator;
    }

    public void execute(Client client, byte[][] argv, RespWriter out) {
        CommandSpec spec = table.find(argv[0]);
        if (spec == null) {
            out.error(RespErrors.unknownCommand(argv));
            return;
        }
        if (!spec.arityAccepts(argv.length)) {
            out.error(RespErrors.wrongArity(spec.name()));
            return;
        }
        if (!client.authenticated() && !spec.flags().contains(Flag.NO_AUTH)) {
            out.errorWithCode(RespErrors.NOAUTH);
            return;
        }
        spec.calls().increment();
        if (spec.flags().contains(Flag.WRITE)) {
            client.wrote();
        }
        try {
            spec.handler().handle(client, argv, out);
        } catch (StoreException e) {
            out.error(e.getMessage());
        }
    }

    /**
     * The command when it would run: it exists, its arity fits, the client may use it. Null
     * otherwise, and {@link #execute} then gives the reason. For a connection that hands the
     * command on instead of running its handler (and counts it in {@link CommandSpec#calls}).
     */
    public CommandSpec accepted(Client client, byte[][] argv) {
        CommandSpec spec = table.find(argv[0]);
        if (spec == null || !spec.arityAccepts(argv.length)
                || (!client.authenticated() && !spec.flags().contains(Flag.NO_AUTH))) {
            return null;
        }
        return spec;
    }

    /** Whether a new client starts authenticated: only when no password is set. */
    public boolean openAccess() {
        return !authenticator.required();
    }

    public CommandTable table() {
        return table;
    }
}
