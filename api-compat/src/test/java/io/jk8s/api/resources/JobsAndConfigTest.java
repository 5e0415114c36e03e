package io.jk8s.api.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.api.testing.KubectlServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Jobs, cron jobs, secrets and service accounts as kubectl creates and prints them. */
class JobsAndConfigTest {

    @RegisterExtension
    static final KubectlServer api = new KubectlServer();

    @Test
    void createJobThenGetJobs() {
        assertEquals("job.batch/hello created\n",
                api.kubectl().run("create", "job", "hello", "--image=busybox", "--", "echo", "hi").assertSuccess().out());
        List<String> lines = api.kubectl().run("get", "jobs").assertSuccess().out().lines().toList();
        assertTrue(lines.get(0).matches("NAME\\s+STATUS\\s+COMPLETIONS\\s+DURATION\\s+AGE"), lines.toString());
        assertTrue(lines.get(1).matches("hello\\s+Running\\s+0/1\\s+\\d+s"), lines.toString());

        String uid = api.kubectl().run("get", "job", "hello", "-o", "jsonpath={.metadata.uid}").assertSuccess().out();
        String yaml = api.kubectl().run("get", "job", "hello", "-o", "yaml").assertSuccess().out();
        for (String expected : List.of("backoffLimit: 6", "completionMode: NonIndexed", "completions: 1", "parallelism: 1",
                "suspend: false", "batch.kubernetes.io/controller-uid: " + uid, "batch.kubernetes.io/job-name: hello",
                "controller-uid: " + uid, "job-name: hello", "restartPolicy: Never")) {
            assertTrue(yaml.contains(expected), expected + " missing in\n" + yaml);
        }
        assertTrue(!yaml.contains("manualSelector") && !yaml.contains("1970-01-01"), yaml);
        assertEquals("{\"batch.kubernetes.io/controller-uid\":\"" + uid + "\"}",
                api.kubectl().run("get", "job", "hello", "-o", "jsonpath={.spec.selector.matchLabels}").assertSuccess().out());
    }

    @Test
    void createCronJobThenGetCronJobs() {
        api.kubectl().run("create", "cronjob", "tick", "--image=busybox", "--schedule=*/5 * * * *", "--", "date").assertSuccess();
        List<String> lines = api.kubectl().run("get", "cj").assertSuccess().out().lines().toList();
        assertTrue(lines.get(0).matches("NAME\\s+SCHEDULE\\s+TIMEZONE\\s+SUSPEND\\s+ACTIVE\\s+LAST SCHEDULE\\s+AGE"),
                lines.toString());
        assertTrue(lines.get(1).matches("tick\\s+\\*/5 \\* \\* \\* \\*\\s+<none>\\s+False\\s+0\\s+<none>\\s+\\d+s"),
                lines.toString());
        String yaml = api.kubectl().run("get", "cronjob", "tick", "-o", "yaml").assertSuccess().out();
        for (String expected : List.of("concurrencyPolicy: Allow", "failedJobsHistoryLimit: 1",
                "successfulJobsHistoryLimit: 3", "suspend: false", "restartPolicy: OnFailure")) {
            assertTrue(yaml.contains(expected), expected + " missing in\n" + yaml);
        }
    }

    @Test
    void secretsFoldStringDataIntoData() {
        assertEquals("secret/db created\n", api.kubectl().run("create", "secret", "generic", "db",
                "--from-literal=user=admin", "--from-literal=password=s3cret").assertSuccess().out());
        List<String> lines = api.kubectl().run("get", "secrets").assertSuccess().out().lines().toList();
        assertTrue(lines.get(0).matches("NAME\\s+TYPE\\s+DATA\\s+AGE"), lines.toString());
        assertTrue(lines.get(1).matches("db\\s+Opaque\\s+2\\s+\\d+s"), lines.toString());
        assertEquals("YWRtaW4=", api.kubectl().run("get", "secret", "db", "-o", "jsonpath={.data.user}").assertSuccess().out());

        api.kubectl().run("create", "secret", "docker-registry", "pull", "--docker-username=u", "--docker-password=p",
                "--docker-server=registry.example.com").assertSuccess();
        assertTrue(api.kubectl().run("get", "secret", "pull").assertSuccess().out()
                .matches("(?s).*\\npull\\s+kubernetes.io/dockerconfigjson\\s+1\\s+\\d+s\\n"));
    }

    @Test
    void serviceAccounts() {
        assertEquals("serviceaccount/builder created\n",
                api.kubectl().run("create", "serviceaccount", "builder").assertSuccess().out());
        List<String> lines = api.kubectl().run("get", "sa", "builder").assertSuccess().out().lines().toList();
        assertTrue(lines.get(0).matches("NAME\\s+SECRETS\\s+AGE"), lines.toString());
        assertTrue(lines.get(1).matches("builder\\s+0\\s+\\d+s"), lines.toString());
    }
}
