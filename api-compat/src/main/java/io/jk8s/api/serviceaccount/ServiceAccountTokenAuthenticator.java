package io.jk8s.api.serviceaccount;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.jk8s.api.errors.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Checks a bearer token as kube-apiserver's service-account authenticator does
 * (pkg/serviceaccount/jwt.go and the validator in claims.go): ours by issuer, signed by our key,
 * meant for one of the requested audiences, within its lifetime, and naming a service account (and
 * pod, secret or node) that still exists with the uid it had when the token was issued. The user it
 * yields is the service account's, with the groups and extras kube gives it; the errors are kube's
 * words, which TokenReview reports in status.error. Legacy tokens (issuer {@code kubernetes/serviceaccount},
 * from service-account-token Secrets) are checked by {@link LegacyTokenValidator} instead of the claims.
 */
public final class ServiceAccountTokenAuthenticator {

    /** go-jose's default leeway for exp, nbf and iat, which kube also applies to deletions. */
    private static final long LEEWAY_SECONDS = 60;
    /** bearertoken.invalidToken: what a token no authenticator recognises gets. */
    static final String INVALID_BEARER_TOKEN = "invalid bearer token";
    private static final String INVALIDATED = "service account token has been invalidated";

    public static final String POD_NAME_KEY = "authentication.kubernetes.io/pod-name";
    public static final String POD_UID_KEY = "authentication.kubernetes.io/pod-uid";
    public static final String NODE_NAME_KEY = "authentication.kubernetes.io/node-name";
    public static final String NODE_UID_KEY = "authentication.kubernetes.io/node-uid";
    public static final String CREDENTIAL_ID_KEY = "authentication.kubernetes.io/credential-id";

    private final ServiceAccountIssuer issuer;
    private final ServiceAccountTokenGetter getter;
    private final Clock clock;

    public ServiceAccountTokenAuthenticator(ServiceAccountIssuer issuer, ServiceAccountTokenGetter getter, Clock clock) {
        this.issuer = issuer;
        this.getter = getter;
        this.clock = clock;
    }

    /** The outcome: a user and the audiences the token was accepted for, or kube's reason for refusing it. */
    public record Result(UserInfo user, List<String> audiences, String error) {
        static Result rejected(String error) {
            return new Result(null, List.of(), error);
        }

        public boolean authenticated() {
            return user != null;
        }
    }

    /** @param requested the audiences the caller wants the token for; empty means the API server's own */
    public Result authenticate(String token, List<String> requested) {
        JsonWebToken jwt = JsonWebToken.parse(token).orElse(null);
        String tokenIssuer = jwt == null ? null : jwt.claims().path("iss").asText(null);
        boolean legacy = LegacyTokenValidator.LEGACY_ISSUER.equals(tokenIssuer);
        // a token of another issuer is not ours to judge: no authenticator recognises it
        if (jwt == null || !(legacy || issuer.issuer().equals(tokenIssuer))) {
            return Result.rejected(INVALID_BEARER_TOKEN);
        }
        if (!jwt.verifiedBy(issuer.key())) {
            return Result.rejected("go-jose/go-jose: error in cryptographic primitive");
        }
        JsonNode claims = jwt.claims();
        List<String> tokenAudiences = strings(claims.path("aud"));
        if (tokenAudiences.isEmpty()) {
            tokenAudiences = issuer.apiAudiences();
        }
        List<String> targets = requested == null || requested.isEmpty() ? issuer.apiAudiences() : requested;
        List<String> accepted = new ArrayList<>();
        for (String target : targets) {
            if (tokenAudiences.contains(target)) {
                accepted.add(target);
            }
        }
        if (accepted.isEmpty()) {
            return Result.rejected("token audiences " + goQuoted(tokenAudiences) + " is invalid for the target audiences "
                    + goQuoted(targets));
        }
        Instant now = clock.instant();
        String lifetime = lifetimeError(claims, now.getEpochSecond());
        if (lifetime != null) {
            return Result.rejected(lifetime);
        }
        try {
            if (legacy) {
                String error = new LegacyTokenValidator(getter).validate(token, claims,
                        now.atZone(java.time.ZoneOffset.UTC).toLocalDate());
                return error != null ? Result.rejected(error) : new Result(user(claims.path(LegacyTokenValidator.NAMESPACE).asText(),
                        claims.path(LegacyTokenValidator.NAME).asText(), claims.path(LegacyTokenValidator.UID).asText(),
                        new TreeMap<>()), accepted, null);
            }
            return validate(claims.path("kubernetes.io"), claims.path("jti").asText(""), accepted, now);
        } catch (ApiException e) {
            // a lookup that failed for another reason than a missing object: kube passes its error on
            return Result.rejected(e.getMessage());
        }
    }

    /** jwt.Claims.Validate's order: not before, expiry, issued at, each with a minute's leeway. */
    private static String lifetimeError(JsonNode claims, long now) {
        if (claims.has("nbf") && now + LEEWAY_SECONDS < claims.path("nbf").asLong()) {
            return "service account token is not valid yet";
        }
        if (claims.has("exp") && now - LEEWAY_SECONDS > claims.path("exp").asLong()) {
            return "service account token has expired";
        }
        if (claims.has("iat") && now + LEEWAY_SECONDS < claims.path("iat").asLong()) {
            return "service account token is issued in the future";
        }
        return null;
    }

    private Result validate(JsonNode kubernetes, String jti, List<String> audiences, Instant now) {
        Instant deletedBefore = now.minusSeconds(LEEWAY_SECONDS);
        String namespace = kubernetes.path("namespace").asText("");
        JsonNode serviceAccountRef = kubernetes.path("serviceaccount");
        String name = serviceAccountRef.path("name").asText("");
        String uid = serviceAccountRef.path("uid").asText("");
        HasMetadata serviceAccount;
        try {
            serviceAccount = getter.serviceAccount(namespace, name);
        } catch (ApiException e) {
            return Result.rejected(e.getMessage());
        }
        if (!uid.equals(serviceAccount.getMetadata().getUid())) {
            return Result.rejected("service account UID (" + serviceAccount.getMetadata().getUid() + ") does not match claim (" + uid + ")");
        }
        if (deletedBefore(serviceAccount, deletedBefore)) {
            return Result.rejected("service account " + namespace + "/" + name + " has been deleted");
        }
        // a Go map: encoded with its keys sorted
        Map<String, List<String>> extra = new TreeMap<>();
        JsonNode secretRef = kubernetes.path("secret");
        if (secretRef.isObject()) {
            String problem = boundObjectProblem(() -> getter.secret(namespace, secretRef.path("name").asText("")),
                    secretRef, "secret UID (%s) does not match service account secret ref claim (%s)", deletedBefore);
            if (problem != null) {
                return Result.rejected(problem);
            }
        }
        JsonNode podRef = kubernetes.path("pod");
        if (podRef.isObject()) {
            String problem = boundObjectProblem(() -> getter.pod(namespace, podRef.path("name").asText("")),
                    podRef, "pod UID (%s) does not match service account pod ref claim (%s)", deletedBefore);
            if (problem != null) {
                return Result.rejected(problem);
            }
            extra.put(POD_NAME_KEY, List.of(podRef.path("name").asText("")));
            extra.put(POD_UID_KEY, List.of(podRef.path("uid").asText("")));
        }
        if (!jti.isEmpty()) {
            extra.put(CREDENTIAL_ID_KEY, List.of("JTI=" + jti));
        }
        JsonNode nodeRef = kubernetes.path("node");
        if (nodeRef.isObject()) {
            // a pod-bound token only reports its pod's node; a node-bound one needs the node alive
            if (!podRef.isObject()) {
                String problem = boundObjectProblem(() -> getter.node(nodeRef.path("name").asText("")),
                        nodeRef, "node UID (%s) does not match service account node ref claim (%s)", deletedBefore);
                if (problem != null) {
                    return Result.rejected(problem);
                }
            }
            extra.put(NODE_NAME_KEY, List.of(nodeRef.path("name").asText("")));
            if (!nodeRef.path("uid").asText("").isEmpty()) {
                extra.put(NODE_UID_KEY, List.of(nodeRef.path("uid").asText("")));
            }
        }
        return new Result(user(namespace, name, uid, extra), audiences, null);
    }

    private static UserInfo user(String namespace, String name, String uid, Map<String, List<String>> extra) {
        UserInfo user = new UserInfo();
        user.setUsername(ServiceAccountClaims.username(namespace, name));
        user.setUid(uid);
        // serviceaccount.MakeGroupNames, then the group every authenticated user gets
        user.setGroups(List.of("system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated"));
        user.setExtra(extra);
        return user;
    }

    /** Null when the bound object still exists, is the one the token names and is not being deleted. */
    private static String boundObjectProblem(Supplier<HasMetadata> lookup, JsonNode ref, String uidMismatch, Instant deletedBefore) {
        HasMetadata object;
        try {
            object = lookup.get();
        } catch (ApiException e) {
            return INVALIDATED;
        }
        String uid = ref.path("uid").asText("");
        if (!uid.equals(object.getMetadata().getUid())) {
            return String.format(uidMismatch, object.getMetadata().getUid(), uid);
        }
        return deletedBefore(object, deletedBefore) ? INVALIDATED : null;
    }

    private static boolean deletedBefore(HasMetadata object, Instant limit) {
        String deletion = object.getMetadata().getDeletionTimestamp();
        return deletion != null && Instant.parse(deletion).isBefore(limit);
    }

    private static List<String> strings(JsonNode node) {
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        List<String> values = new ArrayList<>();
        node.forEach(value -> values.add(value.asText()));
        return values;
    }

    /** Go's %q of a []string: ["a" "b"]. */
    static String goQuoted(List<String> values) {
        return values.stream().map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(" ", "[", "]"));
    }
}
