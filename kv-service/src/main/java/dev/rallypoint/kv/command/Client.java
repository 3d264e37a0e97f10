package dev.rallypoint.kv.command;

/** What a connection carries between commands: its id, its address, its name, whether it has authenticated. */
public final class Client {

    private final long id;
    private final String address;
    private byte[] name;
    private boolean authenticated;

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

    void authenticated(boolean authenticated) {
        this.authenticated = authenticated;
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
}
