package io.jk8s.api.registry.authentication;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReviewStatus;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.jk8s.api.registry.CreateOnlyResource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * "Who am I?" (pkg/registry/authentication/selfsubjectreview/rest.go): the user the request was
 * authenticated as. This server does not authenticate yet and lets every request do anything, so
 * every caller is the cluster administrator: kube's name for its own privileged user and the
 * groups that give it every permission (system:masters) and mark it authenticated.
 */
public final class SelfSubjectReviews implements CreateOnlyResource<SelfSubjectReview> {

    static final String USERNAME = "system:admin";
    static final List<String> GROUPS = List.of("system:masters", "system:authenticated");

    @Override
    public SelfSubjectReview create(SelfSubjectReview review) {
        // a new object, stamped with the time of the review
        SelfSubjectReview answer = new SelfSubjectReview();
        ObjectMeta meta = new ObjectMeta();
        meta.setCreationTimestamp(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        answer.setMetadata(meta);
        answer.setStatus(new SelfSubjectReviewStatus(new UserInfo(null, GROUPS, null, USERNAME)));
        return answer;
    }
}
