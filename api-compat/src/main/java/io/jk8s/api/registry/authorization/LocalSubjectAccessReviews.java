package io.jk8s.api.registry.authorization;

import io.fabric8.kubernetes.api.model.authorization.v1.LocalSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewSpec;
import io.jk8s.api.authorization.Authorizer;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.CreateOnlyResource;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.Strategy;
import java.util.List;

/**
 * A SubjectAccessReview confined to one namespace (pkg/registry/authorization/localsubjectaccessreview/rest.go):
 * only resource questions, and only about the namespace the review is posted in.
 */
public final class LocalSubjectAccessReviews implements CreateOnlyResource<LocalSubjectAccessReview>,
        Strategy<LocalSubjectAccessReview> {

    private Authorizer authorizer;

    @Override
    public void attach(Registry registry) {
        authorizer = new Authorizer(registry);
    }

    @Override
    public LocalSubjectAccessReview create(LocalSubjectAccessReview review) {
        SubjectAccessReviewSpec spec = review.getSpec() == null ? new SubjectAccessReviewSpec() : review.getSpec();
        review.setSpec(spec);
        String namespace = review.getMetadata().getNamespace();
        // ValidateLocalSubjectAccessReview
        List<FieldError> errors = new java.util.ArrayList<>(SubjectAccessReviews.validate(spec));
        if (spec.getResourceAttributes() != null && !namespace.equals(spec.getResourceAttributes().getNamespace())) {
            errors.add(FieldError.invalid("spec.resourceAttributes.namespace",
                    spec.getResourceAttributes().getNamespace() == null ? "" : spec.getResourceAttributes().getNamespace(),
                    "must match metadata.namespace"));
        }
        if (spec.getNonResourceAttributes() != null) {
            errors.add(FieldError.invalidRaw("spec.nonResourceAttributes", "{}", "disallowed on this kind of request"));
        }
        AccessReviewAttributes.throwIfInvalid("LocalSubjectAccessReview", errors);
        review.setStatus(AccessReviewAttributes.status(authorizer.authorize(AccessReviewAttributes.of(SubjectAccessReviews.subject(spec),
                spec.getResourceAttributes(), null))));
        return review;
    }
}
