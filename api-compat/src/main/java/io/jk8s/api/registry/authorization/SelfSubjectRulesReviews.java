package io.jk8s.api.registry.authorization;

import io.fabric8.kubernetes.api.model.authorization.v1.NonResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewSpec;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectRulesReviewStatus;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.registry.CreateOnlyResource;
import java.util.List;

/**
 * "What may I do in this namespace?" (pkg/registry/authorization/selfsubjectrulesreview/rest.go).
 * Without authorization every rule is the AlwaysAllow authorizer's: anything on any resource and
 * any non-resource URL, complete. Like kube, the answer carries only the status.
 */
public final class SelfSubjectRulesReviews implements CreateOnlyResource<SelfSubjectRulesReview> {

    private static final List<String> ANY = List.of("*");

    @Override
    public SelfSubjectRulesReview create(SelfSubjectRulesReview review) {
        if (review.getSpec() == null || review.getSpec().getNamespace() == null || review.getSpec().getNamespace().isEmpty()) {
            throw StatusErrors.badRequest("no namespace on request");
        }
        SelfSubjectRulesReview answer = new SelfSubjectRulesReview();
        answer.setSpec(new SelfSubjectRulesReviewSpec());
        answer.setStatus(new SubjectRulesReviewStatus(null, false, List.of(new NonResourceRule(ANY, ANY)),
                List.of(new ResourceRule(ANY, null, ANY, ANY))));
        return answer;
    }
}
