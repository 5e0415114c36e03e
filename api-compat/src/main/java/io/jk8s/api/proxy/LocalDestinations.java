package io.jk8s.api.proxy;

import io.jk8s.api.errors.StatusErrors;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps connect requests on this machine. The API server listens on loopback only, so every kubelet,
 * pod and endpoint it can rightly reach is on a loopback address or on a network that lives inside
 * this machine: the container engine's bridges, which are attached to an interface that does not
 * carry the default route. Anything else, a LAN neighbour or an address no node here owns (a
 * simulated node's made-up IP), would be dialed off the machine; it is refused as Go reports an
 * unroutable dial.
 */
final class LocalDestinations {

    /** An IPv4 or IPv6 literal: resolving those never asks a name server. */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:.]*:[0-9a-fA-F:.]*]?");

    private LocalDestinations() {}

    /** {@code target} itself, or null for none; a 503 Status when it is not on this machine. */
    static ConnectTarget check(ConnectTarget target) {
        if (target == null || isLocal(target.host())) {
            return target;
        }
        throw StatusErrors.serviceUnavailable("error trying to reach service: dial tcp " + target.host() + ":" + target.port()
                + ": connect: network is unreachable");
    }

    static boolean isLocal(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        if (!IP_LITERAL.matcher(host).matches()) {
            return false;
        }
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isLoopbackAddress() || onAttachedNetwork(address);
        } catch (UnknownHostException | SocketException e) {
            return false;
        }
    }

    private static boolean onAttachedNetwork(InetAddress address) throws SocketException {
        Set<String> outward = defaultRouteInterfaces();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || outward.contains(nic.getName())) {
                continue;
            }
            for (InterfaceAddress bound : nic.getInterfaceAddresses()) {
                if (samePrefix(bound.getAddress(), address, bound.getNetworkPrefixLength())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The interfaces of the IPv4 default route (Linux's routing table); where that table can't be
     * read (not Linux) none is known, and every attached network counts.
     */
    private static Set<String> defaultRouteInterfaces() {
        Path routes = Path.of("/proc/net/route");
        Set<String> outward = new HashSet<>();
        try {
            for (String line : Files.readAllLines(routes)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 1 && fields[1].equals("00000000")) {
                    outward.add(fields[0]);
                }
            }
        } catch (IOException e) {
            return Set.of();
        }
        return outward;
    }

    private static boolean samePrefix(InetAddress network, InetAddress address, int prefixLength) {
        byte[] a = network.getAddress();
        byte[] b = address.getAddress();
        if (a.length != b.length || prefixLength <= 0) {
            return false;
        }
        int full = Math.min(prefixLength, a.length * 8) / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        int bits = Math.min(prefixLength, a.length * 8) % 8;
        if (bits == 0) {
            return true;
        }
        int mask = 0xff << (8 - bits) & 0xff;
        return (a[full] & mask) == (b[full] & mask);
    }
}
