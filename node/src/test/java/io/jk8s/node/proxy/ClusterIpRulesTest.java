package io.jk8s.node.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterIpRulesTest {

    private final ClusterIpRules rules = new ClusterIpRules(4194304, "10.244.0.0/16", false);

    private static ClusterIpRules.ServicePortRule web(InetSocketAddress... endpoints) {
        return new ClusterIpRules.ServicePortRule("default", "web", "http", "TCP", "10.96.0.7", 80, List.of(endpoints));
    }

    @Test
    void spreadsOverEndpointsWithDecreasingProbabilitiesAndDnatsToEach() {
        ClusterIpRules.Payload p = rules.payload(List.of(web(new InetSocketAddress("10.244.0.3", 8080),
                new InetSocketAddress("10.244.0.4", 8080), new InetSocketAddress("10.244.0.5", 8080))), Set.of());
        List<String> nat = p.nat().lines().toList();
        String svc = nat.stream().filter(l -> l.startsWith("-A JK8S-SVCS-4194304 -d 10.96.0.7/32 -p tcp")).findFirst().orElseThrow();
        assertTrue(svc.contains("--comment \"default/web:http cluster IP\" -m tcp --dport 80 -j JK8S-SVC-4194304-"), svc);
        String svcChain = svc.substring(svc.lastIndexOf(' ') + 1);
        List<String> picks = nat.stream().filter(l -> l.startsWith("-A " + svcChain + " -m comment")).toList();
        assertEquals(3, picks.size());
        assertTrue(picks.get(0).contains("--probability 0.3333333333 -j JK8S-SEP-"), picks.get(0));
        assertTrue(picks.get(1).contains("--probability 0.5000000000 -j JK8S-SEP-"), picks.get(1));
        assertFalse(picks.get(2).contains("statistic"), picks.get(2));
        assertTrue(nat.contains("-A " + svcChain + " ! -s 10.244.0.0/16 -j JK8S-MARK-MASQ"), p.nat());
        assertEquals(3, nat.stream().filter(l -> l.matches("-A JK8S-SEP-\\S+ -p tcp -m tcp -j DNAT --to-destination 10\\.244\\.0\\.[345]:8080")).count());
        assertEquals(1, nat.stream().filter(l -> l.matches("-A JK8S-SEP-\\S+ -s 10\\.244\\.0\\.4/32 -j JK8S-MARK-MASQ")).count());
        assertEquals("*filter\n:JK8S-SVCS-4194304 - [0:0]\nCOMMIT\n", p.filter());
        assertEquals(5, p.natChains().size());
        p.natChains().forEach(c -> assertTrue(c.length() <= 28, c));
    }

    @Test
    void aServiceWithoutEndpointsIsRejected() {
        ClusterIpRules.Payload p = rules.payload(List.of(web()), Set.of());
        assertEquals("*filter\n:JK8S-SVCS-4194304 - [0:0]\n-A JK8S-SVCS-4194304 -d 10.96.0.7/32 -p tcp -m comment --comment"
                + " \"default/web:http has no endpoints\" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable\nCOMMIT\n",
                p.filter());
        assertEquals("*nat\n:JK8S-SVCS-4194304 - [0:0]\nCOMMIT\n", p.nat());
    }

    @Test
    void chainsNoLongerWantedAreFlushedAndDeleted() {
        ClusterIpRules.Payload before = rules.payload(List.of(web(new InetSocketAddress("10.244.0.3", 8080))), Set.of());
        ClusterIpRules.Payload after = rules.payload(List.of(), before.natChains());
        for (String chain : before.natChains()) {
            if (!chain.equals(rules.instanceChain())) {
                assertTrue(after.nat().contains(":" + chain + " - [0:0]\n") && after.nat().contains("-X " + chain + "\n"), after.nat());
            }
        }
        assertFalse(after.nat().contains("-X " + rules.instanceChain()), after.nat());
    }

    @Test
    void chainNamesBelongToTheirInstance() {
        ClusterIpRules other = new ClusterIpRules(4194305, "10.244.0.0/16", false);
        Set<String> mine = rules.payload(List.of(web(new InetSocketAddress("10.244.0.3", 8080))), Set.of()).natChains();
        Set<String> theirs = other.payload(List.of(web(new InetSocketAddress("10.244.0.3", 8080))), Set.of()).natChains();
        assertNotEquals(mine, theirs);
        theirs.forEach(c -> assertTrue(c.contains("-4194305"), c));
    }

    @Test
    void withoutBridgeNetfilterEveryConnectionIsMasqueraded() {
        String nat = new ClusterIpRules(7, "10.244.0.0/16", true)
                .payload(List.of(web(new InetSocketAddress("10.244.0.3", 8080))), Set.of()).nat();
        assertTrue(nat.lines().anyMatch(l -> l.matches("-A JK8S-SVC-7-\\S+ -j JK8S-MARK-MASQ")), nat);
    }
}
