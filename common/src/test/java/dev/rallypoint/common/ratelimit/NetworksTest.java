package dev.rallypoint.common.ratelimit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NetworksTest {

    @Test
    void anIpv4AddressIsOneCaller() {
        assertEquals("203.0.113.7", Networks.of("203.0.113.7"));
    }

    @Test
    void everyAddressOfAnIpv6SlashSixtyFourIsOneCaller() {
        assertEquals("2001:db8:0:1::/64", Networks.of("2001:db8:0:1:aaaa:bbbb:cccc:dddd"));
        assertEquals("2001:db8:0:1::/64", Networks.of("2001:0db8:0000:0001::1"));
        assertEquals("2001:db8:0:2::/64", Networks.of("2001:db8:0:2::1"));
        assertEquals("0:0:0:0::/64", Networks.of("::1"));
    }

    @Test
    void anIpv4MappedAddressIsItsIpv4Address() {
        assertEquals("198.51.100.1", Networks.of("::ffff:198.51.100.1"));
    }
}
