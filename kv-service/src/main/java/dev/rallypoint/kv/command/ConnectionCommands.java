package dev.rallypoint.kv.command;

import dev.rallypoint.kv.auth.Authenticator;
import dev.rallypoint.kv.command.CommandSpec.Flag;
import dev.rallypoint.kv.resp.RespErrors;
import dev.rallypoint.kv.resp.RespWriter;

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
        table.add("auth", -2, FAST_NO_AUTH, this::auth);
        table.add("hello", -1, FAST_NO_AUTH, this::hello);
        table.add("client", -2, Set.of(Flag.STALE, Flag.LOADING), this::client);
        table.add("quit", -1, FAST_NO_AUTH, this::quit);
    }

    // AUTH [username] password
    private void auth(Client client, byte[][] argv, RespWriter out) {
        if (argv.length > 3) {
            out.error(RespErrors.SYNTAX);
        } else if (!authenticator.required() && argv.length == 2) {
            out.error(RespErrors.NO_PASSWORD);
        } else if (!authenticator.required()) {
            // Without a password the default user takes any password, as with nopass.
            if (Args.is(argv[1], "default")) {
                out.ok();
            } else {
                out.errorWithCode(RespErrors.WRONGPASS);
            }
        } else if (authenticate(client, argv.length == 3 ? argv[1] : null, argv[argv.length - 1])) {
            out.ok();
        } else {
            out.errorWithCode(RespErrors.WRONGPASS);
        }
    }

    /** Checks the password; a failure holds back the client's replies as the throttle says. */
    private boolean authenticate(Client client, byte[] user, byte[] password) {
        Authenticator.Verdict verdict = authenticator.check(user, password, client.address());
        if (verdict.passed()) {
            client.authenticated(true);
        }
        client.replyDelay(verdict.delayMillis());
        return verdict.passed();
    }

    // PING [message]
    private void ping(Client client, byte[][] argv, RespWriter out) {
        if (argv.length > 2) {
            out.error(RespErrors.wrongArity("ping"));
        } else if (argv.length == 2) {
            out.bulk(argv[1]);
        } else {
            out.simple("PONG");
        }
    }

    // SELECT index: one database, number 0.
    private void select(Client client, byte[][] argv, RespWriter out) {
        if (Args.integer(argv[1]) != 0) {
            out.error(RespErrors.DB_INDEX);
        } else {
            out.ok();
        }
    }

    // HELLO [protover [AUTH username password] [SETNAME clientname]]: RESP2 only.
    private void hello(Client client, byte[][] argv, RespWriter out) {
        if (argv.length >= 2) {
            long version;
            try {
                version = Args.integer(argv[1]);
            } catch (RuntimeException e) {
                out.error(RespErrors.HELLO_VERSION);
                return;
            }
            if (version != 2) {
                out.errorWithCode(RespErrors.NOPROTO);
                return;
            }
        }
        byte[] name = null;
        for (int j = 2; j < argv.length; j++) {
            boolean more = j + 1 < argv.length;
            if (Args.is(argv[j], "AUTH") && j + 2 < argv.length) {
                // Without a password every user name and password is accepted, as with nopass.
                if (authenticator.required() && !authenticate(client, argv[j + 1], argv[j + 2])) {
                    out.errorWithCode(RespErrors.WRONGPASS);
                    return;
                }
                j += 2;
            } else if (Args.is(argv[j], "SETNAME") && more) {
                name = argv[++j];
                if (!validName(name)) {
                    out.error(RespErrors.CLIENT_NAME);
                    return;
                }
            } else {
                out.error(RespErrors.helloSyntax(argv[j]));
                return;
            }
        }
        if (!client.authenticated()) {
            out.errorWithCode(RespErrors.NOAUTH_HELLO);
            return;
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
    }

    // CLIENT SETNAME name | GETNAME | SETINFO LIB-NAME|LIB-VER value | ID
    private void client(Client client, byte[][] argv, RespWriter out) {
        String sub = Args.text(argv[1]).toLowerCase(java.util.Locale.ROOT);
        int arity = switch (sub) {
            case "setname" -> 3;
            case "getname", "id" -> 2;
            case "setinfo" -> 4;
            default -> 0;
        };
        if (arity == 0) {
            out.error(RespErrors.unknownSubcommand(argv[1], "CLIENT"));
        } else if (argv.length != arity) {
            out.error(RespErrors.wrongArity("client|" + sub));
        } else if (sub.equals("getname")) {
            out.bulk(client.name());
        } else if (sub.equals("id")) {
            out.integer(client.id());
        } else if (sub.equals("setinfo") && !Args.is(argv[2], "LIB-NAME") && !Args.is(argv[2], "LIB-VER")) {
            out.error(RespErrors.unrecognizedOption(argv[2]));
        } else if (!validName(argv[argv.length - 1])) {
            out.error(sub.equals("setname") ? RespErrors.CLIENT_NAME : RespErrors.CLIENT_INFO);
        } else {
            if (sub.equals("setname")) {
                client.name(argv[2].length == 0 ? null : argv[2]);
            }
            out.ok();
        }
    }

    // QUIT: OK, then the connection closes.
    private void quit(Client client, byte[][] argv, RespWriter out) {
        client.close();
        out.ok();
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
