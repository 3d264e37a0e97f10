package dev.rallypoint.kv.command;

import dev.rallypoint.kv.resp.RespErrors;
import dev.rallypoint.kv.resp.RespWriter;
import dev.rallypoint.kv.store.StoreException;

/** Runs one request: the command must exist, then its arity must fit, then its handler runs. */
public final class Dispatcher {

    private final CommandTable table;

    public Dispatcher(CommandTable table) {
        this.table = table;
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
        spec.calls().increment();
        try {
            spec.handler().handle(client, argv, out);
        } catch (StoreException e) {
            out.error(e.getMessage());
        }
    }

    public CommandTable table() {
        return table;
    }
}
