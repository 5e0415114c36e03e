package io.jk8s.api.registry.authentication;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatus;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.registry.CreateOnlyResource;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.serviceaccount.ServiceAccountTokenAuthenticator;
import java.time.Clock;

/**
 * authentication.k8s.io/v1 tokenreviews (pkg/registry/authentication/tokenreview/storage.go): is this
 * bearer token good, and for whom? Only this server's service-account tokens are recognised (there
 * is no other authenticator yet). The answer echoes the spec; a refused token has no user and kube's
 * error text in status.error.
 */
public final class TokenReviews implements CreateOnlyResource<TokenReview>, Strategy<TokenReview> {

    private final Clock clock;
    private ServiceAccountTokenAuthenticator authenticator;

    public TokenReviews() {
        this(Clock.systemUTC());
    }

    TokenReviews(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void attach(Registry registry) {
        authenticator = new ServiceAccountTokenAuthenticator(registry.serviceAccountIssuer(), new StoredTokenObjects(registry), clock);
    }

    @Override
    public TokenReview create(TokenReview review) {
        String token = review.getSpec() == null ? null : review.getSpec().getToken();
        if (token == null || token.isEmpty()) {
            throw StatusErrors.badRequest("token is required for TokenReview in authentication");
        }
        ServiceAccountTokenAuthenticator.Result result = authenticator.authenticate(token, review.getSpec().getAudiences());
        TokenReviewStatus status = new TokenReviewStatus();
        // Go's TokenReviewStatus: authenticated, error and audiences are omitempty, user is a struct and always written
        status.setUser(result.authenticated() ? result.user() : new UserInfo());
        if (result.authenticated()) {
            status.setAuthenticated(true);
            status.setAudiences(result.audiences());
        } else {
            status.setError(result.error());
        }
        review.setStatus(status);
        if (review.getMetadata() == null) {
            // ObjectMeta is a struct in Go: written even when empty
            review.setMetadata(new ObjectMeta());
        }
        return review;
    }
}
