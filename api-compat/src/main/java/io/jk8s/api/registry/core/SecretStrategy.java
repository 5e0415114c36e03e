package io.jk8s.api.registry.core;

import io.fabric8.kubernetes.api.model.Secret;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/** Secrets (pkg/registry/core/secret/strategy.go); stringData is folded into data as the v1 conversion does. */
public final class SecretStrategy implements Strategy<Secret> {

    @Override
    public void applyDefaults(Secret secret) {
        if (secret.getType() == null || secret.getType().isEmpty()) {
            secret.setType("Opaque");
        }
        if (secret.getStringData() != null && !secret.getStringData().isEmpty()) {
            Map<String, String> data = new TreeMap<>(secret.getData() == null ? Map.of() : secret.getData());
            secret.getStringData().forEach((k, v) ->
                    data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
            secret.setData(data);
        }
        secret.setStringData(null);
    }

    /**
     * ValidateSecret's rule for service-account-token Secrets: they must name their service account;
     * the tokens controller adds the rest (uid annotation, token, namespace) later.
     */
    @Override
    public List<FieldError> validate(Secret secret) {
        if (!"kubernetes.io/service-account-token".equals(secret.getType())) {
            return List.of();
        }
        Map<String, String> annotations = secret.getMetadata().getAnnotations();
        String account = annotations == null ? null : annotations.get("kubernetes.io/service-account.name");
        return account == null || account.isEmpty()
                ? List.of(FieldError.required("metadata.annotations[kubernetes.io/service-account.name]", ""))
                : List.of();
    }

    @Override
    public List<FieldError> validateUpdate(Secret secret, Secret old) {
        List<FieldError> errors = new ArrayList<>(validate(secret));
        if (!Objects.equals(secret.getType(), old.getType())) {
            errors.add(FieldError.invalid("type", secret.getType(), "field is immutable"));
        }
        if (Boolean.TRUE.equals(old.getImmutable())) {
            if (!Objects.equals(secret.getData(), old.getData())) {
                errors.add(FieldError.forbidden("data", "field is immutable when `immutable` is set"));
            }
            if (!Boolean.TRUE.equals(secret.getImmutable())) {
                errors.add(FieldError.forbidden("immutable", "field is immutable when `immutable` is set"));
            }
        }
        return errors;
    }

    @Override
    public List<TableColumn<Secret>> tableColumns() {
        return List.of(StandardColumns.name(),
                TableColumn.of("Type", "string", "Used to facilitate programmatic handling of secret data.",
                        (s, now) -> s.getType()),
                TableColumn.of("Data", "string", "Data contains the secret data.",
                        (s, now) -> s.getData() == null ? 0L : (long) s.getData().size()),
                StandardColumns.age());
    }

    @Override
    public Map<String, Function<Secret, String>> fieldLabels() {
        return Map.of("type", Secret::getType);
    }
}
