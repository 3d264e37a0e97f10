package dev.rallypoint.kv.command;

import dev.rallypoint.kv.command.CommandSpec.Flag;
import dev.rallypoint.kv.protocol.RedisErrors;
import dev.rallypoint.kv.protocol.ReplyBuffer;
import dev.rallypoint.kv.protocol.ReplyTooLargeException;
import dev.rallypoint.kv.store.StoreException;

/**
 * Runs one request: the command must exist, then its arity must fit, then the client must have
 * authenticated (when a password is set), then its handler runs; the order of Redis's checks.
 * Both ports run every command through here.
 */
public final class Dispatcher {

    private final CommandTable table;
    private final boolean passwordRequired;

    public Dispatcher(CommandTable table, boolean passwordRequired) {
        this.table = table;
        this.passwordRequired = passwordRequired;
    }

    public Outcome execute(Client client, byte[][] argv, ReplyBuffer out) {
        CommandSpec spec = table.find(argv[0]);
        if (spec == null) {
            out.unknownCommand(argv);
            return Outcome.REPLIED;
        }
        if (!spec.arityAccepts(argv.length)) {
            out.error(RedisErrors.wrongArity(spec.name()));
            return Outcome.REPLIED;
        }
        if (!client.authenticated() && !spec.flags().contains(Flag.NO_AUTH)) {
            out.errorWithCode(RedisErrors.NOAUTH);
            return Outcome.REPLIED;
        }
        spec.calls().increment();
        out.begin();
        try {
            return spec.handler().handle(client, argv, out);
        } catch (StoreException e) {
            out.discard();
            if (e.ownCode()) {
                out.errorWithCode(e.getMessage());
            } else {
                out.error(e.getMessage());
            }
        } catch (ReplyTooLargeException e) {
            out.discard();
            out.error(e.getMessage());
        }
        // A write refused by an error changed nothing; one whose reply was too large did.
        return spec.flags().contains(Flag.WRITE) ? Outcome.WROTE : Outcome.REPLIED;
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
        return !passwordRequired;
    }

    public CommandTable table() {
        return table;
    }
}
