package io.jk8s.api.serviceaccount;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.jk8s.api.errors.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;

/**
 * The checks on a legacy token, the one kube-controller-manager's tokens controller puts into a
 * {@code kubernetes.io/service-account-token} Secret (pkg/serviceaccount/legacy.go legacyValidator):
 * its claims name the namespace, Secret and service account; the Secret must still exist and hold
 * exactly this token, and the service account must exist with the uid of the claim, and the
 * Secret must not carry the {@code legacy-token-invalid-since} label. Such tokens never expire:
 * deleting the Secret is how they are revoked. Each day a token is used, its Secret gets the
 * {@code legacy-token-last-used} label (kube's legacy token tracking).
 */
final class LegacyTokenValidator {

    static final String LEGACY_ISSUER = "kubernetes/serviceaccount";
    static final String NAMESPACE = "kubernetes.io/serviceaccount/namespace";
    static final String SECRET = "kubernetes.io/serviceaccount/secret.name";
    static final String NAME = "kubernetes.io/serviceaccount/service-account.name";
    static final String UID = "kubernetes.io/serviceaccount/service-account.uid";
    private static final String INVALIDATED = "Token has been invalidated";
    static final String LAST_USED_LABEL = "kubernetes.io/legacy-token-last-used";
    static final String INVALID_SINCE_LABEL = "kubernetes.io/legacy-token-invalid-since";

    private final ServiceAccountTokenGetter getter;

    LegacyTokenValidator(ServiceAccountTokenGetter getter) {
        this.getter = getter;
    }

    /** Null when the token is good, else kube's reason. */
    /** @param today the UTC date, for the last-used label */
    String validate(String token, JsonNode claims, LocalDate today) {
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
        Map<String, String> labels = secret.getMetadata().getLabels() == null ? Map.of() : secret.getMetadata().getLabels();
        String invalidSince = labels.get(INVALID_SINCE_LABEL);
        markUsed(secret, labels, today);
        if (invalidSince != null && !invalidSince.isEmpty()) {
            return "the token in secret " + namespace + "/" + secretName + " for service account " + namespace + "/" + name
                    + " has been marked invalid. Use tokens from the TokenRequest API or manually created secret-based tokens, "
                    + "or remove the '" + INVALID_SINCE_LABEL + "' label from the secret to temporarily allow use of this token";
        }
        return null;
    }

    /** patchSecretWithLastUsedDate: once a day at most (tomorrow counts too, for clocks a little ahead). */
    private void markUsed(Secret secret, Map<String, String> labels, LocalDate today) {
        String lastUsed = labels.get(LAST_USED_LABEL);
        if (!today.toString().equals(lastUsed) && !today.plusDays(1).toString().equals(lastUsed)) {
            getter.labelSecret(secret.getMetadata().getNamespace(), secret.getMetadata().getName(), secret.getMetadata().getUid(),
                    LAST_USED_LABEL, today.toString());
        }
    }
}
