package io.jk8s.api.registry.core;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** ConfigMaps (pkg/registry/core/configmap/strategy.go, validation from pkg/apis/core/validation). */
public final class ConfigMapStrategy implements Strategy<ConfigMap> {

    private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    private static final String CONFIG_KEY_MESSAGE = "a valid config key must consist of alphanumeric characters, '-', '_' "
            + "or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
    private static final String IMMUTABLE = "field is immutable when `immutable` is set";

    @Override
    public List<FieldError> validate(ConfigMap configMap) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> data = orEmpty(configMap.getData());
        Map<String, String> binaryData = orEmpty(configMap.getBinaryData());
        data.keySet().forEach(key -> checkKey("data", key, errors));
        for (String key : binaryData.keySet()) {
            checkKey("binaryData", key, errors);
            if (data.containsKey(key)) {
                errors.add(FieldError.invalid("data[" + key + "]", key, "duplicate of key present in binaryData"));
            }
        }
        return errors;
    }

    @Override
    public List<FieldError> validateUpdate(ConfigMap configMap, ConfigMap old) {
        List<FieldError> errors = new ArrayList<>(validate(configMap));
        if (Boolean.TRUE.equals(old.getImmutable())) {
            if (!Boolean.TRUE.equals(configMap.getImmutable())) {
                errors.add(FieldError.forbidden("immutable", IMMUTABLE));
            }
            if (!Objects.equals(orEmpty(configMap.getData()), orEmpty(old.getData()))) {
                errors.add(FieldError.forbidden("data", IMMUTABLE));
            }
            if (!Objects.equals(orEmpty(configMap.getBinaryData()), orEmpty(old.getBinaryData()))) {
                errors.add(FieldError.forbidden("binaryData", IMMUTABLE));
            }
        }
        return errors;
    }

    @Override
    public List<TableColumn<ConfigMap>> tableColumns() {
        return List.of(StandardColumns.name(),
                TableColumn.of("Data", "string", "Data contains the configuration data. Each key must consist of alphanumeric "
                                + "characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. "
                                + "The keys stored in Data must not overlap with the keys in the BinaryData field, this is "
                                + "enforced during validation process.",
                        (cm, now) -> (long) (orEmpty(cm.getData()).size() + orEmpty(cm.getBinaryData()).size())),
                StandardColumns.age());
    }

    /** apimachinery's IsConfigMapKey. */
    private static void checkKey(String field, String key, List<FieldError> errors) {
        String path = field + "[" + key + "]";
        if (key.length() > 253) {
            errors.add(FieldError.invalid(path, key, "must be no more than 253 characters"));
        }
        if (!CONFIG_KEY.matcher(key).matches()) {
            errors.add(FieldError.invalid(path, key, CONFIG_KEY_MESSAGE));
        }
        if (key.equals(".")) {
            errors.add(FieldError.invalid(path, key, "must not be '.'"));
        } else if (key.equals("..")) {
            errors.add(FieldError.invalid(path, key, "must not be '..'"));
        } else if (key.startsWith("..")) {
            errors.add(FieldError.invalid(path, key, "must not start with '..'"));
        }
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
