package io.jk8s.node.proxy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 range such as {@code 10.244.0.0/16}, to keep rules to the pod network and the service range. */
record Ipv4Cidr(String text, long base, long mask) {

    static Ipv4Cidr parse(String cidr) {
        int slash = cidr.indexOf('/');
        int bits = Integer.parseInt(cidr.substring(slash + 1));
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return new Ipv4Cidr(cidr, toLong(cidr.substring(0, slash)) & mask, mask);
    }

    /** Whether {@code address} (a literal; names are never resolved) is in the range. */
    boolean contains(String address) {
        long ip = toLong(address);
        return ip >= 0 && (ip & mask) == base;
    }

    private static long toLong(String literal) {
        if (literal == null || !literal.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return -1;
        }
        try {
            InetAddress address = InetAddress.getByName(literal);
            if (!(address instanceof Inet4Address)) {
                return -1;
            }
            long value = 0;
            for (byte b : address.getAddress()) {
                value = (value << 8) | (b & 0xFF);
            }
            return value;
        } catch (UnknownHostException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
