package dev.rallypoint.kv;

import dev.rallypoint.kv.aof.AppendOnlyFile;
import dev.rallypoint.kv.aof.FsyncPolicy;
import dev.rallypoint.kv.auth.Authenticator;
import dev.rallypoint.kv.auth.FailureThrottle;
import dev.rallypoint.kv.command.Client;
import dev.rallypoint.kv.command.CommandTable;
import dev.rallypoint.kv.command.ConnectionCommands;
import dev.rallypoint.kv.command.Dispatcher;
import dev.rallypoint.kv.command.ExpireCommands;
import dev.rallypoint.kv.command.HashCommands;
import dev.rallypoint.kv.command.KeyCommands;
import dev.rallypoint.kv.command.ServerCommands;
import dev.rallypoint.kv.command.Settings;
import dev.rallypoint.kv.command.StringCommands;
import dev.rallypoint.kv.connection.Connection;
import dev.rallypoint.kv.line.LineProtocol;
import dev.rallypoint.kv.protocol.Protocol;
import dev.rallypoint.kv.protocol.RedisErrors;
import dev.rallypoint.kv.protocol.ReplyBuffer;
import dev.rallypoint.kv.resp.RespProtocol;
import dev.rallypoint.kv.store.GroupCommit;
import dev.rallypoint.kv.store.MemoryStore;
import dev.rallypoint.kv.store.RedisLink;
import dev.rallypoint.kv.store.RedisStore;
import dev.rallypoint.kv.store.Store;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The two TCP listeners and the store behind them. Each port gets one NetServer per event loop
 * (Vert.x spreads connections over them); all share the one thread-safe store. The memory store
 * is first filled from its append-only file, then the ports open.
 */
@ApplicationScoped
public class KvServer {

    private static final Logger LOG = Logger.getLogger(KvServer.class);

    private final Vertx vertx;
    private final KvConfig config;
    private final CommandTable table = new CommandTable();
    private Store store;
    // The memory store and its file; null with the redis store (and the file with kv.aof.enabled=false).
    private MemoryStore memory;
    private AppendOnlyFile aof;
    // The redis store's client, and the virtual threads its commands run on; null with the memory store.
    private Redis redis;
    private ExecutorService blocking;
    private GroupCommit groupCommit;
    private Authenticator authenticator;
    private Dispatcher dispatcher;
    private final AtomicInteger connections = new AtomicInteger();
    // kv.max-clients, changeable with CONFIG SET maxclients.
    private volatile int maxClients;
    private final ConcurrentHashMap<String, Integer> connectionsByAddress = new ConcurrentHashMap<>();
    private final AtomicLong clientIds = new AtomicLong();
    private final List<NetServer> servers = new ArrayList<>();
    private volatile int respPort = -1;
    private volatile int linePort = -1;
    private long sweepTimer = -1;

    public KvServer(Vertx vertx, KvConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    void start(@Observes StartupEvent event) throws Exception {
        switch (config.store()) {
            case "memory" -> {
                memory = new MemoryStore(config.maxBulk());
                store = memory;
                if (config.aof().enabled()) {
                    aof = AppendOnlyFile.open(config.aof().dir(), FsyncPolicy.parse(config.aof().fsync()), memory,
                            config.aof().rewriteMinSize(), config.aof().rewritePercentage());
                }
            }
            case "redis" -> {
                RedisOptions options = redisOptions();
                redis = Redis.createClient(vertx, options);
                String prefix = config.redis().prefix();
                // Forwarded commands take each event loop's own link to a plain standalone Redis.
                RedisLink.Target link = RedisLink.Target.parse(options.getEndpoint());
                if (options.getType() == RedisClientType.CLUSTER) {
                    prefix = RedisStore.clusterPrefix(prefix);
                    link = null;
                    LOG.infof("kv keys live under %s, one hash slot of the cluster", prefix);
                }
                store = new RedisStore(vertx, redis, link, prefix, config.redis().timeout().toMillis());
                // Commands that wait for Redis run on virtual threads, never on an event loop.
                blocking = Executors.newVirtualThreadPerTaskExecutor();
            }
            default -> throw new IllegalArgumentException("kv.store must be 'memory' or 'redis', not '" + config.store() + "'");
        }
        // Only the append-only file makes replies wait; the redis store waits for Redis anyway.
        groupCommit = aof == null ? null : new GroupCommit(store, vertx);
        authenticator = new Authenticator(password(), new FailureThrottle());
        dispatcher = new Dispatcher(table, authenticator.required());
        maxClients = config.maxClients();
        new StringCommands(store, config.maxBulk(), config.maxReplyBytes()).register(table);
        new KeyCommands(store).register(table);
        new HashCommands(store).register(table);
        new ExpireCommands(store).register(table);
        new ConnectionCommands(authenticator).register(table);
        new ServerCommands(store, table, connections::get, aof, settings()).register();

        int instances = config.ioThreads().orElse(Runtime.getRuntime().availableProcessors());
        Connection.Limits limits = new Connection.Limits(config.authTimeout().toMillis(), config.outputTimeout().toMillis());
        Protocol resp = new RespProtocol(config.maxInline(), config.maxBulk(), config.maxMultibulk(),
                config.maxRequestBytes(), config.maxReplyBytes());
        Protocol line = new LineProtocol(config.maxInline(), config.maxReplyBytes());
        respPort = listen(config.resp().port(), -1, instances, resp, limits);
        linePort = listen(config.line().port(), -2, instances, line, limits);
        if (memory != null) {
            sweepTimer = vertx.setPeriodic(100, id -> ExpirySweep.run(memory));
        }
        LOG.infof("kv-service listening on %s: RESP %d, line protocol %d", config.bind(), respPort, linePort);
    }

    void stop(@Observes ShutdownEvent event) {
        respPort = -1;
        linePort = -1;
        vertx.cancelTimer(sweepTimer);
        for (NetServer server : servers) {
            server.close();
        }
        if (redis != null) {
            redis.close();
            blocking.shutdown();
        }
        if (aof != null) {
            try {
                aof.close();
            } catch (IOException e) {
                LOG.error("cannot flush the append-only file on shutdown", e);
            }
        }
    }

    /** What CONFIG GET shows and CONFIG SET may change, by Redis's names. */
    private Settings settings() {
        Settings settings = new Settings();
        settings.fixed("appendonly", () -> aof == null ? "no" : "yes");
        if (aof == null) {
            settings.fixed("appendfsync", () -> "no");
        } else {
            settings.changeable("appendfsync", () -> aof.policy().name().toLowerCase(Locale.ROOT), value -> {
                try {
                    aof.policy(FsyncPolicy.valueOf(value.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new Settings.Refused("argument(s) must be one of the following: everysec, always, no");
                }
            });
        }
        settings.changeable("maxclients", () -> Integer.toString(maxClients), value -> {
            long n = Settings.integer(value);
            if (n < 1 || n > 4294967295L) {
                throw new Settings.Refused("argument must be between 1 and 4294967295 inclusive");
            }
            maxClients = (int) Math.min(n, Integer.MAX_VALUE);
        });
        // Redis shows the password; a value that reaches logs and dashboards should not.
        settings.fixed("requirepass", () -> authenticator.required() ? "(redacted)" : "");
        settings.fixed("databases", () -> "1");
        settings.fixed("port", () -> Integer.toString(respPort));
        settings.fixed("bind", config::bind);
        settings.fixed("proto-max-bulk-len", () -> Long.toString(config.maxBulk()));
        settings.fixed("client-query-buffer-limit", () -> Long.toString(config.maxRequestBytes()));
        settings.fixed("dir", () -> config.aof().dir().toAbsolutePath().toString());
        settings.fixed("appendfilename", () -> "appendonly.aof");
        settings.fixed("maxmemory", () -> "0");
        settings.fixed("maxmemory-policy", () -> "noeviction");
        String[] save = {""};
        settings.changeable("save", () -> save[0], value -> save[0] = value);
        settings.tuning(128, "hash-max-listpack-entries", "hash-max-ziplist-entries");
        settings.tuning(64, "hash-max-listpack-value", "hash-max-ziplist-value");
        settings.tuning(128, "zset-max-listpack-entries", "zset-max-ziplist-entries");
        settings.tuning(64, "zset-max-listpack-value", "zset-max-ziplist-value");
        settings.tuning(-2, "list-max-listpack-size", "list-max-ziplist-size");
        settings.tuning(512, "set-max-intset-entries");
        return settings;
    }

    /** The standard quarkus.redis.hosts (the first URL), and client-type=cluster for a cluster. */
    private static RedisOptions redisOptions() {
        Config quarkus = ConfigProvider.getConfig();
        String hosts = quarkus.getOptionalValue("quarkus.redis.hosts", String.class).orElse("redis://127.0.0.1:6379");
        // RESP2, so that replies keep the shapes clients get from kv-service (HGETALL a flat array).
        RedisOptions options = new RedisOptions().setMaxPoolSize(64).setMaxPoolWaiting(10_000).setMaxWaitingHandlers(10_000)
                .setPreferredProtocolVersion(ProtocolVersion.RESP2);
        for (String url : hosts.split(",")) {
            options.addConnectionString(url.trim());
        }
        if ("cluster".equals(quarkus.getOptionalValue("quarkus.redis.client-type", String.class).orElse("standalone"))) {
            options.setType(RedisClientType.CLUSTER);
        }
        return options;
    }

    /** Whether the store answers: always for the memory store, a PING for the redis store. */
    public boolean storeAnswers() {
        return !(store instanceof RedisStore redisStore) || redisStore.ping();
    }

    /** kv.password, else the content of kv.password-file (a mounted secret, without its final newline). */
    private Optional<String> password() throws IOException {
        if (config.password().isPresent()) {
            return config.password();
        }
        if (config.passwordFile().isPresent()) {
            String secret = Files.readString(config.passwordFile().get(), StandardCharsets.UTF_8).strip();
            if (secret.isEmpty()) {
                throw new IllegalArgumentException("kv.password-file " + config.passwordFile().get() + " is empty");
            }
            return Optional.of(secret);
        }
        return Optional.empty();
    }

    /** The bound RESP port, or -1 when not listening. */
    public int respPort() {
        return respPort;
    }

    /** The bound line-protocol port, or -1 when not listening. */
    public int linePort() {
        return linePort;
    }

    public boolean listening() {
        return respPort > 0 && linePort > 0;
    }

    public Store store() {
        return store;
    }

    public CommandTable table() {
        return table;
    }

    public int connections() {
        return connections.get();
    }

    /**
     * Starts the instances for one port; Vert.x shares one socket among servers listening on the
     * same host and port. For a free port they share a negative port number, {@code freePortId},
     * not 0 (each 0 would bind a different free port).
     */
    private int listen(int port, int freePortId, int instances, Protocol protocol, Connection.Limits limits) throws Exception {
        int shared = port == 0 ? freePortId : port;
        int bound = -1;
        for (int i = 0; i < instances; i++) {
            NetServer server = vertx.createNetServer(new NetServerOptions()
                    .setHost(config.bind()).setPort(shared).setTcpNoDelay(true).setReuseAddress(true));
            server.connectHandler(socket -> accept(socket, protocol, limits));
            servers.add(server);
            bound = server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        }
        return bound;
    }

    /** Serves a new client unless the server, or its address, has as many clients as it may. */
    private void accept(NetSocket socket, Protocol protocol, Connection.Limits limits) {
        String address = socket.remoteAddress().hostAddress();
        if (connections.incrementAndGet() > maxClients) {
            connections.decrementAndGet();
            refuse(socket, protocol, RedisErrors.MAX_CLIENTS);
            return;
        }
        int fromAddress = connectionsByAddress.merge(address, 1, Integer::sum);
        if (fromAddress > config.maxClientsPerAddress()) {
            release(address);
            refuse(socket, protocol, RedisErrors.MAX_CLIENTS_PER_ADDRESS);
            return;
        }
        socket.exceptionHandler(e -> socket.close());
        Client client = new Client(clientIds.incrementAndGet(), address, dispatcher.openAccess());
        new Connection(socket, vertx, dispatcher, store, groupCommit, blocking, protocol, client, limits)
                .start(() -> release(address));
    }

    private void release(String address) {
        connections.decrementAndGet();
        connectionsByAddress.computeIfPresent(address, (a, n) -> n > 1 ? n - 1 : null);
    }

    private static void refuse(NetSocket socket, Protocol protocol, String error) {
        ReplyBuffer reply = protocol.replies();
        reply.error(error);
        socket.end(reply.take());
    }
}
