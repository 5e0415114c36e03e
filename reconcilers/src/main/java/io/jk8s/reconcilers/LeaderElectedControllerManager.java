package io.jk8s.reconcilers;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jk8s.component.events.EventRecorder;
import io.jk8s.component.events.EventSink;
import io.jk8s.reconcilers.leaderelection.LeaderElection;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kube-controller-manager's {@code --leader-elect}: of all the processes that could run the
 * controllers against one API server, only the holder of the Lease
 * {@code kube-system/kube-controller-manager} does; the others wait to take over when it stops
 * renewing. The scheduler runs inside {@link ControllerManager} on the same informers, so this one
 * Lease also stands for kube-scheduler's {@code kube-system/kube-scheduler}: a second Lease would
 * always be held by the same process.
 *
 * <p>As in kube-controller-manager, informers start only once leading, so a standby costs no watches.
 */
public final class LeaderElectedControllerManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaderElectedControllerManager.class);

    public static final String LEASE_NAMESPACE = "kube-system";
    public static final String LEASE_NAME = "kube-controller-manager";

    /** What a process does once it finds it no longer leads. */
    public enum OnLostLease {
        /**
         * kube-controller-manager's choice ("leaderelection lost", exit status 1): the deposed
         * leader's memory (queued keys, expectations, the scheduler's assumed pods) may be stale,
         * and a fresh process started by its supervisor begins clean as a standby.
         */
        EXIT,
        /**
         * Stop the controllers and stand as a candidate again, with new informers and queues: for
         * a process that must keep serving something else (the all-in-one server's API).
         */
        STAND_AGAIN
    }

    @FunctionalInterface
    private interface Starter {
        ControllerManager start() throws Exception;
    }

    private final KubernetesClient client;
    private final Starter starter;
    private final OnLostLease onLost;
    private final String identity;
    private final EventSink events;
    private final EventRecorder recorder;
    // guarded by this; a term is one campaign, so a late start of a term that already ended is discarded
    private int term;
    private LeaderElection election;
    private ControllerManager running;
    private boolean closed;

    private LeaderElectedControllerManager(KubernetesClient client, String identity, Starter starter, OnLostLease onLost) {
        this.client = client;
        this.identity = identity;
        this.starter = starter;
        this.onLost = onLost;
        this.events = new EventSink(client, Clock.systemUTC());
        this.recorder = events.recorder("kube-controller-manager");
    }

    /**
     * Campaigns as {@code identity} (see {@link LeaderElection#identity()}); when elected, starts a
     * {@link ControllerManager} with informers of its own.
     */
    public static LeaderElectedControllerManager start(KubernetesClient client, String identity,
            ControllerManagerConfiguration configuration, OnLostLease onLost) {
        return campaign(new LeaderElectedControllerManager(client, identity,
                () -> ControllerManager.start(client, configuration), onLost));
    }

    /** Likewise, sharing pod and node informers the caller runs (see {@link ControllerManager}). */
    public static LeaderElectedControllerManager start(KubernetesClient client, String identity,
            ControllerManagerConfiguration configuration, SharedIndexInformer<Pod> pods, SharedIndexInformer<Node> nodes,
            OnLostLease onLost) {
        return campaign(new LeaderElectedControllerManager(client, identity,
                () -> ControllerManager.start(client, configuration, pods, nodes), onLost));
    }

    private static LeaderElectedControllerManager campaign(LeaderElectedControllerManager manager) {
        manager.campaign();
        return manager;
    }

    public String identity() {
        return identity;
    }

    private synchronized void campaign() {
        if (closed) {
            return;
        }
        int thisTerm = ++term;
        // released on close: a standby (or this server restarted) takes over within a retry period, not a lease duration
        election = LeaderElection.start(client, LEASE_NAMESPACE, LEASE_NAME, identity,
                () -> startedLeading(thisTerm), () -> stoppedLeading(thisTerm), true);
    }

    private void startedLeading(int thisTerm) {
        log.info("successfully acquired lease {}/{} as {}; starting controllers", LEASE_NAMESPACE, LEASE_NAME, identity);
        recordOnLease("became leader");
        ControllerManager started;
        try {
            started = starter.start();
        } catch (Exception e) {
            // holding the Lease while doing nothing would keep a working standby out
            log.error("controllers failed to start while leading; giving up the lease", e);
            resign(thisTerm);
            return;
        }
        synchronized (this) {
            if (!closed && thisTerm == term) {
                running = started;
                return;
            }
        }
        // leading ended while the informers were listing
        started.close();
    }

    private void resign(int thisTerm) {
        LeaderElection ending;
        synchronized (this) {
            if (closed || thisTerm != term) {
                return;
            }
            ending = election;
            term++;
        }
        ending.close();
        // stand aside for a lease duration, so another candidate can take over rather than this one failing again at once
        afterLeading(LeaderElection.LEASE_DURATION);
    }

    /** Called on the elector's thread, so it must not wait for anything the elector holds. */
    private void stoppedLeading(int thisTerm) {
        ControllerManager stopping;
        synchronized (this) {
            if (closed || thisTerm != term) {
                return;
            }
            stopping = running;
            running = null;
            term++;
        }
        // stop acting before the Lease can expire for others: the renew deadline (10 s) ends 5 s before it does
        if (stopping != null) {
            stopping.close();
        }
        log.error("leaderelection lost: {} no longer holds lease {}/{}", identity, LEASE_NAMESPACE, LEASE_NAME);
        afterLeading(Duration.ZERO);
    }

    private void afterLeading(Duration standAside) {
        recordOnLease("stopped leading");
        if (onLost == OnLostLease.EXIT) {
            // not on this thread: System.exit waits for shutdown hooks, and ours closes the elector that called us
            Thread exit = new Thread(() -> System.exit(1), "leaderelection-lost-exit");
            exit.start();
        } else {
            CompletableFuture.delayedExecutor(standAside.toMillis(), TimeUnit.MILLISECONDS).execute(this::campaign);
        }
    }

    /**
     * client-go's resourcelock records "{identity} became leader" / "stopped leading" as Events on
     * the Lease. Off the caller's thread: the Lease is read for its uid, and the API may be the
     * very thing that is not answering.
     */
    private void recordOnLease(String what) {
        CompletableFuture.runAsync(() -> {
            Lease lease = client.leases().inNamespace(LEASE_NAMESPACE).withName(LEASE_NAME).get();
            if (lease != null) {
                recorder.normal(lease, "LeaderElection", identity + " " + what);
            }
        }).exceptionally(e -> {
            log.debug("cannot record the LeaderElection event: {}", e.toString());
            return null;
        });
    }

    /** Stops the controllers first, then releases the Lease, so no two processes ever act at once. */
    @Override
    public void close() {
        LeaderElection ending;
        ControllerManager stopping;
        synchronized (this) {
            closed = true;
            ending = election;
            stopping = running;
            running = null;
        }
        if (stopping != null) {
            stopping.close();
        }
        if (ending != null) {
            ending.close();
        }
        events.close();
    }
}
