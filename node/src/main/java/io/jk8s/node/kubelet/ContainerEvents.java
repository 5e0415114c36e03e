package io.jk8s.node.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.jk8s.component.events.EventRecorder;
import io.jk8s.node.kubelet.prober.ProbeEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The events kubelet 1.32 records about a pod's containers (reasons from pkg/kubelet/events, messages
 * from kuberuntime and the image manager), each about the container's field path
 * ({@code spec.containers{app}}), which is what {@code kubectl describe pod} lists under Events.
 */
final class ContainerEvents implements ProbeEvents {

    /**
     * kubelet retries the sync of a pod whose image is missing after its pod workers' back-off of 10 s;
     * ours is synced again at every relist, so the image errors are repeated at kubelet's pace.
     */
    private static final Duration IMAGE_ERROR_REPEAT = Duration.ofSeconds(10);

    private final EventRecorder recorder;
    private final Clock clock;
    /** pod uid/container → the exited container whose crash-loop back-off was last reported. */
    private final Map<String, String> backOffReported = new ConcurrentHashMap<>();
    /** pod uid/container → when its image error was last reported. */
    private final Map<String, Instant> imageErrorReported = new ConcurrentHashMap<>();

    ContainerEvents(EventRecorder recorder, Clock clock) {
        this.recorder = recorder;
        this.clock = clock;
    }

    static String fieldPath(Pod pod, Container c) {
        List<Container> init = pod.getSpec().getInitContainers();
        boolean isInit = init != null && init.stream().anyMatch(i -> i.getName().equals(c.getName()));
        String list = isInit ? "spec.initContainers{"
                : EphemeralContainers.isEphemeral(pod, c.getName()) ? "spec.ephemeralContainers{" : "spec.containers{";
        return list + c.getName() + "}";
    }

    void imagePresent(Pod pod, Container c) {
        recorder.normal(pod, fieldPath(pod, c), "Pulled", "Container image \"" + c.getImage() + "\" already present on machine");
    }

    /** @param message the container status' message, which kubelet's event repeats */
    void imageNeverPulled(Pod pod, Container c, String message) {
        if (!imageErrorDue(pod, c)) {
            return;
        }
        recorder.warning(pod, fieldPath(pod, c), "ErrImageNeverPull", message);
        failed(pod, c, "ErrImageNeverPull");
    }

    void imagePullFailed(Pod pod, Container c, String why) {
        if (!imageErrorDue(pod, c)) {
            return;
        }
        recorder.warning(pod, fieldPath(pod, c), "Failed", "Failed to pull image \"" + c.getImage() + "\": " + why);
        failed(pod, c, "ErrImagePull");
    }

    /** A container that could not be created or started: kubelet's {@code Error: <message>}. */
    void failed(Pod pod, Container c, String message) {
        recorder.warning(pod, fieldPath(pod, c), "Failed", "Error: " + message);
    }

    void created(Pod pod, Container c) {
        recorder.normal(pod, fieldPath(pod, c), "Created", "Created container " + c.getName());
    }

    void started(Pod pod, Container c) {
        recorder.normal(pod, fieldPath(pod, c), "Started", "Started container " + c.getName());
    }

    /** @param why kubelet's explanation, such as {@code Container app failed liveness probe, will be restarted}; null for a plain stop */
    void killing(Pod pod, Container c, String why) {
        recorder.normal(pod, fieldPath(pod, c), "Killing", why != null ? why : "Stopping container " + c.getName());
    }

    /** Once per exited container that waits out its back-off, not at every sync of the waiting pod. */
    void backOff(Pod pod, Container c, String exitedContainerId) {
        if (!exitedContainerId.equals(backOffReported.put(key(pod, c), exitedContainerId))) {
            recorder.warning(pod, fieldPath(pod, c), "BackOff", "Back-off restarting failed container " + c.getName() + " in pod "
                    + pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace() + "(" + pod.getMetadata().getUid() + ")");
        }
    }

    @Override
    public void unhealthy(Pod pod, Container c, String probe, String output) {
        recorder.warning(pod, fieldPath(pod, c), "Unhealthy", probe + " probe failed: " + output);
    }

    private boolean imageErrorDue(Pod pod, Container c) {
        Instant now = clock.instant();
        Instant last = imageErrorReported.get(key(pod, c));
        if (last != null && now.isBefore(last.plus(IMAGE_ERROR_REPEAT))) {
            return false;
        }
        imageErrorReported.put(key(pod, c), now);
        return true;
    }

    private static String key(Pod pod, Container c) {
        return pod.getMetadata().getUid() + "/" + c.getName();
    }

    void forgetPod(String podUid) {
        backOffReported.keySet().removeIf(key -> key.startsWith(podUid + "/"));
        imageErrorReported.keySet().removeIf(key -> key.startsWith(podUid + "/"));
    }
}
