package io.jk8s.api.registry.authentication;

import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.jk8s.api.errors.ApiException;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.serviceaccount.ServiceAccountTokenAuthenticator;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The {@code Authorization: Bearer} step of kube's union authenticator: the token must be one of
 * this server's service-account tokens (bound or legacy), checked as TokenReview checks it, for the
 * API server's own audiences. Any other token is refused, which the request filter answers with 401.
 */
public final class BearerTokenAuthentication {

    private final ServiceAccountTokenAuthenticator authenticator;

    public BearerTokenAuthentication(Registry registry, Clock clock) {
        this.authenticator = new ServiceAccountTokenAuthenticator(registry.serviceAccountIssuer(), new StoredTokenObjects(registry), clock);
    }

    /** The token's user; kube's 401 Unauthorized when no authenticator accepts it. */
    public RequestUser authenticate(String token) {
        ServiceAccountTokenAuthenticator.Result result = authenticator.authenticate(token, List.of());
        if (!result.authenticated()) {
            throw unauthorized();
        }
        UserInfo user = result.user();
        Map<String, List<String>> extra = user.getExtra() == null ? Map.of() : user.getExtra();
        return new RequestUser(user.getUsername(), user.getUid() == null ? "" : user.getUid(), List.copyOf(user.getGroups()), extra);
    }

    /** The Status kube's unauthorized handler writes; it never says why. */
    public static ApiException unauthorized() {
        return io.jk8s.api.errors.StatusErrors.unauthorized();
    }
}
