package io.jk8s.api.registry.authentication;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReviewStatus;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.jk8s.api.registry.CreateOnlyResource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * "Who am I?" (pkg/registry/authentication/selfsubjectreview/rest.go): the user the request was
 * authenticated as ({@link RequestUser}).
 */
public final class SelfSubjectReviews implements CreateOnlyResource<SelfSubjectReview> {

    @Override
    public SelfSubjectReview create(SelfSubjectReview review) {
        // a new object, stamped with the time of the review
        SelfSubjectReview answer = new SelfSubjectReview();
        ObjectMeta meta = new ObjectMeta();
        meta.setCreationTimestamp(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        answer.setMetadata(meta);
        RequestUser user = RequestUser.current();
        answer.setStatus(new SelfSubjectReviewStatus(new UserInfo(user.extra().isEmpty() ? null : new java.util.TreeMap<>(user.extra()), user.groups(), user.uid().isEmpty() ? null : user.uid(),
                user.name())));
        return answer;
    }
}
