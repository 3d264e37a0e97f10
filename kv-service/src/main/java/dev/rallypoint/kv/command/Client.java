package dev.rallypoint.kv.command;

/** What a connection carries between commands: its id, its name, and whether to close. */
public final class Client {

    private final long id;
    private final String address;
    private byte[] name;
    private boolean closing;
    private boolean authenticated;
    private boolean wrote;
    private long replyDelay;

    public Client(long id, String address, boolean authenticated) {
        this.id = id;
        this.address = address;
        this.authenticated = authenticated;
    }

    /** The client's IP address, which failed passwords are counted by. */
    public String address() {
        return address;
    }

    public boolean authenticated() {
        return authenticated;
    }

    public void authenticated(boolean authenticated) {
        this.authenticated = authenticated;
    }

    /** Whether a write ran since the last call: its reply must wait until the write is durable. */
    public boolean takeWrote() {
        boolean w = wrote;
        wrote = false;
        return w;
    }

    void wrote() {
        wrote = true;
    }

    /** How long to hold back the replies so far (a failed AUTH), then 0 again; in ms. */
    public long takeReplyDelay() {
        long d = replyDelay;
        replyDelay = 0;
        return d;
    }

    public void replyDelay(long millis) {
        replyDelay = Math.max(replyDelay, millis);
    }

    public long id() {
        return id;
    }

    public byte[] name() {
        return name;
    }

    void name(byte[] name) {
        this.name = name;
    }

    /** Set by QUIT: the connection closes once the reply is written. */
    public boolean closing() {
        return closing;
    }

    void close() {
        closing = true;
    }
}
