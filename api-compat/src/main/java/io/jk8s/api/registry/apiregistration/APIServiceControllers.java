package io.jk8s.api.registry.apiregistration;

import io.fabric8.kubernetes.api.model.APIService;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.ResourceType;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The APIService controllers kube-apiserver runs in-process (its kube-apiserver-autoregistration
 * and apiservice-status-available-controller post-start hooks): one worker thread, woken by writes
 * of APIServices, of Services and Endpoints while an APIService is backed by one, by changes of the
 * served CRD versions, and every 30 seconds as the availability controller resyncs. Each pass is
 * level-triggered over everything.
 */
public final class APIServiceControllers {

    private static final Logger log = LoggerFactory.getLogger(APIServiceControllers.class);

    private final AutoRegistration autoRegistration;
    private final AvailabilityController availability;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "apiservice-controllers");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean queued = new AtomicBoolean();

    private APIServiceControllers(Registry registry, Clock clock, AggregatedAPIServices aggregated) {
        ResourceType<APIService> apiServices = type(registry, APIServiceStrategy.GROUP, "apiservices");
        this.autoRegistration = new AutoRegistration(registry.table(), registry.storeFor(apiServices));
        this.availability = new AvailabilityController(registry.storeFor(apiServices),
                registry.storeFor(type(registry, "", "services")), registry.storeFor(type(registry, "", "endpoints")), clock,
                aggregated);
        registry.onCommit(apiServices, this::trigger);
        // only the availability of service-backed APIServices depends on these, and a cluster mostly has none:
        // a simulated cluster's Endpoints churn must not run a pass over every APIService per write
        registry.onCommit(type(registry, "", "services"), this::triggerForBackends);
        registry.onCommit(type(registry, "", "endpoints"), this::triggerForBackends);
        registry.onCustomServed(this::trigger);
    }

    /**
     * Registers the local APIServices and their status before returning (kube's readyz waits for
     * autoregister-completion too), then keeps them and {@code aggregated} in sync in the background.
     * Blocks on storage.
     */
    public static APIServiceControllers start(Registry registry, Clock clock, AggregatedAPIServices aggregated) {
        APIServiceControllers controllers = new APIServiceControllers(registry, clock, aggregated);
        long started = System.nanoTime();
        try {
            controllers.worker.submit(controllers::pass).get();
            log.info("local APIServices registered in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        controllers.worker.scheduleWithFixedDelay(controllers::trigger, 30, 30, TimeUnit.SECONDS);
        return controllers;
    }

    private void triggerForBackends() {
        if (availability.hasServiceBacked()) {
            trigger();
        }
    }

    private void trigger() {
        if (queued.compareAndSet(false, true)) {
            worker.submit(this::pass);
        }
    }

    private Void pass() {
        queued.set(false);
        try {
            autoRegistration.reconcile();
            availability.reconcile();
        } catch (RuntimeException e) {
            log.warn("APIService sync failed; retrying in 1s", e);
            worker.schedule(this::trigger, 1, TimeUnit.SECONDS);
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> ResourceType<T> type(Registry registry,
                                                                                                 String group, String plural) {
        return (ResourceType<T>) registry.table().find(group, "v1", plural).orElseThrow();
    }
}
