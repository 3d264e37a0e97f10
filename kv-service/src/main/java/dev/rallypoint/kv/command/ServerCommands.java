package dev.rallypoint.kv.command;

import dev.rallypoint.kv.command.CommandSpec.Flag;
import dev.rallypoint.kv.resp.RespErrors;
import dev.rallypoint.kv.resp.RespWriter;
import dev.rallypoint.kv.store.MemoryStore;

import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;

/** Server commands: COMMAND (what clients ask at connect), INFO, CONFIG GET. */
public final class ServerCommands {

    /** The Redis version reported to clients, which pick features by it. */
    static final String VERSION = "7.0.0";

    private static final Set<String> KEYLESS = Set.of("keys", "scan", "dbsize", "flushdb", "flushall");
    private static final Set<String> MULTI_KEY = Set.of("del", "exists", "mget", "mset", "msetnx");

    private final MemoryStore store;
    private final CommandTable table;
    private final IntSupplier connections;

    public ServerCommands(MemoryStore store, CommandTable table, IntSupplier connections) {
        this.store = store;
        this.table = table;
        this.connections = connections;
    }

    public void register() {
        table.add("command", -1, Set.of(Flag.STALE, Flag.LOADING), this::command);
        table.add("info", -1, Set.of(Flag.STALE, Flag.LOADING), this::info);
        table.add("config", -2, Set.of(Flag.ADMIN, Flag.STALE, Flag.LOADING), this::config);
    }

    // COMMAND | COMMAND COUNT | COMMAND INFO name... | COMMAND LIST | COMMAND DOCS [name...]
    private void command(Client client, byte[][] argv, RespWriter out) {
        String sub = argv.length == 1 ? "" : Args.text(argv[1]).toLowerCase(Locale.ROOT);
        switch (sub) {
            case "" -> {
                out.arrayHeader(table.all().size());
                table.all().forEach(spec -> describe(spec, out));
            }
            case "count" -> out.integer(table.all().size());
            case "list" -> {
                out.arrayHeader(table.all().size());
                table.all().forEach(spec -> out.bulk(spec.name()));
            }
            case "info" -> {
                out.arrayHeader(argv.length - 2);
                for (int i = 2; i < argv.length; i++) {
                    CommandSpec spec = table.find(argv[i]);
                    if (spec == null) {
                        out.nil();
                    } else {
                        describe(spec, out);
                    }
                }
            }
            // Documentation is optional for clients: none is an empty map.
            case "docs" -> out.arrayHeader(0);
            default -> out.error(RespErrors.unknownSubcommand(argv[1], "COMMAND"));
        }
    }

    /** name, arity, flags, first key, last key, step, then empty ACL categories, tips, key specs, subcommands. */
    private static void describe(CommandSpec spec, RespWriter out) {
        out.arrayHeader(10);
        out.bulk(spec.name());
        out.integer(spec.arity());
        out.arrayHeader(spec.flags().size());
        spec.flags().forEach(f -> out.simple(f.name().toLowerCase(Locale.ROOT)));
        boolean keyed = (spec.flags().contains(Flag.WRITE) || spec.flags().contains(Flag.READONLY))
                && !KEYLESS.contains(spec.name());
        boolean many = MULTI_KEY.contains(spec.name());
        out.integer(keyed ? 1 : 0);
        out.integer(keyed ? (many ? -1 : 1) : 0);
        out.integer(keyed ? (spec.name().startsWith("mset") ? 2 : 1) : 0);
        for (int i = 0; i < 4; i++) {
            out.arrayHeader(0);
        }
    }

    // INFO [section]: a minimal server, clients, memory and keyspace report.
    private void info(Client client, byte[][] argv, RespWriter out) {
        int keys = store.size();
        String text = "# Server\r\nredis_version:" + VERSION + "\r\nredis_mode:standalone\r\n"
                + "# Clients\r\nconnected_clients:" + connections.getAsInt() + "\r\n"
                + "# Memory\r\nused_memory:" + store.usedBytes() + "\r\n"
                + "# Keyspace\r\n" + (keys > 0 ? "db0:keys=" + keys + ",expires=0,avg_ttl=0\r\n" : "");
        out.bulk(text);
    }

    // CONFIG GET parameter: what redis-benchmark asks before it starts.
    private void config(Client client, byte[][] argv, RespWriter out) {
        if (!Args.is(argv[1], "GET")) {
            out.error(RespErrors.unknownSubcommand(argv[1], "CONFIG"));
            return;
        }
        if (argv.length != 3) {
            out.error(RespErrors.wrongArity("config|get"));
            return;
        }
        String name = Args.text(argv[2]).toLowerCase(Locale.ROOT);
        String value = switch (name) {
            case "save" -> "";
            case "appendonly" -> "no";
            case "databases" -> "1";
            default -> null;
        };
        if (value == null) {
            out.arrayHeader(0);
        } else {
            out.arrayHeader(2);
            out.bulk(name);
            out.bulk(value);
        }
    }
}
