package io.jk8s.reconcilers.leaderelection;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One campaign for a coordination.k8s.io Lease, with kube-controller-manager's settings
 * ({@code --leader-elect-lease-duration=15s --leader-elect-renew-deadline=10s --leader-elect-retry-period=2s}).
 * fabric8's LeaderElector does client-go's loop: acquire when the Lease is free or its
 * renewTime + leaseDurationSeconds has passed, renew every retry period, give up leading when no
 * renewal succeeded within the renew deadline; every write is an update locked to the
 * resourceVersion read, so of two candidates only one wins (the other gets 409 and retries);
 * leaseTransitions grows by one on each takeover.
 *
 * <p>Unlike client-go, it judges expiry by the Lease's renewTime against the local clock rather
 * than by when this process last saw the record change, so candidates must share a clock (true for
 * processes on one machine, jk8s's case). A campaign is single-use: after it ends, start another.
 */
public final class LeaderElection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);

    public static final Duration LEASE_DURATION = Duration.ofSeconds(15);
    public static final Duration RENEW_DEADLINE = Duration.ofSeconds(10);
    public static final Duration RETRY_PERIOD = Duration.ofSeconds(2);

    // a release against an API server that is gone would otherwise hold shutdown through the client's retries
    private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final CompletableFuture<?> campaign;

    private LeaderElection(String name, CompletableFuture<?> campaign) {
        this.name = name;
        this.campaign = campaign;
    }

    /**
     * @param onStartedLeading run on its own thread, as client-go runs it in a goroutine: fabric8
     *     calls back from inside its renew loop, and a slow start (informers listing everything)
     *     there would let the Lease lapse
     * @param onStoppedLeading run once when leading ends, on the elector's thread
     * @param releaseOnCancel on {@link #close()}, clear holderIdentity so a standby takes over at
     *     its next retry instead of after a full lease duration
     */
    public static LeaderElection start(KubernetesClient client, String namespace, String name, String identity,
            Runnable onStartedLeading, Runnable onStoppedLeading, boolean releaseOnCancel) {
        LeaderCallbacks callbacks = new LeaderCallbacks(
                () -> {
                    Thread leading = new Thread(onStartedLeading, name + "-leading");
                    leading.setDaemon(true);
                    leading.start();
                },
                onceOnly(onStoppedLeading),
                leader -> log.info("lease {}/{} {}", namespace, name, leader == null ? "released" : "now held by " + leader));
        CompletableFuture<?> campaign = client.leaderElector()
                .withConfig(new LeaderElectionConfigBuilder()
                        .withName(name)
                        .withLock(new LeaseLock(namespace, name, identity))
                        .withLeaseDuration(LEASE_DURATION)
                        .withRenewDeadline(RENEW_DEADLINE)
                        .withRetryPeriod(RETRY_PERIOD)
                        .withReleaseOnCancel(releaseOnCancel)
                        .withLeaderCallbacks(callbacks)
                        .build())
                .build()
                .start();
        log.info("attempting to acquire leader lease {}/{} as {}", namespace, name, identity);
        return new LeaderElection(name, campaign);
    }

    /** kube's lock identity: {@code <hostname>_<uuid>}, unique per process even on one host. */
    public static String identity() {
        return hostname() + "_" + UUID.randomUUID();
    }

    /**
     * The same form, with the uuid derived from {@code owner} instead of drawn at random: for a
     * candidate of which at most one process can run at a time (the all-in-one server holds its data
     * directory's store lock). A restart after a crash then finds its own name on the Lease and
     * renews it at once, instead of waiting out the lease duration of the process that died.
     */
    public static String identity(String owner) {
        return hostname() + "_" + UUID.nameUUIDFromBytes(owner.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /**
     * fabric8 reports the end of leading both when it sees another holder and when its renew loop
     * ends; the caller should hear it once.
     */
    private static Runnable onceOnly(Runnable action) {
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                action.run();
            }
        };
    }

    /** Ends the campaign, releasing the Lease if so configured and still held (waiting at most a few seconds). */
    @Override
    public void close() {
        // fabric8 releases on the cancelling thread
        Thread releasing = new Thread(() -> campaign.cancel(true), name + "-release");
        releasing.setDaemon(true);
        releasing.start();
        try {
            releasing.join(RELEASE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
