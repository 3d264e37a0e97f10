package dev.rallypoint.common.ratelimit;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who counts as one caller when callers are counted by address. An IPv4 address is one caller;
 * an IPv6 address is counted by its /64, because a single home or server is handed a whole /64
 * and can pick a fresh address from it for every request.
 */
public final class Networks {

    private static final int IPV6_PREFIX_BYTES = 8;

    private Networks() {
    }

    /** The caller an address literal belongs to, e.g. {@code 203.0.113.7} or {@code 2001:db8:0:1::/64}. */
    public static String of(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        InetAddress parsed;
        try {
            // An IPv6 literal, as the connection gives it, is parsed and never looked up.
            parsed = InetAddress.getByName(address);
        } catch (UnknownHostException notALiteral) {
            return address;
        }
        if (parsed instanceof Inet4Address) {
            return parsed.getHostAddress();
        }
        byte[] bytes = parsed.getAddress();
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < IPV6_PREFIX_BYTES; i += 2) {
            prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
        }
        return prefix.append(":/64").toString();
    }
}
