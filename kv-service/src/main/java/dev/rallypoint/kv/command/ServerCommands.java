package dev.rallypoint.kv.command;

import dev.rallypoint.kv.aof.AppendOnlyFile;
import dev.rallypoint.kv.command.CommandSpec.Flag;
import dev.rallypoint.kv.resp.RespErrors;
import dev.rallypoint.kv.resp.RespWriter;
import dev.rallypoint.kv.store.Store;

import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;

/** Server commands: COMMAND (what clients ask at connect), INFO, CONFIG GET, BGREWRITEAOF. */
public final class ServerCommands {

    /** The Redis version reported to clients, which pick features by it. */
    static final String VERSION = "7.0.0";

    private static final Set<String> KEYLESS = Set.of("keys", "scan", "dbsize", "flushdb", "flushall");
    private static final Set<String> MULTI_KEY = Set.of("del", "exists", "mget", "mset", "msetnx");

    private final Store store;
    private final CommandTable table;
    private final IntSupplier connections;
    // Null when the store keeps no append-only file (the redis store, or kv.aof.enabled=false).
    private final AppendOnlyFile aof;

    public ServerCommands(Store store, CommandTable table, IntSupplier connections, AppendOnlyFile aof) {
        this.store = store;
        this.table = table;
        this.connections = connections;
        this.aof = aof;
    }

    public void register() {
        table.add("command", -1, Set.of(Flag.STALE, Flag.LOADING), this::command);
        table.add("info", -1, Set.of(Flag.STALE, Flag.LOADING), this::info);
        table.add("config", -2, Set.of(Flag.ADMIN, Flag.STALE, Flag.LOADING), this::config);
        table.add("bgrewriteaof", 1, Set.of(Flag.ADMIN), this::bgrewriteaof);
    }

    // BGREWRITEAOF: compacts the append-only file now, in the background.
    private void bgrewriteaof(Client client, byte[][] argv, RespWriter out) {
        if (aof == null) {
            out.error("Background append only file rewriting is not possible: the store keeps no append-only file");
        } else if (aof.compactInBackground()) {
            out.simple("Background append only file rewriting started");
        } else {
            out.error("Background append only file rewriting already in progress");
        }
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
        long keys = store.size();
        String text = "# Server\r\nredis_version:" + VERSION + "\r\nredis_mode:standalone\r\n"
                + "# Clients\r\nconnected_clients:" + connections.getAsInt() + "\r\n"
                + "# Memory\r\nused_memory:" + store.usedBytes() + "\r\n"
                + persistence()
                + "# Keyspace\r\n" + (keys > 0 ? "db0:keys=" + keys + ",expires=0,avg_ttl=0\r\n" : "");
        out.bulk(text);
    }

    /** Redis's persistence fields for the append-only file, and how many compactions finished. */
    private String persistence() {
        if (aof == null) {
            return "# Persistence\r\naof_enabled:0\r\n";
        }
        return "# Persistence\r\naof_enabled:1\r\naof_rewrite_in_progress:" + (aof.compacting() ? 1 : 0)
                + "\r\naof_rewrites:" + aof.compactions() + "\r\naof_current_size:" + aof.fileSize()
                + "\r\naof_base_size:" + aof.baseSize() + "\r\n";
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
            case "appendonly" -> aof == null ? "no" : "yes";
            case "appendfsync" -> aof == null ? "no" : aof.policy().name().toLowerCase(Locale.ROOT);
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
