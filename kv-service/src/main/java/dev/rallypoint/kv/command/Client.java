package dev.rallypoint.kv.command;

/** What a connection carries between commands: its id, its name, and whether to close. */
public final class Client {

    private final long id;
    private byte[] name;
    private boolean closing;

    public Client(long id) {
        this.id = id;
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
