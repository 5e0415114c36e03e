package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.conformance.support.Eventually;
import io.jk8s.conformance.support.SimulatedCluster;
import io.jk8s.testing.Kubectl;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Batch workloads on simulated nodes: a CronJob starts its Job on the next minute and one can be
 * started from it by hand; a finished Job with a TTL goes away with its pods.
 */
class BatchOnSimulatedNodesTest {

    @RegisterExtension
    static final SimulatedCluster cluster = new SimulatedCluster(3);

    private final Kubectl kubectl = cluster.kubectl();

    @Test
    void aCronJobRunsOnScheduleAndCanBeStartedByHand() {
        assertEquals("cronjob.batch/hello created\n", kubectl.run("create", "cronjob", "hello", "--image=registry.local/busybox:1",
                "--schedule=*/1 * * * *", "--", "echo", "hi").assertSuccess().out());
        assertEquals("job.batch/manual created\n", kubectl.run("create", "job", "manual", "--from=cronjob/hello").assertSuccess().out());
        assertEquals("job.batch/manual condition met\n",
                kubectl.run("wait", "--for=condition=complete", "job/manual", "--timeout=60s").assertSuccess().out());

        String job = Eventually.until("a scheduled job", Duration.ofSeconds(90), () -> kubectl.run("get", "jobs", "-o",
                "jsonpath={range .items[*]}{.metadata.name}{\"\\n\"}{end}").out(),
                out -> out.lines().anyMatch(l -> l.matches("hello-\\d+"))).lines().filter(l -> l.matches("hello-\\d+")).findFirst().orElseThrow();
        long minutes = Long.parseLong(job.substring("hello-".length()));
        String scheduled = kubectl.run("get", "job", job, "-o",
                "jsonpath={.metadata.annotations.batch\\.kubernetes\\.io/cronjob-scheduled-timestamp}").assertSuccess().out();
        assertEquals(minutes * 60, Instant.parse(scheduled).getEpochSecond());
        kubectl.run("wait", "--for=condition=complete", "job/" + job, "--timeout=60s").assertSuccess();
        String cronJob = Eventually.until("last schedule shown", () -> kubectl.run("get", "cronjob", "hello").out(),
                out -> out.lines().anyMatch(l -> l.matches("hello\\s+\\*/1 \\* \\* \\* \\*\\s+<none>\\s+False\\s+0\\s+\\d+s\\s+\\S+")));
        assertTrue(cronJob.startsWith("NAME"), cronJob);
        assertEquals(scheduled, kubectl.run("get", "cronjob", "hello", "-o", "jsonpath={.status.lastScheduleTime}").out());
        String owner = kubectl.run("get", "job", job, "-o", "jsonpath={.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}").out();
        assertEquals("CronJob/hello", owner);
        Eventually.until("events", () -> kubectl.run("describe", "cronjob", "hello").out(),
                out -> out.lines().anyMatch(l -> l.matches("\\s+Normal\\s+SuccessfulCreate\\s+\\S+\\s+cronjob-controller\\s+Created job " + job))
                        && out.lines().anyMatch(l -> l.matches("\\s+Normal\\s+SawCompletedJob\\s+\\S+\\s+cronjob-controller\\s+"
                        + "Saw completed job: " + job + ", condition: Complete")));

        kubectl.run("patch", "cronjob", "hello", "-p", "{\"spec\":{\"suspend\":true}}").assertSuccess();
        assertTrue(kubectl.run("get", "cronjob", "hello").out().lines().anyMatch(l -> l.matches("hello\\s+\\S+ \\S+ \\S+ \\S+ \\S+\\s+<none>\\s+True\\s+.*")));
    }

    @Test
    void aFinishedJobWithATtlIsDeletedWithItsPods() {
        kubectl.runWithInput("""
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: short-lived
                spec:
                  ttlSecondsAfterFinished: 2
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: app
                        image: registry.local/busybox:1
                        command: ["true"]
                """, "create", "-f", "-").assertSuccess();
        kubectl.run("wait", "--for=condition=complete", "job/short-lived", "--timeout=60s").assertSuccess();
        Eventually.until("the job and its pod gone", () -> kubectl.run("get", "jobs,pods", "-l", "job-name=short-lived").err()
                + kubectl.run("get", "job", "short-lived").err(),
                out -> out.contains("No resources found") && out.contains("jobs.batch \"short-lived\" not found"));
    }
}
