package io.jk8s.node.proxy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes cluster IPs reachable from pods (and from this host) with iptables DNAT rules, as kube-proxy's
 * iptables mode does. Shared entry chains ({@code JK8S-SERVICES}, {@code JK8S-MARK-MASQ},
 * {@code JK8S-POSTROUTING}) are hooked from the built-in chains once, restricted to traffic from the pod
 * network or from this host towards the service range; each jk8s process keeps its own rules in chains
 * named after its process id (see {@link ClusterIpRules}) and rewrites them with one
 * {@code iptables-restore} per change, so endpoint changes take effect in milliseconds. Traffic from pods
 * to a cluster IP that no rule serves is rejected, so it never leaves the machine. Chains of jk8s
 * processes that no longer run are removed at start.
 */
final class IptablesProxier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IptablesProxier.class);
    /** kube-proxy's default --iptables-sync-period: rules are rewritten at least this often, in case someone flushed them. */
    private static final long RESYNC_SECONDS = 30;
    private static final Pattern INSTANCE_CHAIN = Pattern.compile("^:(JK8S-(?:SVCS|SVC|SEP)-(\\d+)\\S*) ", Pattern.MULTILINE);
    private static final Path BRIDGE_NF_CALL_IPTABLES = Path.of("/proc/sys/net/bridge/bridge-nf-call-iptables");

    private final Iptables iptables;
    private final ClusterIpRules rules;
    private final String podSubnet;
    private final String serviceCidr;
    private final Supplier<List<ClusterIpRules.ServicePortRule>> wanted;
    private final ScheduledExecutorService syncer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "iptables-proxier");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean pending = new AtomicBoolean();
    /** The instance's nat chains as last written: a chain missing from the next sync is deleted. */
    private Set<String> chains = Set.of();
    private volatile boolean closed;

    private IptablesProxier(Iptables iptables, String podSubnet, String serviceCidr, boolean masqueradeAll,
                            Supplier<List<ClusterIpRules.ServicePortRule>> wanted) {
        this.iptables = iptables;
        this.podSubnet = podSubnet;
        this.serviceCidr = serviceCidr;
        this.wanted = wanted;
        this.rules = new ClusterIpRules(ProcessHandle.current().pid(), podSubnet, masqueradeAll);
    }

    /**
     * Installs the rules for what {@code wanted} returns now and after every {@link #requestSync()}; null,
     * with a warning, when iptables cannot be used here (no binary, not root).
     */
    static IptablesProxier start(String podSubnet, String serviceCidr, Supplier<List<ClusterIpRules.ServicePortRule>> wanted) {
        Iptables iptables = new Iptables();
        Iptables.Result probe = iptables.run("nat", "-S", "POSTROUTING");
        if (!probe.ok()) {
            log.warn("service proxy: iptables is not usable ({}), so cluster IPs are not reachable from pods;"
                    + " node ports still work", probe.output().strip());
            return null;
        }
        boolean bridgeNetfilter = bridgeNetfilter();
        if (!bridgeNetfilter) {
            log.info("service proxy: {} is not 1 (br_netfilter not loaded): service traffic between pods is masqueraded",
                    BRIDGE_NF_CALL_IPTABLES);
        }
        IptablesProxier proxier = new IptablesProxier(iptables, podSubnet, serviceCidr, !bridgeNetfilter, wanted);
        try {
            proxier.removeChainsOfExitedProcesses();
            proxier.ensureEntryChains();
            proxier.syncNow();
            proxier.ensureJumps();
        } catch (RuntimeException e) {
            log.warn("service proxy: cannot install iptables rules, so cluster IPs are not reachable from pods: {}", e.getMessage());
            proxier.close();
            return null;
        }
        proxier.syncer.scheduleWithFixedDelay(proxier::resync, RESYNC_SECONDS, RESYNC_SECONDS, TimeUnit.SECONDS);
        log.info("service proxy: cluster IPs of {} reachable from {} through iptables chain {}", serviceCidr, podSubnet,
                proxier.rules.instanceChain());
        return proxier;
    }

    /** Rewrites the rules soon; requests while one is waiting collapse into it. */
    void requestSync() {
        if (!closed && pending.compareAndSet(false, true)) {
            syncer.execute(() -> {
                pending.set(false);
                quietly(this::syncNow);
            });
        }
    }

    private synchronized void syncNow() {
        if (closed) {
            return;
        }
        long started = System.nanoTime();
        List<ClusterIpRules.ServicePortRule> ports = wanted.get();
        ClusterIpRules.Payload payload = rules.payload(ports, chains);
        iptables.restore(payload.nat() + payload.filter());
        chains = payload.natChains();
        log.debug("service proxy: rules for {} service ports written in {} ms", ports.size(), (System.nanoTime() - started) / 1_000_000);
    }

    private void resync() {
        quietly(() -> {
            ensureEntryChains();
            syncNow();
            ensureJumps();
        });
    }

    private void quietly(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            if (!closed) {
                log.warn("service proxy: iptables sync failed: {}", e.getMessage());
            }
        }
    }

    /**
     * The entry chains and their hooks, shared by all jk8s processes on the machine and left in place
     * when one exits (like Docker's chains): another may be using them.
     */
    private void ensureEntryChains() {
        for (String table : List.of("nat", "filter")) {
            iptables.run(table, "-N", ClusterIpRules.SERVICES); // exists already: fine
        }
        iptables.run("nat", "-N", ClusterIpRules.MARK_MASQ);
        iptables.run("nat", "-N", ClusterIpRules.POSTROUTING);
        Map<List<String>, String> hooks = new LinkedHashMap<>();
        hooks.put(List.of("nat", "PREROUTING", "-s", podSubnet, "-d", serviceCidr, "-m", "comment", "--comment",
                "jk8s service portals", "-j", ClusterIpRules.SERVICES), "-I");
        hooks.put(List.of("nat", "OUTPUT", "-d", serviceCidr, "-m", "comment", "--comment", "jk8s service portals",
                "-j", ClusterIpRules.SERVICES), "-I");
        hooks.put(List.of("nat", "POSTROUTING", "-m", "comment", "--comment", "jk8s postrouting rules",
                "-j", ClusterIpRules.POSTROUTING), "-I");
        hooks.put(List.of("nat", ClusterIpRules.MARK_MASQ, "-j", "MARK", "--or-mark", ClusterIpRules.MASQ_MARK), "-A");
        hooks.put(List.of("nat", ClusterIpRules.POSTROUTING, "-m", "mark", "!", "--mark",
                ClusterIpRules.MASQ_MARK + "/" + ClusterIpRules.MASQ_MARK, "-j", "RETURN"), "-A");
        hooks.put(List.of("nat", ClusterIpRules.POSTROUTING, "-j", "MARK", "--xor-mark", ClusterIpRules.MASQ_MARK), "-A");
        hooks.put(List.of("nat", ClusterIpRules.POSTROUTING, "-m", "comment", "--comment",
                "jk8s service traffic requiring SNAT", "-j", "MASQUERADE"), "-A");
        // filter: only what no DNAT rule took still has a service address here
        hooks.put(List.of("filter", "FORWARD", "-s", podSubnet, "-d", serviceCidr, "-m", "conntrack", "--ctstate", "NEW",
                "-m", "comment", "--comment", "jk8s service portals", "-j", ClusterIpRules.SERVICES), "-I");
        hooks.put(List.of("filter", "OUTPUT", "-d", serviceCidr, "-m", "conntrack", "--ctstate", "NEW",
                "-m", "comment", "--comment", "jk8s service portals", "-j", ClusterIpRules.SERVICES), "-I");
        hooks.put(List.of("filter", ClusterIpRules.SERVICES, "-s", podSubnet, "-m", "comment", "--comment",
                "jk8s: no such service", "-j", "REJECT", "--reject-with", "icmp-port-unreachable"), "-A");
        hooks.forEach((rule, verb) -> ensure(rule, verb));
    }

    /** The jump to this process's chains, first in the shared chain so that the newest process wins a clash of cluster IPs. */
    private void ensureJumps() {
        List<String> jump = prepend(ClusterIpRules.SERVICES, rules.jump());
        ensure(prepend("nat", jump), "-I");
        ensure(prepend("filter", jump), "-I");
    }

    private static List<String> prepend(String head, List<String> tail) {
        List<String> all = new ArrayList<>(List.of(head));
        all.addAll(tail);
        return all;
    }

    /** {@code rule} is table, chain, spec...; added with {@code verb} (-I or -A) unless {@code -C} finds it. */
    private void ensure(List<String> rule, String verb) {
        String table = rule.get(0);
        List<String> chainAndSpec = rule.subList(1, rule.size());
        if (iptables.run(table, prepend("-C", chainAndSpec).toArray(String[]::new)).ok()) {
            return;
        }
        Iptables.Result added = iptables.run(table, prepend(verb, chainAndSpec).toArray(String[]::new));
        if (!added.ok()) {
            throw new IllegalStateException("iptables -t " + table + " " + verb + " " + String.join(" ", chainAndSpec) + ": "
                    + added.output().strip());
        }
    }

    /** A process killed without closing leaves its chains behind; they are known by the process id in their names. */
    private void removeChainsOfExitedProcesses() {
        for (String table : List.of("nat", "filter")) {
            String saved = iptables.save(table);
            Set<String> stale = new LinkedHashSet<>();
            Set<Long> pids = new LinkedHashSet<>();
            Matcher m = INSTANCE_CHAIN.matcher(saved);
            while (m.find()) {
                long pid = Long.parseLong(m.group(2));
                if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty()) {
                    stale.add(m.group(1));
                    pids.add(pid);
                }
            }
            if (stale.isEmpty()) {
                continue;
            }
            List<String> jumps = saved.lines().filter(l -> l.startsWith("-A " + ClusterIpRules.SERVICES + " ")
                    && pids.stream().anyMatch(pid -> l.endsWith("-j JK8S-SVCS-" + pid))).toList();
            iptables.restore(ClusterIpRules.flushAndDelete(table, stale, jumps));
            log.info("service proxy: removed {} iptables chains ({}) of jk8s processes {} that no longer run", stale.size(), table, pids);
        }
    }

    private static boolean bridgeNetfilter() {
        try {
            return Files.readString(BRIDGE_NF_CALL_IPTABLES).strip().equals("1");
        } catch (Exception e) {
            return false;
        }
    }

    /** Removes the jumps to this process's chains and the chains; the shared entry chains stay. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        syncer.shutdownNow();
        for (String table : List.of("nat", "filter")) {
            iptables.run(table, prepend("-D", prepend(ClusterIpRules.SERVICES, rules.jump())).toArray(String[]::new));
        }
        ClusterIpRules.Payload deletion = rules.deletion(chains);
        for (String payload : List.of(deletion.nat(), deletion.filter())) {
            try {
                iptables.restore(payload);
            } catch (RuntimeException e) {
                log.warn("service proxy: could not remove iptables chains of {}: {}", rules.instanceChain(), e.getMessage());
            }
        }
    }
}
