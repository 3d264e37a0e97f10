package dev.rallypoint.kv;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A test client on a plain socket: sends raw bytes, reads replies back as their exact bytes. */
public final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawClient(int port) throws IOException {
        this(port, "127.0.0.1");
    }

    /** A client connecting from another loopback address (127.0.0.2, ...), as a second machine would. */
    public RawClient(int port, String fromAddress) throws IOException {
        this(port, fromAddress, 0);
    }

    /**
     * With {@code receiveBuffer} bytes of kernel buffer (0: the system's, growing as it reads): a
     * small one fills at once when the client does not read.
     */
    public RawClient(int port, String fromAddress, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.bind(new java.net.InetSocketAddress(InetAddress.getByName(fromAddress), 0));
        socket.connect(new java.net.InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
        socket.setSoTimeout(5000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public void send(String raw) throws IOException {
        send(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    public void send(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    /** Sends a command as a RESP multibulk and returns the whole reply, CRLFs included. */
    public String call(String... args) throws IOException {
        send(multibulk(args));
        return reply();
    }

    public static String multibulk(String... args) {
        StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            b.append('$').append(a.getBytes(StandardCharsets.ISO_8859_1).length).append("\r\n").append(a).append("\r\n");
        }
        return b.toString();
    }

    /** One RESP reply, exactly as received. */
    public String reply() throws IOException {
        String line = line();
        StringBuilder b = new StringBuilder(line);
        switch (line.charAt(0)) {
            case '$' -> {
                int n = Integer.parseInt(line.substring(1, line.length() - 2));
                if (n >= 0) {
                    b.append(new String(in.readNBytes(n + 2), StandardCharsets.ISO_8859_1));
                }
            }
            case '*' -> {
                int n = Integer.parseInt(line.substring(1, line.length() - 2));
                for (int i = 0; i < n; i++) {
                    b.append(reply());
                }
            }
            default -> {
            }
        }
        return b.toString();
    }

    /** One line up to and including its \n. */
    public String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            line.write(c);
            if (c == '\n') {
                return line.toString(StandardCharsets.ISO_8859_1);
            }
        }
        throw new IOException("closed after " + line.toString(StandardCharsets.ISO_8859_1));
    }

    /**
     * Everything the server sends until it closes the connection. A server that closes with our
     * bytes still unread in its buffer makes the kernel send a reset: the end too.
     */
    public String rest() throws IOException {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        try {
            int c;
            while ((c = in.read()) != -1) {
                rest.write(c);
            }
        } catch (java.net.SocketException reset) {
            // Closed.
        }
        return rest.toString(StandardCharsets.ISO_8859_1);
    }

    /** True when the server closes the connection (end of stream) within the socket timeout. */
    public boolean closedByServer() throws IOException {
        try {
            while (true) {
                if (in.read() == -1) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            // A reset is a close too.
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
