package io.jk8s.component.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core/v1 Events for every component's {@link EventRecorder}, off the controllers'
 * threads, as client-go's broadcaster and EventCorrelator do (tools/record/events_cache.go):
 * a repeat of the same event (same source, object, type, reason and message) bumps {@code count}
 * and {@code lastTimestamp} of the event already written instead of adding one; each source may
 * write 25 events about one object at once, then one per 5 minutes (the spam filter); events
 * beyond a queue of 1,000 are dropped rather than slowing the controllers.
 */
public final class EventSink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventSink.class);
    private static final int CACHE_ENTRIES = 4096;
    private static final double BURST = 25;
    private static final double REFILL_PER_SECOND = 1.0 / 300;

    private final KubernetesClient client;
    private final Clock clock;
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1000),
            runnable -> {
                Thread thread = new Thread(runnable, "event-sink");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());
    /** Only the sender thread touches these two. */
    private final Map<String, Written> written = lru();
    private final Map<String, double[]> buckets = lru();

    private record Written(String namespace, String name, int count, String firstTimestamp) {}

    public EventSink(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public EventRecorder recorder(String component) {
        return new EventRecorder(this, component, "");
    }

    /** A recorder for a component that runs on one host, as the kubelet: it names the node as source host and reporting instance. */
    public EventRecorder recorder(String component, String host) {
        return new EventRecorder(this, component, host);
    }

    /** @param fieldPath the part of the object the event is about, such as {@code spec.containers{app}}, or null */
    void record(String component, String host, HasMetadata object, String fieldPath, String type, String reason, String message) {
        Instant now = clock.instant();
        ObjectReference involved = reference(object, fieldPath);
        sender.execute(() -> {
            try {
                write(component, host, involved, type, reason, message, now);
            } catch (RuntimeException e) {
                log.debug("event {} {} for {} not written: {}", reason, message, involved.getName(), e.toString());
            }
        });
    }

    private void write(String component, String host, ObjectReference involved, String type, String reason, String message,
                       Instant now) {
        String objectKey = String.join("\u0000", component, host, involved.getKind(), involved.getNamespace(), involved.getName(),
                involved.getUid(), String.valueOf(involved.getFieldPath()));
        if (!allowed(objectKey, now)) {
            return;
        }
        String key = String.join("\u0000", objectKey, type, reason, message);
        String timestamp = now.truncatedTo(ChronoUnit.SECONDS).toString();
        Written previous = written.get(key);
        if (previous != null) {
            int count = previous.count() + 1;
            try {
                client.v1().events().inNamespace(previous.namespace()).withName(previous.name())
                        .patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
                                client.getKubernetesSerialization().asJson(
                                        Map.of("count", count, "lastTimestamp", timestamp, "message", message)));
                written.put(key, new Written(previous.namespace(), previous.name(), count, previous.firstTimestamp()));
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
            }
        }
        String namespace = involved.getNamespace() == null || involved.getNamespace().isEmpty() ? "default" : involved.getNamespace();
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        Event event = new EventBuilder()
                .withNewMetadata().withName(involved.getName() + "." + Long.toHexString(nanos)).withNamespace(namespace).endMetadata()
                .withInvolvedObject(involved)
                .withType(type).withReason(reason).withMessage(message)
                .withFirstTimestamp(timestamp).withLastTimestamp(timestamp).withCount(1)
                .withNewSource().withComponent(component).withHost(host.isEmpty() ? null : host).endSource()
                .withReportingComponent(component).withReportingInstance(host)
                .build();
        client.v1().events().inNamespace(namespace).resource(event).create();
        written.put(key, new Written(namespace, event.getMetadata().getName(), 1, timestamp));
    }

    /** A token bucket per source and object. */
    private boolean allowed(String objectKey, Instant now) {
        double seconds = now.toEpochMilli() / 1000.0;
        double[] bucket = buckets.computeIfAbsent(objectKey, k -> new double[] {BURST, seconds});
        bucket[0] = Math.min(BURST, bucket[0] + (seconds - bucket[1]) * REFILL_PER_SECOND);
        bucket[1] = seconds;
        if (bucket[0] < 1) {
            return false;
        }
        bucket[0] -= 1;
        return true;
    }

    private static ObjectReference reference(HasMetadata object, String fieldPath) {
        return new ObjectReferenceBuilder()
                .withFieldPath(fieldPath)
                .withApiVersion(object.getApiVersion()).withKind(object.getKind())
                .withNamespace(object.getMetadata().getNamespace()).withName(object.getMetadata().getName())
                .withUid(object.getMetadata().getUid()).withResourceVersion(object.getMetadata().getResourceVersion())
                .build();
    }

    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > CACHE_ENTRIES;
            }
        };
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
