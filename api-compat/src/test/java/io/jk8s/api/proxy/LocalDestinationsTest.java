package io.jk8s.api.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.api.errors.ApiException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LocalDestinationsTest {

    @Test
    void loopbackIsLocal() {
        assertTrue(LocalDestinations.isLocal("127.0.0.1"));
        assertTrue(LocalDestinations.isLocal("127.3.4.5"));
        assertTrue(LocalDestinations.isLocal("::1"));
        assertTrue(LocalDestinations.isLocal("localhost"));
    }

    /** A made-up address (a simulated node's) and names, which are not resolved. */
    @Test
    void addressesNoInterfaceServesAreRefusedWithGoWording() {
        assertFalse(LocalDestinations.isLocal("198.51.100.10"));
        assertFalse(LocalDestinations.isLocal("kubelet.example"));
        ApiException refused = assertThrows(ApiException.class,
                () -> LocalDestinations.check(new ConnectTarget(true, "198.51.100.10", 10250, "/containerLogs/default/p/c")));
        assertEquals(503, refused.code());
        assertEquals("error trying to reach service: dial tcp 198.51.100.10:10250: connect: network is unreachable",
                refused.getMessage());
    }

    /**
     * A neighbour on a network inside the machine (a bridge) is local; one on the network of the
     * default route's interface (the LAN) is not.
     */
    @Test
    void onlyNetworksOffTheDefaultRouteAreLocal() throws Exception {
        ConnectTarget loopback = new ConnectTarget(false, "127.0.0.1", 8080, "/");
        assertSame(loopback, LocalDestinations.check(loopback));
        Set<String> outward = new HashSet<>();
        for (String line : Files.readAllLines(Path.of("/proc/net/route"))) {
            String[] fields = line.trim().split("\\s+");
            if (fields[1].equals("00000000")) {
                outward.add(fields[0]);
            }
        }
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InterfaceAddress bound : nic.getInterfaceAddresses()) {
                if (nic.isUp() && !nic.isLoopback() && bound.getAddress() instanceof Inet4Address
                        && bound.getNetworkPrefixLength() > 0 && bound.getNetworkPrefixLength() <= 30) {
                    byte[] neighbour = bound.getAddress().getAddress();
                    neighbour[3] ^= 1; // same /30 or wider network, another host
                    String address = InetAddress.getByAddress(neighbour).getHostAddress();
                    assertEquals(!outward.contains(nic.getName()), LocalDestinations.isLocal(address), nic.getName() + " " + bound);
                }
            }
        }
    }
}
