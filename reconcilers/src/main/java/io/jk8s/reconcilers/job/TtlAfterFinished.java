package io.jk8s.reconcilers.job;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * kube's ttlafterfinished controller: a finished Job with {@code ttlSecondsAfterFinished} is
 * deleted (foreground, so its pods go first) that many seconds after its Complete or Failed
 * condition turned True.
 */
final class TtlAfterFinished {

    private final KubernetesClient client;
    private final Clock clock;

    TtlAfterFinished(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** @return when to look again, or null when there is nothing (more) to do */
    Duration check(Job job) {
        Integer ttl = job.getSpec().getTtlSecondsAfterFinished();
        if (ttl == null || job.getMetadata().getDeletionTimestamp() != null) {
            return null;
        }
        Instant finishedAt = null;
        for (JobCondition c : job.getStatus().getConditions()) {
            if (("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus())
                    && c.getLastTransitionTime() != null) {
                finishedAt = Instant.parse(c.getLastTransitionTime());
            }
        }
        if (finishedAt == null) {
            return null;
        }
        Duration left = Duration.between(clock.instant(), finishedAt.plusSeconds(ttl));
        if (!left.isNegative() && !left.isZero()) {
            return left;
        }
        try {
            client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName())
                    .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
        return null;
    }
}
