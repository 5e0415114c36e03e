package io.jk8s.api.registry.authorization;

import io.fabric8.kubernetes.api.model.authorization.v1.NonResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewSpec;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectRulesReviewStatus;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.jk8s.api.authorization.RbacAuthorizer;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.registry.CreateOnlyResource;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.registry.authentication.RequestUser;
import java.util.ArrayList;
import java.util.List;

/**
 * "What may I do in this namespace?" (pkg/registry/authorization/selfsubjectrulesreview/rest.go):
 * the RBAC rules of the bindings that name the requester. The system:masters shortcut is no rule
 * resolver in kube either, so an administrator sees cluster-admin's rules (bound to system:masters)
 * among the rest. Like kube, the answer carries only the status.
 */
public final class SelfSubjectRulesReviews implements CreateOnlyResource<SelfSubjectRulesReview>, Strategy<SelfSubjectRulesReview> {

    private RbacAuthorizer rbac;

    @Override
    public void attach(Registry registry) {
        rbac = new RbacAuthorizer(registry);
    }

    @Override
    public SelfSubjectRulesReview create(SelfSubjectRulesReview review) {
        if (review.getSpec() == null || review.getSpec().getNamespace() == null || review.getSpec().getNamespace().isEmpty()) {
            throw StatusErrors.badRequest("no namespace on request");
        }
        RequestUser user = RequestUser.current();
        List<ResourceRule> resourceRules = new ArrayList<>();
        List<NonResourceRule> nonResourceRules = new ArrayList<>();
        RbacAuthorizer.Rules rules = rbac.rulesFor(user, review.getSpec().getNamespace());
        for (PolicyRule rule : rules.rules()) {
            if (rule.getResources() != null && !rule.getResources().isEmpty()) {
                resourceRules.add(new ResourceRule(rule.getApiGroups(), emptyToNull(rule.getResourceNames()), rule.getResources(),
                        rule.getVerbs()));
            }
            if (rule.getNonResourceURLs() != null && !rule.getNonResourceURLs().isEmpty()) {
                nonResourceRules.add(new NonResourceRule(rule.getNonResourceURLs(), rule.getVerbs()));
            }
        }
        SelfSubjectRulesReview answer = new SelfSubjectRulesReview();
        answer.setSpec(new SelfSubjectRulesReviewSpec());
        answer.setStatus(new SubjectRulesReviewStatus(rules.error().isEmpty() ? null : rules.error(), false, nonResourceRules,
                resourceRules));
        return answer;
    }

    private static List<String> emptyToNull(List<String> values) {
        return values == null || values.isEmpty() ? null : values;
    }
}
