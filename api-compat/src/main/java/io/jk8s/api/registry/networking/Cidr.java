package io.jk8s.api.registry.networking;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IP block such as {@code 10.0.0.0/16} (netutils.ParseCIDRSloppy), for NetworkPolicy ipBlocks. */
record Cidr(BigInteger network, int bits, int prefix) {

    static final String INVALID = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";

    /** The block, or null when {@code text} is not an address and prefix length. */
    static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String address = text.substring(0, slash);
        // only literals reach InetAddress, so it never looks a name up
        if (!HostNames.isIp(address)) {
            return null;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            int bits = bytes.length * 8;
            int prefix = Integer.parseInt(text.substring(slash + 1));
            if (prefix < 0 || prefix > bits) {
                return null;
            }
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
            return new Cidr(new BigInteger(1, bytes).and(mask), bits, prefix);
        } catch (UnknownHostException | NumberFormatException e) {
            return null;
        }
    }

    /** Whether {@code other} lies inside this block and is smaller than it. */
    boolean strictlyContains(Cidr other) {
        if (other.bits != bits || other.prefix <= prefix) {
            return false;
        }
        return other.network.shiftRight(bits - prefix).equals(network.shiftRight(bits - prefix));
    }
}
