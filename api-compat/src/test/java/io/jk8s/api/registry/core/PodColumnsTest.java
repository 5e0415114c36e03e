package io.jk8s.api.registry.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Pod;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.table.TableColumn;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** READY, STATUS and RESTARTS as printers.go's printPod computes them from what a kubelet reports. */
class PodColumnsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void waitingContainerShowsItsReason() {
        assertEquals(List.of("0/1", "ContainerCreating", "0"), cells("""
                {"metadata":{"name":"p","creationTimestamp":"2026-01-01T11:59:00Z"},
                 "spec":{"containers":[{"name":"c","image":"nginx"}]},
                 "status":{"phase":"Pending","containerStatuses":[{"name":"c","ready":false,"restartCount":0,
                           "state":{"waiting":{"reason":"ContainerCreating"}}}]}}"""));
    }

    @Test
    void runningWithRestartsShowsWhenTheLastOneWas() {
        assertEquals(List.of("1/2", "Running", "2 (5m ago)"), cells("""
                {"metadata":{"name":"p","creationTimestamp":"2026-01-01T11:00:00Z"},
                 "spec":{"containers":[{"name":"a","image":"nginx"},{"name":"b","image":"nginx"}]},
                 "status":{"phase":"Running","containerStatuses":[
                   {"name":"a","ready":true,"restartCount":2,"state":{"running":{}},
                    "lastState":{"terminated":{"exitCode":1,"finishedAt":"2026-01-01T11:55:00Z"}}},
                   {"name":"b","ready":false,"restartCount":0,"state":{"running":{}}}]}}"""));
    }

    @Test
    void crashLoopAndCompletedAndExitCodes() {
        assertEquals("CrashLoopBackOff", cells("""
                {"metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"x"}]},
                 "status":{"phase":"Running","containerStatuses":[{"name":"c","ready":false,"restartCount":3,
                           "state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}}""").get(1));
        assertEquals("Completed", cells("""
                {"metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"x"}]},
                 "status":{"phase":"Succeeded","containerStatuses":[{"name":"c","ready":false,"restartCount":0,
                           "state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}}""").get(1));
        assertEquals("ExitCode:3", cells("""
                {"metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"x"}]},
                 "status":{"phase":"Failed","containerStatuses":[{"name":"c","ready":false,"restartCount":0,
                           "state":{"terminated":{"exitCode":3}}}]}}""").get(1));
    }

    @Test
    void initContainersShowProgress() {
        assertEquals(List.of("0/1", "Init:0/2", "0"), cells("""
                {"metadata":{"name":"p"},
                 "spec":{"initContainers":[{"name":"i1","image":"x"},{"name":"i2","image":"x"}],
                         "containers":[{"name":"c","image":"x"}]},
                 "status":{"phase":"Pending","initContainerStatuses":[{"name":"i1","ready":false,"restartCount":0,
                           "state":{"running":{}}}]}}"""));
    }

    @Test
    void deletingPodIsTerminating() {
        assertEquals("Terminating", cells("""
                {"metadata":{"name":"p","deletionTimestamp":"2026-01-01T11:59:50Z"},
                 "spec":{"containers":[{"name":"c","image":"x"}]},"status":{"phase":"Running"}}""").get(1));
    }

    private static List<Object> cells(String json) {
        Pod pod = ObjectCodec.fromJson(json.getBytes(StandardCharsets.UTF_8), Pod.class);
        List<TableColumn<Pod>> columns = new PodStrategy().tableColumns();
        return columns.subList(1, 4).stream().map(c -> c.cell().of(pod, NOW)).toList();
    }
}
