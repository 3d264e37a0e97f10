package dev.rallypoint.kv.command;

import dev.rallypoint.kv.auth.Authenticator;
import dev.rallypoint.kv.command.CommandSpec.Flag;
import dev.rallypoint.kv.protocol.RedisErrors;
import dev.rallypoint.kv.protocol.Reply;

import java.util.Set;

/** Connection commands: PING, ECHO, SELECT, AUTH, HELLO, CLIENT, QUIT. */
public final class ConnectionCommands {

    private static final Set<Flag> FAST = Set.of(Flag.FAST, Flag.STALE, Flag.LOADING);
    private static final Set<Flag> FAST_NO_AUTH = Set.of(Flag.FAST, Flag.STALE, Flag.LOADING, Flag.NO_AUTH);

    private final Authenticator authenticator;

    public ConnectionCommands(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    public void register(CommandTable table) {
        table.add("ping", -1, FAST, this::ping);
        table.add("echo", 2, FAST, (c, a, o) -> o.bulk(a[1]));
        table.add("select", 2, FAST, this::select);
        table.addConnectionCommand("auth", -2, FAST_NO_AUTH, this::auth);
        table.addConnectionCommand("hello", -1, FAST_NO_AUTH, this::hello);
        table.add("client", -2, Set.of(Flag.STALE, Flag.LOADING), this::client);
        table.addConnectionCommand("quit", -1, FAST_NO_AUTH, this::quit);
    }

    // AUTH [username] password
    private Outcome auth(Client client, byte[][] argv, Reply out) {
        if (argv.length > 3) {
            out.error(RedisErrors.SYNTAX);
        } else if (!authenticator.required() && argv.length == 2) {
            out.error(RedisErrors.NO_PASSWORD);
        } else if (!authenticator.required()) {
            // Without a password the default user takes any password, as with nopass.
            if (Args.is(argv[1], "default")) {
                out.ok();
            } else {
                out.errorWithCode(RedisErrors.WRONGPASS);
            }
        } else {
            Authenticator.Verdict verdict = authenticate(client, argv.length == 3 ? argv[1] : null, argv[argv.length - 1]);
            if (verdict.passed()) {
                out.ok();
            } else {
                out.errorWithCode(RedisErrors.WRONGPASS);
            }
            return Outcome.holdBack(verdict.delayMillis());
        }
        return Outcome.REPLIED;
    }

    /**
     * Checks the password. While the address is throttled the verdict says how long to hold
     * back the reply, right or wrong, so that timing tells a guesser nothing.
     */
    private Authenticator.Verdict authenticate(Client client, byte[] user, byte[] password) {
        Authenticator.Verdict verdict = authenticator.check(user, password, client.address());
        if (verdict.passed()) {
            client.authenticated(true);
        }
        return verdict;
    }

    // PING [message]
    private void ping(Client client, byte[][] argv, Reply out) {
        if (argv.length > 2) {
            out.error(RedisErrors.wrongArity("ping"));
        } else if (argv.length == 2) {
            out.bulk(argv[1]);
        } else {
            out.simple("PONG");
        }
    }

    // SELECT index: one database, number 0.
    private void select(Client client, byte[][] argv, Reply out) {
        if (Args.integer(argv[1]) != 0) {
            out.error(RedisErrors.DB_INDEX);
        } else {
            out.ok();
        }
    }

    // HELLO [protover [AUTH username password] [SETNAME clientname]]: RESP2 only.
    private Outcome hello(Client client, byte[][] argv, Reply out) {
        if (argv.length >= 2) {
            long version;
            try {
                version = Args.integer(argv[1]);
            } catch (RuntimeException e) {
                out.error(RedisErrors.HELLO_VERSION);
                return Outcome.REPLIED;
            }
            if (version != 2) {
                out.errorWithCode(RedisErrors.NOPROTO);
                return Outcome.REPLIED;
            }
        }
        byte[] name = null;
        Outcome outcome = Outcome.REPLIED;
        for (int j = 2; j < argv.length; j++) {
            boolean more = j + 1 < argv.length;
            if (Args.is(argv[j], "AUTH") && j + 2 < argv.length) {
                // Without a password every user name and password is accepted, as with nopass.
                if (authenticator.required()) {
                    Authenticator.Verdict verdict = authenticate(client, argv[j + 1], argv[j + 2]);
                    outcome = Outcome.holdBack(verdict.delayMillis());
                    if (!verdict.passed()) {
                        out.errorWithCode(RedisErrors.WRONGPASS);
                        return outcome;
                    }
                }
                j += 2;
            } else if (Args.is(argv[j], "SETNAME") && more) {
                name = argv[++j];
                if (!validName(name)) {
                    out.error(RedisErrors.CLIENT_NAME);
                    return outcome;
                }
            } else {
                out.error(RedisErrors.helloSyntax(argv[j]));
                return outcome;
            }
        }
        if (!client.authenticated()) {
            out.errorWithCode(RedisErrors.NOAUTH_HELLO);
            return outcome;
        }
        if (name != null) {
            client.name(name.length == 0 ? null : name);
        }
        out.arrayHeader(14);
        out.bulk("server");
        out.bulk("redis");
        out.bulk("version");
        out.bulk(ServerCommands.VERSION);
        out.bulk("proto");
        out.integer(2);
        out.bulk("id");
        out.integer(client.id());
        out.bulk("mode");
        out.bulk("standalone");
        out.bulk("role");
        out.bulk("master");
        out.bulk("modules");
        out.arrayHeader(0);
        return outcome;
    }

    // CLIENT SETNAME name | GETNAME | SETINFO LIB-NAME|LIB-VER value | ID
    private void client(Client client, byte[][] argv, Reply out) {
        String sub = Args.text(argv[1]).toLowerCase(java.util.Locale.ROOT);
        int arity = switch (sub) {
            case "setname" -> 3;
            case "getname", "id" -> 2;
            case "setinfo" -> 4;
            default -> 0;
        };
        if (arity == 0) {
            out.error(RedisErrors.unknownSubcommand(argv[1], "CLIENT"));
        } else if (argv.length != arity) {
            out.error(RedisErrors.wrongArity("client|" + sub));
        } else if (sub.equals("getname")) {
            out.bulk(client.name());
        } else if (sub.equals("id")) {
            out.integer(client.id());
        } else if (sub.equals("setinfo") && !Args.is(argv[2], "LIB-NAME") && !Args.is(argv[2], "LIB-VER")) {
            out.error(RedisErrors.unrecognizedOption(argv[2]));
        } else if (!validName(argv[argv.length - 1])) {
            out.error(sub.equals("setname") ? RedisErrors.CLIENT_NAME : RedisErrors.CLIENT_INFO);
        } else {
            if (sub.equals("setname")) {
                client.name(argv[2].length == 0 ? null : argv[2]);
            }
            out.ok();
        }
    }

    // QUIT: OK, then the connection closes.
    private Outcome quit(Client client, byte[][] argv, Reply out) {
        out.goodbye();
        return Outcome.CLOSE;
    }

    /** networking.c: names are printable ASCII without spaces. */
    private static boolean validName(byte[] name) {
        for (byte b : name) {
            if (b < '!' || b > '~') {
                return false;
            }
        }
        return true;
    }
}
