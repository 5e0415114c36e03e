package io.jk8s.api.serviceaccount;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.jk8s.api.errors.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The checks on a legacy token, the one kube-controller-manager's tokens controller puts into a
 * {@code kubernetes.io/service-account-token} Secret (pkg/serviceaccount/legacy.go legacyValidator):
 * its claims name the namespace, Secret and service account; the Secret must still exist and hold
 * exactly this token, and the service account must exist with the uid of the claim. Such tokens
 * never expire: deleting the Secret is how they are revoked.
 */
final class LegacyTokenValidator {

    static final String LEGACY_ISSUER = "kubernetes/serviceaccount";
    static final String NAMESPACE = "kubernetes.io/serviceaccount/namespace";
    static final String SECRET = "kubernetes.io/serviceaccount/secret.name";
    static final String NAME = "kubernetes.io/serviceaccount/service-account.name";
    static final String UID = "kubernetes.io/serviceaccount/service-account.uid";
    private static final String INVALIDATED = "Token has been invalidated";

    private final ServiceAccountTokenGetter getter;

    LegacyTokenValidator(ServiceAccountTokenGetter getter) {
        this.getter = getter;
    }

    /** Null when the token is good, else kube's reason. */
    String validate(String token, JsonNode claims) {
        String subject = claims.path("sub").asText("");
        String namespace = claims.path(NAMESPACE).asText("");
        String secretName = claims.path(SECRET).asText("");
        String name = claims.path(NAME).asText("");
        String uid = claims.path(UID).asText("");
        if (subject.isEmpty()) {
            return "sub claim is missing";
        } else if (namespace.isEmpty()) {
            return "namespace claim is missing";
        } else if (secretName.isEmpty()) {
            return "secretName claim is missing";
        } else if (name.isEmpty()) {
            return "serviceAccountName claim is missing";
        } else if (uid.isEmpty()) {
            return "serviceAccountUID claim is missing";
        } else if (!subject.equals(ServiceAccountClaims.username(namespace, name))) {
            return "sub claim is invalid";
        }
        Secret secret;
        try {
            secret = getter.secret(namespace, secretName);
        } catch (ApiException e) {
            return INVALIDATED;
        }
        if (secret.getMetadata().getDeletionTimestamp() != null) {
            return INVALIDATED;
        }
        String stored = secret.getData() == null ? null : secret.getData().get("token");
        if (stored == null || !new String(Base64.getDecoder().decode(stored), StandardCharsets.UTF_8).equals(token)) {
            return "Token does not match server's copy";
        }
        ServiceAccount serviceAccount = getter.serviceAccount(namespace, name);
        if (serviceAccount.getMetadata().getDeletionTimestamp() != null) {
            return "ServiceAccount " + namespace + "/" + name + " has been deleted";
        }
        if (!uid.equals(serviceAccount.getMetadata().getUid())) {
            return "ServiceAccount UID (" + serviceAccount.getMetadata().getUid() + ") does not match claim (" + uid + ")";
        }
        return null;
    }
}
