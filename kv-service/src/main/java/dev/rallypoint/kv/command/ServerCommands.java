package dev.rallypoint.kv.command;

import dev.rallypoint.kv.aof.AppendOnlyFile;
import dev.rallypoint.kv.command.CommandSpec.Flag;
import dev.rallypoint.kv.protocol.RedisErrors;
import dev.rallypoint.kv.protocol.Reply;
import dev.rallypoint.kv.store.Store;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;

/** Server commands: COMMAND (what clients ask at connect), INFO, CONFIG, TIME, BGREWRITEAOF. */
public final class ServerCommands {

    /** The Redis version reported to clients, which pick features by it. */
    static final String VERSION = "7.0.0";

    private static final Set<String> KEYLESS = Set.of("keys", "scan", "dbsize", "flushdb", "flushall", "randomkey");
    private static final Set<String> MULTI_KEY = Set.of("del", "exists", "mget", "mset", "msetnx");
    private static final Set<String> TWO_KEYS = Set.of("copy", "rename", "renamenx", "lcs");

    private final Store store;
    private final CommandTable table;
    private final IntSupplier connections;
    // Null when the store keeps no append-only file (the redis store, or kv.aof.enabled=false).
    private final AppendOnlyFile aof;

    private final Settings settings;

    public ServerCommands(Store store, CommandTable table, IntSupplier connections, AppendOnlyFile aof, Settings settings) {
        this.store = store;
        this.table = table;
        this.connections = connections;
        this.aof = aof;
        this.settings = settings;
    }

    public void register() {
        table.add("command", -1, Set.of(Flag.STALE, Flag.LOADING), this::command);
        table.add("info", -1, Set.of(Flag.STALE, Flag.LOADING), this::info);
        table.add("config", -2, Set.of(Flag.ADMIN, Flag.STALE, Flag.LOADING), this::config);
        table.add("time", 1, Set.of(Flag.FAST, Flag.STALE, Flag.LOADING), this::time);
        table.add("bgrewriteaof", 1, Set.of(Flag.ADMIN), this::bgrewriteaof);
    }

    // BGREWRITEAOF: compacts the append-only file now, in the background.
    private void bgrewriteaof(Client client, byte[][] argv, Reply out) {
        if (aof == null) {
            out.error("Background append only file rewriting is not possible: the store keeps no append-only file");
        } else if (aof.compactInBackground()) {
            out.simple("Background append only file rewriting started");
        } else {
            out.error("Background append only file rewriting already in progress");
        }
    }

    // COMMAND | COMMAND COUNT | COMMAND INFO name... | COMMAND LIST | COMMAND DOCS [name...]
    private void command(Client client, byte[][] argv, Reply out) {
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
            default -> out.error(RedisErrors.unknownSubcommand(argv[1], "COMMAND"));
        }
    }

    /** name, arity, flags, first key, last key, step, then empty ACL categories, tips, key specs, subcommands. */
    private static void describe(CommandSpec spec, Reply out) {
        out.arrayHeader(10);
        out.bulk(spec.name());
        out.integer(spec.arity());
        out.arrayHeader(spec.flags().size());
        spec.flags().forEach(f -> out.simple(f.name().toLowerCase(Locale.ROOT)));
        boolean keyed = (spec.flags().contains(Flag.WRITE) || spec.flags().contains(Flag.READONLY))
                && !KEYLESS.contains(spec.name());
        boolean many = MULTI_KEY.contains(spec.name());
        out.integer(keyed ? 1 : 0);
        out.integer(keyed ? (many ? -1 : TWO_KEYS.contains(spec.name()) ? 2 : 1) : 0);
        out.integer(keyed ? (spec.name().startsWith("mset") ? 2 : 1) : 0);
        for (int i = 0; i < 4; i++) {
            out.arrayHeader(0);
        }
    }

    // TIME: seconds and microseconds of the Unix time.
    private void time(Client client, byte[][] argv, Reply out) {
        java.time.Instant now = java.time.Instant.now();
        out.arrayHeader(2);
        out.bulk(Long.toString(now.getEpochSecond()));
        out.bulk(Long.toString(now.getNano() / 1000));
    }

    // INFO [section [section ...]]: the sections asked for (all by default), in Redis's order and format.
    private void info(Client client, byte[][] argv, Reply out) {
        Set<String> wanted = new java.util.HashSet<>();
        for (int i = 1; i < argv.length; i++) {
            wanted.add(Args.text(argv[i]).toLowerCase(Locale.ROOT));
        }
        boolean all = wanted.isEmpty() || wanted.contains("default") || wanted.contains("all") || wanted.contains("everything");
        StringBuilder text = new StringBuilder();
        for (String section : List.of("server", "clients", "memory", "persistence", "keyspace")) {
            if (all || wanted.contains(section)) {
                if (!text.isEmpty()) {
                    text.append("\r\n");
                }
                text.append(section(section));
            }
        }
        out.bulk(text.toString());
    }

    private String section(String name) {
        return switch (name) {
            case "server" -> "# Server\r\nredis_version:" + VERSION + "\r\nredis_mode:standalone\r\n";
            case "clients" -> "# Clients\r\nconnected_clients:" + connections.getAsInt() + "\r\n";
            case "memory" -> "# Memory\r\nused_memory:" + store.usedBytes() + "\r\n";
            case "persistence" -> persistence();
            default -> {
                long keys = store.size();
                yield "# Keyspace\r\n" + (keys > 0 ? "db0:keys=" + keys + ",expires=" + Math.max(0, store.expiring())
                        + ",avg_ttl=0\r\n" : "");
            }
        };
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

    // CONFIG GET parameter [parameter ...] | CONFIG SET parameter value [parameter value ...] | CONFIG RESETSTAT
    private void config(Client client, byte[][] argv, Reply out) {
        String sub = Args.text(argv[1]).toLowerCase(Locale.ROOT);
        switch (sub) {
            case "get" -> {
                if (argv.length < 3) {
                    out.error(RedisErrors.wrongArity("config|get"));
                    return;
                }
                List<String[]> found = settings.get(List.of(argv).subList(2, argv.length));
                out.arrayHeader(found.size() * 2);
                for (String[] pair : found) {
                    out.bulk(pair[0]);
                    out.bulk(pair[1]);
                }
            }
            case "set" -> {
                if (argv.length < 4 || argv.length % 2 != 0) {
                    out.error(RedisErrors.wrongArity("config|set"));
                    return;
                }
                List<String[]> pairs = new java.util.ArrayList<>();
                for (int i = 2; i < argv.length; i += 2) {
                    pairs.add(new String[] {Args.text(argv[i]).toLowerCase(Locale.ROOT), Args.text(argv[i + 1])});
                }
                String error = settings.set(pairs);
                if (error == null) {
                    out.ok();
                } else {
                    out.error(error);
                }
            }
            case "resetstat" -> {
                if (argv.length != 2) {
                    out.error(RedisErrors.wrongArity("config|resetstat"));
                    return;
                }
                out.ok();
            }
            default -> out.error(RedisErrors.unknownSubcommand(argv[1], "CONFIG"));
        }
    }
}
