package io.jk8s.node.proxy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The iptables rules of one proxy instance for its Services' cluster IPs, in iptables-restore format,
 * shaped like kube-proxy's iptables mode (pkg/proxy/iptables/proxier.go): the instance chain matches
 * a cluster IP and port and jumps to that port's {@code SVC} chain, which picks one endpoint's
 * {@code SEP} chain with {@code -m statistic --mode random} (probability 1/n, 1/(n-1), ..., 1), and
 * the {@code SEP} chain DNATs to the endpoint. A Service port without endpoints is rejected in the
 * filter table instead. Every chain name carries the instance (its process id), so two jk8s
 * processes on one machine never write each other's chains.
 */
final class ClusterIpRules {

    /** One port of a Service with a cluster IP, and its ready endpoints on the pod network. */
    record ServicePortRule(String namespace, String service, String port, String protocol, String clusterIp, int servicePort,
                           List<InetSocketAddress> endpoints) {

        String name() {
            return namespace + "/" + service + (port.isEmpty() ? "" : ":" + port);
        }
    }

    /** The nat and filter payloads, and the instance's chains they define (to delete the stale ones next time). */
    record Payload(String nat, String filter, Set<String> natChains) {}

    static final String SERVICES = "JK8S-SERVICES";
    static final String MARK_MASQ = "JK8S-MARK-MASQ";
    static final String POSTROUTING = "JK8S-POSTROUTING";
    /** A mark bit of our own: kube-proxy uses 0x4000 and 0x8000, Docker none. */
    static final String MASQ_MARK = "0x40000";

    private final long instance;
    private final String podSubnet;
    private final boolean masqueradeAll;

    /**
     * @param podSubnet     the pod network: traffic from elsewhere (the host itself) is masqueraded so replies come back
     * @param masqueradeAll without br_netfilter, replies between pods on one bridge bypass conntrack and would never be
     *                      un-DNATed, so every connection is masqueraded to come back through the host
     */
    ClusterIpRules(long instance, String podSubnet, boolean masqueradeAll) {
        this.instance = instance;
        this.podSubnet = podSubnet;
        this.masqueradeAll = masqueradeAll;
    }

    /** The instance chain, jumped to from the shared {@link #SERVICES} chain of both tables. */
    String instanceChain() {
        return "JK8S-SVCS-" + instance;
    }

    /** Rewrites the instance's chains to {@code rules}; {@code previous} chains no longer wanted are deleted. */
    Payload payload(List<ServicePortRule> rules, Set<String> previous) {
        Set<String> chains = new LinkedHashSet<>();
        chains.add(instanceChain());
        List<String> natRules = new ArrayList<>();
        List<String> filterRules = new ArrayList<>();
        for (ServicePortRule r : rules) {
            String proto = r.protocol().toLowerCase(Locale.ROOT);
            String match = "-d " + r.clusterIp() + "/32 -p " + proto + " -m comment --comment \"" + r.name();
            String dport = " -m " + proto + " --dport " + r.servicePort();
            if (r.endpoints().isEmpty()) {
                filterRules.add("-A " + instanceChain() + " " + match + " has no endpoints\"" + dport
                        + " -j REJECT --reject-with icmp-port-unreachable");
                continue;
            }
            String svc = chain("SVC", r.name() + "/" + proto);
            chains.add(svc);
            natRules.add("-A " + instanceChain() + " " + match + " cluster IP\"" + dport + " -j " + svc);
            natRules.add("-A " + svc + (masqueradeAll ? "" : " ! -s " + podSubnet) + " -j " + MARK_MASQ);
            int n = r.endpoints().size();
            for (int i = 0; i < n; i++) {
                InetSocketAddress e = r.endpoints().get(i);
                String address = e.getHostString() + ":" + e.getPort();
                String sep = chain("SEP", r.name() + "/" + proto + "/" + address);
                chains.add(sep);
                String pick = i < n - 1
                        ? " -m statistic --mode random --probability " + String.format(Locale.ROOT, "%.10f", 1.0 / (n - i))
                        : "";
                natRules.add("-A " + svc + " -m comment --comment \"" + r.name() + " -> " + address + "\"" + pick + " -j " + sep);
                // hairpin: a pod reaching itself through its Service must see the reply come from the node
                natRules.add("-A " + sep + " -s " + e.getHostString() + "/32 -j " + MARK_MASQ);
                natRules.add("-A " + sep + " -p " + proto + " -m " + proto + " -j DNAT --to-destination " + address);
            }
        }
        StringBuilder nat = new StringBuilder("*nat\n");
        Set<String> stale = new LinkedHashSet<>(previous);
        stale.removeAll(chains);
        // declaring a chain with --noflush empties it; stale ones are declared so that -X finds them empty
        chains.forEach(c -> nat.append(':').append(c).append(" - [0:0]\n"));
        stale.forEach(c -> nat.append(':').append(c).append(" - [0:0]\n"));
        natRules.forEach(l -> nat.append(l).append('\n'));
        stale.forEach(c -> nat.append("-X ").append(c).append('\n'));
        nat.append("COMMIT\n");
        StringBuilder filter = new StringBuilder("*filter\n:" + instanceChain() + " - [0:0]\n");
        filterRules.forEach(l -> filter.append(l).append('\n'));
        filter.append("COMMIT\n");
        return new Payload(nat.toString(), filter.toString(), chains);
    }

    /** The rule spec in the shared {@link #SERVICES} chain of both tables that leads to this instance's rules. */
    List<String> jump() {
        return List.of("-m", "comment", "--comment", "jk8s pid " + instance, "-j", instanceChain());
    }

    /** Removes every chain of the instance; the jumps to it must be gone first. */
    Payload deletion(Set<String> natChains) {
        Set<String> all = new LinkedHashSet<>(natChains);
        all.add(instanceChain());
        return new Payload(flushAndDelete("nat", all, List.of()), flushAndDelete("filter", Set.of(instanceChain()), List.of()),
                Set.of());
    }

    /** Chains of instances that are gone, in one table: their jumps from {@code SERVICES} are deleted too. */
    static String flushAndDelete(String table, Set<String> chains, List<String> jumps) {
        StringBuilder out = new StringBuilder("*" + table + "\n");
        chains.forEach(c -> out.append(':').append(c).append(" - [0:0]\n"));
        jumps.forEach(j -> out.append(j.replaceFirst("^-A ", "-D ")).append('\n'));
        chains.forEach(c -> out.append("-X ").append(c).append('\n'));
        return out.append("COMMIT\n").toString();
    }

    /**
     * kube-proxy names chains by a hash of the service port (and endpoint) in letters and digits; ours
     * add the instance and stay within iptables' 28 characters.
     */
    private String chain(String kind, String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((instance + "/" + key).getBytes(StandardCharsets.UTF_8));
            String suffix = Base64.getUrlEncoder().withoutPadding().encodeToString(hash)
                    .replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
            String prefix = "JK8S-" + kind + "-" + instance + "-";
            return prefix + suffix.substring(0, 28 - prefix.length());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
