package io.jk8s.api.registry.authentication;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.authentication.BoundObjectReference;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestSpec;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestStatus;
import io.jk8s.api.errors.ApiException;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.Subresource;
import io.jk8s.api.serviceaccount.ServiceAccountClaims;
import io.jk8s.api.serviceaccount.ServiceAccountIssuer;
import io.jk8s.api.serviceaccount.ServiceAccountTokenGetter;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * serviceaccounts/token (pkg/registry/core/serviceaccount/storage/token.go TokenREST): a POSTed
 * TokenRequest comes back with a signed token for the service account, optionally bound to a pod,
 * secret or node of its namespace, for the requested audiences and lifetime. Nothing is stored.
 */
public final class TokenRequests {

    public static final String GROUP = "authentication.k8s.io";
    public static final Subresource SUBRESOURCE = new Subresource("token", GROUP, "v1", "TokenRequest", List.of("create"));

    /** TokenRequestSpec's default lifetime (SetDefaults_TokenRequestSpec). */
    static final long DEFAULT_EXPIRATION_SECONDS = 3600;
    /** The kubelet's projected tokens ask for this; kube then issues them for a year but reports them stale after it. */
    static final long WARN_ONLY_EXPIRATION_SECONDS = 3600 + 7;
    static final long EXTENDED_EXPIRATION_SECONDS = 365L * 24 * 60 * 60;

    private final ServiceAccountIssuer issuer;
    private final ServiceAccountTokenGetter objects;
    private final Clock clock;

    public TokenRequests(Registry registry, Clock clock) {
        this(registry.serviceAccountIssuer(), new StoredTokenObjects(registry), clock);
    }

    TokenRequests(ServiceAccountIssuer issuer, ServiceAccountTokenGetter objects, Clock clock) {
        this.issuer = issuer;
        this.objects = objects;
        this.clock = clock;
    }

    public TokenRequest create(String namespace, String name, TokenRequest request) {
        ObjectMeta meta = request.getMetadata() == null ? new ObjectMeta() : request.getMetadata();
        if (meta.getName() != null && !meta.getName().isEmpty() && !meta.getName().equals(name)) {
            throw invalid(name, FieldError.invalid("metadata.name", meta.getName(), "must match the service account name if specified"));
        }
        if (meta.getNamespace() != null && !meta.getNamespace().isEmpty() && !meta.getNamespace().equals(namespace)) {
            throw invalid(name, FieldError.invalid("metadata.namespace", meta.getNamespace(),
                    "must match the service account namespace if specified"));
        }
        ServiceAccount serviceAccount = objects.serviceAccount(namespace, name);
        TokenRequestSpec spec = request.getSpec() == null ? new TokenRequestSpec() : request.getSpec();
        if (spec.getAudiences() == null || spec.getAudiences().isEmpty()) {
            spec.setAudiences(issuer.apiAudiences());
        }
        if (spec.getExpirationSeconds() == null) {
            spec.setExpirationSeconds(DEFAULT_EXPIRATION_SECONDS);
        }
        Instant now = clock.instant();
        meta.setName(serviceAccount.getMetadata().getName());
        meta.setNamespace(serviceAccount.getMetadata().getNamespace());
        meta.setCreationTimestamp(now.truncatedTo(ChronoUnit.SECONDS).toString());
        request.setMetadata(meta);
        request.setSpec(spec);
        List<FieldError> errors = validate(spec);
        if (!errors.isEmpty()) {
            throw StatusErrors.invalid(GROUP, "TokenRequest", "", errors);
        }

        Bound bound = bind(namespace, name, spec.getBoundObjectRef());
        long expiration = spec.getExpirationSeconds();
        long warnAfter = 0;
        // the kubelet's projected tokens (token.WarnOnlyBoundTokenExpirationSeconds) outlive their stated lifetime
        if (bound.pod() != null && expiration == WARN_ONLY_EXPIRATION_SECONDS
                && issuer.apiAudiences().containsAll(spec.getAudiences())) {
            warnAfter = expiration;
            expiration = EXTENDED_EXPIRATION_SECONDS;
        }
        ServiceAccountClaims claims = new ServiceAccountClaims(serviceAccount, bound.pod(), bound.secret(), bound.node(),
                expiration, warnAfter, spec.getAudiences());
        String token = issuer.sign(claims.toMap(issuer.issuer(), now));
        request.setStatus(new TokenRequestStatus(
                now.plusSeconds(spec.getExpirationSeconds()).truncatedTo(ChronoUnit.SECONDS).toString(), token));
        request.setApiVersion(GROUP + "/v1");
        request.setKind("TokenRequest");
        return request;
    }

    /** ValidateTokenRequest. */
    static List<FieldError> validate(TokenRequestSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        if (spec.getExpirationSeconds() < 600) {
            errors.add(FieldError.invalid("spec.expirationSeconds", spec.getExpirationSeconds(),
                    "may not specify a duration less than 10 minutes"));
        }
        if (spec.getExpirationSeconds() > 1L << 32) {
            errors.add(FieldError.invalid("spec.expirationSeconds", spec.getExpirationSeconds(),
                    "may not specify a duration larger than 2^32 seconds"));
        }
        return errors;
    }

    /** The object a token is bound to; for a pod also its node, when it has one. */
    private record Bound(Pod pod, Secret secret, Node node) {}

    private Bound bind(String namespace, String serviceAccount, BoundObjectReference ref) {
        if (ref == null) {
            return new Bound(null, null, null);
        }
        String apiVersion = ref.getApiVersion() == null ? "" : ref.getApiVersion();
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        String kind = ref.getKind() == null ? "" : ref.getKind();
        String name = ref.getName() == null ? "" : ref.getName();
        Bound bound;
        HasMetadata object;
        if (group.isEmpty() && kind.equals("Pod")) {
            Pod pod = objects.pod(namespace, name);
            if (!serviceAccount.equals(pod.getSpec().getServiceAccountName())) {
                throw StatusErrors.badRequest("cannot bind token for serviceaccount \"" + serviceAccount
                        + "\" to pod running with different serviceaccount name.");
            }
            bound = new Bound(pod, null, nodeOf(pod));
            object = pod;
        } else if (group.isEmpty() && kind.equals("Node")) {
            Node node = objects.node(name);
            bound = new Bound(null, null, node);
            object = node;
        } else if (group.isEmpty() && kind.equals("Secret")) {
            Secret secret = objects.secret(namespace, name);
            bound = new Bound(null, secret, null);
            object = secret;
        } else {
            // schema.GroupVersionKind's String()
            throw StatusErrors.badRequest("cannot bind token to object of type " + group + "/" + version + ", Kind=" + kind);
        }
        String uid = ref.getUid();
        if (uid != null && !uid.isEmpty() && !uid.equals(object.getMetadata().getUid())) {
            throw StatusErrors.conflictBecause(group, kind, name, "the UID in the bound object reference (" + uid
                    + ") does not match the UID in record. The object might have been deleted and then recreated");
        }
        return bound;
    }

    /** A node that is gone still goes into the claims by name, so the token tells where its pod ran. */
    private Node nodeOf(Pod pod) {
        String nodeName = pod.getSpec().getNodeName();
        if (nodeName == null || nodeName.isEmpty()) {
            return null;
        }
        try {
            return objects.node(nodeName);
        } catch (ApiException e) {
            if (e.status().getCode() != 404) {
                throw e;
            }
            Node named = new Node();
            named.setMetadata(new ObjectMeta());
            named.getMetadata().setName(nodeName);
            return named;
        }
    }

    private static ApiException invalid(String name, FieldError error) {
        return StatusErrors.invalid(GROUP, "TokenRequest", name, List.of(error));
    }
}
