package io.jk8s.node.kubelet.server;

import io.fabric8.kubernetes.api.model.Pod;
import io.jk8s.node.runtime.ContainerRuntime;
import io.jk8s.node.runtime.LogOptions;
import io.jk8s.node.runtime.StreamHandle;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;

/**
 * {@code GET /containerLogs/<namespace>/<pod>/<container>}: the container's log from the runtime,
 * streamed as it comes ({@code follow}), with kubelet's query parameters (the apiserver passes
 * {@code pods/log}'s options through) and kubelet's 400 text answers when there is no log to read.
 */
final class ContainerLogs {

    private final ContainerRuntime runtime;
    private final KubeletHost host;
    private final ExecutorService streams;
    private final Clock clock;

    ContainerLogs(ContainerRuntime runtime, KubeletHost host, ExecutorService streams, Clock clock) {
        this.runtime = runtime;
        this.host = host;
        this.streams = streams;
        this.clock = clock;
    }

    void serve(HttpServerRequest request, String namespace, String podName, String container) {
        HttpServerResponse response = request.response();
        Pod pod = host.podByName(namespace, podName).orElse(null);
        if (pod == null) {
            KubeletServer.text(response, 404, "pod \"" + podName + "\" does not exist");
            return;
        }
        boolean declared = Stream.concat(pod.getSpec().getContainers().stream(),
                        pod.getSpec().getInitContainers() == null ? Stream.empty() : pod.getSpec().getInitContainers().stream())
                .anyMatch(c -> c.getName().equals(container))
                || (pod.getSpec().getEphemeralContainers() != null
                        && pod.getSpec().getEphemeralContainers().stream().anyMatch(c -> c.getName().equals(container)));
        if (!declared) {
            KubeletServer.text(response, 404, "container \"" + container + "\" not found in pod \"" + podName + "\"");
            return;
        }
        MultiMap query = request.params();
        String id;
        LogOptions options;
        Long limitBytes;
        try {
            id = LogContainerSelector.containerId(pod, container, isTrue(query.get("previous")));
            options = options(query);
            limitBytes = number(query.get("limitBytes"));
        } catch (IllegalArgumentException e) {
            KubeletServer.text(response, 400, e.getMessage());
            return;
        }
        response.setChunked(true).putHeader("Content-Type", "text/plain; charset=utf-8");
        response.setStatusCode(200).write("");
        ResponseStream out = new ResponseStream(response, limitBytes);
        streams.execute(() -> {
            try (StreamHandle handle = runtime.logs(id, options, out, out)) {
                response.closeHandler(v -> handle.close());
                while (!handle.awaitCompletion(Duration.ofSeconds(1))) {
                    if (response.closed()) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // the container went away mid-stream: end what was sent
            } finally {
                if (!response.closed() && !response.ended()) {
                    response.end();
                }
            }
        });
    }

    private LogOptions options(MultiMap query) {
        LogOptions options = LogOptions.all();
        if (isTrue(query.get("follow"))) {
            options = options.following();
        }
        if (isTrue(query.get("timestamps"))) {
            options = options.withTimestamps();
        }
        Long tail = number(query.get("tailLines"));
        if (tail != null) {
            options = options.tail(tail.intValue());
        }
        Long sinceSeconds = number(query.get("sinceSeconds"));
        if (sinceSeconds != null) {
            options = options.since(clock.instant().minusSeconds(sinceSeconds));
        } else if (query.get("sinceTime") != null) {
            options = options.since(Instant.parse(query.get("sinceTime")));
        }
        return options;
    }

    static boolean isTrue(String value) {
        return "true".equalsIgnoreCase(value) || "1".equals(value);
    }

    private static Long number(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid number: " + value);
        }
    }
}
