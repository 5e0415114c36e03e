package io.jk8s.api.registry.authorization;

import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewSpec;
import io.jk8s.api.authorization.Authorizer;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.CreateOnlyResource;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.registry.authentication.RequestUser;
import java.util.List;
import java.util.Map;

/**
 * "Can this user do this?" (pkg/registry/authorization/subjectaccessreview/rest.go): the user,
 * groups, uid and extra of the spec put to the authorizer that guards requests.
 */
public final class SubjectAccessReviews implements CreateOnlyResource<SubjectAccessReview>, Strategy<SubjectAccessReview> {

    private Authorizer authorizer;

    @Override
    public void attach(Registry registry) {
        authorizer = new Authorizer(registry);
    }

    @Override
    public SubjectAccessReview create(SubjectAccessReview review) {
        SubjectAccessReviewSpec spec = review.getSpec() == null ? new SubjectAccessReviewSpec() : review.getSpec();
        review.setSpec(spec);
        if (review.getMetadata() == null) {
            // ObjectMeta is a struct in Go: written even when empty
            review.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
        }
        List<FieldError> errors = validate(spec);
        AccessReviewAttributes.throwIfInvalid("SubjectAccessReview", errors);
        review.setStatus(AccessReviewAttributes.status(authorizer.authorize(AccessReviewAttributes.of(subject(spec),
                spec.getResourceAttributes(), spec.getNonResourceAttributes()))));
        return review;
    }

    /** ValidateSubjectAccessReviewSpec. */
    static List<FieldError> validate(SubjectAccessReviewSpec spec) {
        List<FieldError> errors = new java.util.ArrayList<>(
                AccessReviewAttributes.validateOneOf(spec.getResourceAttributes(), spec.getNonResourceAttributes()));
        if ((spec.getUser() == null || spec.getUser().isEmpty()) && (spec.getGroups() == null || spec.getGroups().isEmpty())) {
            errors.add(FieldError.invalid("spec.user", spec.getUser() == null ? "" : spec.getUser(),
                    "at least one of user or group must be specified"));
        }
        return errors;
    }

    /** The user the review is about, exactly as given: no groups are added. */
    static RequestUser subject(SubjectAccessReviewSpec spec) {
        return new RequestUser(spec.getUser() == null ? "" : spec.getUser(), spec.getUid() == null ? "" : spec.getUid(),
                spec.getGroups() == null ? List.of() : List.copyOf(spec.getGroups()),
                spec.getExtra() == null ? Map.of() : Map.copyOf(spec.getExtra()));
    }
}
