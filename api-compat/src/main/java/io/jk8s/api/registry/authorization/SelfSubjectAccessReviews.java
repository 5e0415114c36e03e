package io.jk8s.api.registry.authorization;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewSpec;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatus;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.registry.CreateOnlyResource;
import java.util.List;

/**
 * "Can I do this?" (pkg/registry/authorization/selfsubjectaccessreview/rest.go). This server has
 * no authorization yet, so it answers like kube-apiserver with {@code --authorization-mode=AlwaysAllow}:
 * allowed, without a reason.
 */
public final class SelfSubjectAccessReviews implements CreateOnlyResource<SelfSubjectAccessReview> {

    @Override
    public SelfSubjectAccessReview create(SelfSubjectAccessReview review) {
        SelfSubjectAccessReviewSpec spec = review.getSpec() == null ? new SelfSubjectAccessReviewSpec() : review.getSpec();
        // ValidateSelfSubjectAccessReviewSpec; the bad value is the absent nonResourceAttributes
        if (spec.getResourceAttributes() == null && spec.getNonResourceAttributes() == null) {
            throw StatusErrors.invalid("authorization.k8s.io", "SelfSubjectAccessReview", "",
                    List.of(FieldError.invalid("spec.resourceAttributes", "null",
                            "exactly one of nonResourceAttributes or resourceAttributes must be specified")));
        }
        review.setSpec(spec);
        SubjectAccessReviewStatus status = new SubjectAccessReviewStatus();
        status.setAllowed(true);
        review.setStatus(status);
        return review;
    }
}
