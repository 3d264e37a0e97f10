package dev.rallypoint.kv.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Error texts exactly as Redis writes them (networking.c, server.c, t_string.c, expire.c), without
 * the leading {@code ERR }: clients and tests compare them byte for byte.
 */
public final class RedisErrors {

    public static final String NOT_AN_INTEGER = "value is not an integer or out of range";
    public static final String OVERFLOW = "increment or decrement would overflow";
    public static final String DECREMENT_OVERFLOW = "decrement would overflow";
    public static final String SYNTAX = "syntax error";
    public static final String INVALID_CURSOR = "invalid cursor";
    public static final String NO_SUCH_KEY = "no such key";
    public static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    public static final String HASH_NOT_INTEGER = "hash value is not an integer";
    public static final String VALUE_OUT_OF_RANGE = "value is out of range";
    public static final String NOT_A_FLOAT = "value is not a valid float";
    public static final String HASH_NOT_FLOAT = "hash value is not a float";
    public static final String INCREMENT_NAN_OR_INFINITY = "increment would produce NaN or Infinity";
    public static final String NAN_OR_INFINITY = "value is NaN or Infinity";
    public static final String SAME_OBJECT = "source and destination objects are the same";
    public static final String STRING_TOO_LONG = "string exceeds maximum allowed size (proto-max-bulk-len)";
    public static final String OFFSET_OUT_OF_RANGE = "offset is out of range";
    public static final String BIT_OFFSET = "bit offset is not an integer or out of range";
    public static final String BIT_VALUE = "bit is not an integer or out of range";
    public static final String LCS_NOT_STRINGS = "The specified keys must contain string values";
    public static final String LCS_IDX_AND_LEN = "If you want both the length and indexes, please just use IDX.";
    public static final String LCS_TOO_BIG = "Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len";
    public static final String DB_INDEX = "DB index is out of range";
    public static final String MAX_CLIENTS = "max number of clients reached";
    public static final String NO_PASSWORD = "AUTH <password> called without any password configured for the default user. "
            + "Are you sure your configuration is correct?";
    public static final String NOAUTH = "NOAUTH Authentication required.";
    public static final String NOAUTH_HELLO = "NOAUTH HELLO must be called with the client already authenticated, "
            + "otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select "
            + "the RESP protocol version at the same time";
    public static final String WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";
    public static final String CLIENT_NAME = "Client names cannot contain spaces, newlines or special characters.";
    public static final String CLIENT_INFO = "lib-name and lib-ver cannot contain spaces, newlines or special characters.";
    public static final String HELLO_VERSION = "Protocol version is not an integer or out of range";
    public static final String NOPROTO = "NOPROTO unsupported protocol version";
    public static final String EXPIRE_NX_CONFLICT = "NX and XX, GT or LT options at the same time are not compatible";
    public static final String EXPIRE_GT_LT_CONFLICT = "GT and LT options at the same time are not compatible";

    public static final String PROTOCOL_TOO_BIG_INLINE = "Protocol error: too big inline request";
    public static final String PROTOCOL_TOO_BIG_MBULK = "Protocol error: too big mbulk count string";
    public static final String PROTOCOL_TOO_BIG_BULK = "Protocol error: too big bulk count string";
    public static final String PROTOCOL_MULTIBULK_LENGTH = "Protocol error: invalid multibulk length";
    public static final String PROTOCOL_BULK_LENGTH = "Protocol error: invalid bulk length";
    public static final String PROTOCOL_UNBALANCED_QUOTES = "Protocol error: unbalanced quotes in request";
    public static final String PROTOCOL_UNAUTHENTICATED_MBULK = "Protocol error: unauthenticated multibulk length";
    public static final String PROTOCOL_UNAUTHENTICATED_BULK = "Protocol error: unauthenticated bulk length";
    // Redis closes such a client without a word (client-query-buffer-limit); an error says why.
    public static final String PROTOCOL_TOO_BIG_REQUEST = "Protocol error: request too big";

    // Rallypoint's own, where Redis has no limit to copy.
    public static final String MAX_CLIENTS_PER_ADDRESS = "max number of clients from one address reached";
    public static final String AUTH_TIMEOUT = "no AUTH within kv.auth-timeout: closing the connection";
    public static final String LINE_UNSAFE_VALUE = "the reply holds a value with a CR or LF (or, in a list, a space) "
            + "that a line cannot carry: read it on the RESP port";

    private RedisErrors() {
    }

    public static String protocolExpectedDollar(byte got) {
        return "Protocol error: expected '$', got '" + (char) (got & 0xff) + "'";
    }

    public static String replyTooLarge(long limit) {
        return "reply larger than kv.max-reply-bytes (" + limit + " bytes): ask for less at a time (SCAN, a shorter MGET)";
    }

    public static String outOfRange(long min, long max) {
        return "value is out of range, value must between " + min + " and " + max;
    }

    public static String wrongArity(String command) {
        return "wrong number of arguments for '" + command + "' command";
    }

    public static String invalidExpire(String command) {
        return "invalid expire time in '" + command + "' command";
    }

    public static String unsupportedOption(byte[] option) {
        return "Unsupported option " + text(option);
    }

    public static String unrecognizedOption(byte[] option) {
        return "Unrecognized option '" + text(option) + "'";
    }

    public static String helloSyntax(byte[] option) {
        return "Syntax error in HELLO option '" + text(option) + "'";
    }

    public static String unknownSubcommand(byte[] sub, String command) {
        return "unknown subcommand '" + clip(text(sub)) + "'. Try " + command + " HELP.";
    }

    /** server.c: the command, then as many arguments as fit, each quoted and followed by a space. */
    public static String unknownCommand(byte[][] argv) {
        StringBuilder args = new StringBuilder();
        for (int i = 1; i < argv.length && args.length() < 128; i++) {
            String arg = text(argv[i]);
            args.append('\'').append(arg, 0, Math.min(arg.length(), 128 - args.length())).append("' ");
        }
        return "unknown command '" + clip(text(argv[0])) + "', with args beginning with: " + args;
    }

    private static String clip(String s) {
        return s.length() > 128 ? s.substring(0, 128) : s;
    }

    /** Error lines cannot carry CR or LF: Redis replaces them with spaces. */
    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8).replace('\r', ' ').replace('\n', ' ');
    }
}
