package io.jk8s.api.http;

import io.jk8s.api.authorization.Attributes;
import io.jk8s.api.authorization.Authorizer;
import io.jk8s.api.authorization.Decision;
import io.jk8s.api.errors.ApiException;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.authentication.BearerTokenAuthentication;
import io.jk8s.api.registry.authentication.ClientCertificateAuthentication;
import io.jk8s.api.registry.authentication.RequestUser;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The front of kube-apiserver's handler chain, ahead of every route: WithAuthentication (on the
 * secure port a verified client certificate, else a bearer token, which must be a valid
 * service-account token, else 401, else the anonymous user; on the loopback HTTP port no
 * credentials is the local administrator), WithImpersonation ({@link Impersonation}), then WithAuthorization (the request's
 * {@link RequestInfoFactory attributes} through the {@link Authorizer}, else 403 in kube's words).
 * The user is left on the routing context for the handlers ({@link #user}).
 *
 * <p>A request of a system:masters member (the loopback administrator, an admin certificate) without
 * impersonation is allowed by every authorizer: it goes on at once, with no storage read and no RBAC evaluation. Anything
 * else may read storage (tokens' service accounts, roles after a write) and so is checked on a worker.
 */
final class AuthorizationFilter implements Handler<RoutingContext> {

    private static final String USER_KEY = "jk8s.user";
    private static final String BEARER = "bearer ";

    private final BearerTokenAuthentication tokens;
    private final Authorizer authorizer;

    AuthorizationFilter(Registry registry, Clock clock) {
        this.tokens = new BearerTokenAuthentication(registry, clock);
        this.authorizer = new Authorizer(registry);
    }

    /** The user the request was authenticated as (after impersonation). */
    static RequestUser user(RoutingContext ctx) {
        RequestUser user = ctx.get(USER_KEY);
        return user == null ? RequestUser.ADMIN : user;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String token = bearerToken(ctx.request().getHeader("Authorization"));
        RequestUser presented = presented(ctx.request(), token);
        if (presented != null && presented.privileged() && !Impersonation.requested(ctx.request().headers())) {
            ctx.put(USER_KEY, presented);
            ctx.next();
            return;
        }
        // the body must wait for the route's body handler, which resumes the request
        ctx.request().pause();
        ctx.vertx().executeBlocking(() -> admit(ctx, presented != null ? presented : tokens.authenticate(token)), false)
                .onComplete(done -> {
                    if (done.failed()) {
                        ctx.request().resume();
                        Responses.error(ctx, done.cause());
                        return;
                    }
                    ctx.put(USER_KEY, done.result());
                    ctx.next();
                });
    }

    /**
     * The user known without a storage read, or null when a bearer token must be checked. On the
     * secure port that is a verified client certificate's user (x509 comes before tokens in kube's
     * union authenticator), else the anonymous user when there is no token. On the loopback HTTP
     * port, no credentials is the local administrator.
     */
    private static RequestUser presented(HttpServerRequest request, String token) {
        if (request.isSSL()) {
            RequestUser certified = certificateUser(request);
            if (certified != null) {
                return certified;
            }
            return token == null ? RequestUser.ANONYMOUS : null;
        }
        return token == null ? RequestUser.ADMIN : null;
    }

    private static RequestUser certificateUser(HttpServerRequest request) {
        try {
            Certificate[] chain = request.sslSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? ClientCertificateAuthentication.user(leaf) : null;
        } catch (SSLPeerUnverifiedException noCertificate) {
            return null;
        }
    }

    private RequestUser admit(RoutingContext ctx, RequestUser authenticated) {
        RequestUser user = authenticated;
        if (Impersonation.requested(ctx.request().headers())) {
            user = Impersonation.impersonate(user, ctx.request().headers(), authorizer);
        }
        if (!user.privileged()) {
            Attributes request = RequestInfoFactory.attributes(user, ctx.request().method().name(), ctx.request().path(),
                    ctx.queryParams());
            Decision decision = authorizer.authorize(request);
            if (!decision.allowed()) {
                throw forbidden(request, decision.reason());
            }
        }
        return user;
    }

    /** responsewriters.Forbidden: the request's resource and name, then what the user could not do and why. */
    static ApiException forbidden(Attributes request, String reason) {
        String message = request.forbiddenMessage() + (reason == null || reason.isEmpty() ? "" : ": " + reason);
        return StatusErrors.forbidden(request.apiGroup(), request.resource(), request.name(), message);
    }

    /** The bearer token, or null when there is none (an empty one is no credential, as in kube). */
    private static String bearerToken(String header) {
        if (header == null || header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = header.substring(BEARER.length()).trim();
        return token.isEmpty() ? null : token;
    }
}
