package io.jk8s.api.registry.authorization;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewSpec;
import io.jk8s.api.authorization.Authorizer;
import io.jk8s.api.registry.CreateOnlyResource;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.registry.authentication.RequestUser;

/**
 * "Can I do this?" (pkg/registry/authorization/selfsubjectaccessreview/rest.go): the requester's
 * question put to the same authorizer that guards requests, answered with its decision and reason.
 */
public final class SelfSubjectAccessReviews implements CreateOnlyResource<SelfSubjectAccessReview>, Strategy<SelfSubjectAccessReview> {

    private Authorizer authorizer;

    @Override
    public void attach(Registry registry) {
        authorizer = new Authorizer(registry);
    }

    @Override
    public SelfSubjectAccessReview create(SelfSubjectAccessReview review) {
        SelfSubjectAccessReviewSpec spec = review.getSpec() == null ? new SelfSubjectAccessReviewSpec() : review.getSpec();
        AccessReviewAttributes.throwIfInvalid("SelfSubjectAccessReview",
                AccessReviewAttributes.validateOneOf(spec.getResourceAttributes(), spec.getNonResourceAttributes()));
        review.setSpec(spec);
        if (review.getMetadata() == null) {
            // ObjectMeta is a struct in Go: written even when empty
            review.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
        }
        review.setStatus(AccessReviewAttributes.status(authorizer.authorize(AccessReviewAttributes.of(RequestUser.current(),
                spec.getResourceAttributes(), spec.getNonResourceAttributes()))));
        return review;
    }
}
