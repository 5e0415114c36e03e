package io.jk8s.api.registry.authorization;

import io.fabric8.kubernetes.api.model.authorization.v1.NonResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatus;
import io.jk8s.api.authorization.Attributes;
import io.jk8s.api.authorization.Decision;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.registry.authentication.RequestUser;
import java.util.ArrayList;
import java.util.List;

/**
 * What an access review asks about, as authorizer attributes (pkg/registry/authorization/util's
 * AuthorizationAttributesFrom and ResourceAttributesFrom), and its answer as a review status.
 */
final class AccessReviewAttributes {

    private AccessReviewAttributes() {}

    /** ValidateSubjectAccessReviewSpec's rule that exactly one kind of attributes is given. */
    static List<FieldError> validateOneOf(ResourceAttributes resource, NonResourceAttributes nonResource) {
        List<FieldError> errors = new ArrayList<>();
        if (resource != null && nonResource != null) {
            errors.add(FieldError.invalidRaw("spec.nonResourceAttributes", "{}",
                    "cannot be specified in combination with resourceAttributes"));
        }
        if (resource == null && nonResource == null) {
            errors.add(FieldError.invalid("spec.resourceAttributes", "null",
                    "exactly one of nonResourceAttributes or resourceAttributes must be specified"));
        }
        return errors;
    }

    static void throwIfInvalid(String kind, List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw StatusErrors.invalid("authorization.k8s.io", kind, "", errors);
        }
    }

    static Attributes of(RequestUser user, ResourceAttributes resource, NonResourceAttributes nonResource) {
        if (resource != null) {
            return Attributes.resource(user, resource.getVerb(), resource.getGroup(), resource.getVersion(), resource.getNamespace(),
                    resource.getResource(), resource.getSubresource(), resource.getName());
        }
        return Attributes.nonResource(user, orEmpty(nonResource.getVerb()), orEmpty(nonResource.getPath()));
    }

    static SubjectAccessReviewStatus status(Decision decision) {
        SubjectAccessReviewStatus status = new SubjectAccessReviewStatus();
        status.setAllowed(decision.allowed());
        status.setReason(decision.reason().isEmpty() ? null : decision.reason());
        return status;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
