package io.jk8s.api.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jk8s.api.codec.ObjectCodec;
import java.lang.reflect.Method;
import java.util.Objects;

/**
 * The spec and status of any model object, found by their accessors, so the generic store can
 * apply kube's rules for every kind alike: status is written only through {@code /status}, a
 * create starts from an empty status, and {@code metadata.generation} moves when the spec does.
 * A custom resource (a {@link GenericKubernetesResource}) keeps them as plain JSON fields.
 */
final class ModelFields {

    private ModelFields() {}

    static Object status(Object object) {
        if (object instanceof GenericKubernetesResource custom) {
            return custom.getAdditionalProperties().get("status");
        }
        Method getter = accessor(object.getClass(), "getStatus");
        return getter == null ? null : invoke(getter, object);
    }

    static void setStatus(Object object, Object status) {
        if (object instanceof GenericKubernetesResource custom) {
            if (status == null) {
                custom.getAdditionalProperties().remove("status");
            } else {
                custom.getAdditionalProperties().put("status", status);
            }
            return;
        }
        Method getter = accessor(object.getClass(), "getStatus");
        if (getter != null) {
            invoke(accessor(object.getClass(), "setStatus", getter.getReturnType()), object, status);
        }
    }

    /** Replaces the status with an empty one (Go's zero value, which its JSON shows as {@code status: {}}). */
    static void resetStatus(Object object) {
        if (object instanceof GenericKubernetesResource) {
            // a custom resource has no Go zero value: kube's customresource strategy deletes the field
            setStatus(object, null);
            return;
        }
        Method getter = accessor(object.getClass(), "getStatus");
        if (getter != null) {
            try {
                setStatus(object, getter.getReturnType().getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("status type without a no-arg constructor: " + getter.getReturnType(), e);
            }
        }
    }

    /** Whether the two objects' specs differ, compared as JSON like a semantic DeepEqual. */
    static boolean specChanged(Object object, Object old) {
        Method getter = accessor(object.getClass(), "getSpec");
        if (getter == null) {
            return false;
        }
        return !Objects.equals(tree(invoke(getter, object)), tree(invoke(getter, old)));
    }

    private static JsonNode tree(Object value) {
        return value == null ? null : ObjectCodec.JSON.valueToTree(value);
    }

    private static Method accessor(Class<?> type, String name, Class<?>... parameters) {
        try {
            return type.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Object invoke(Method method, Object target, Object... args) {
        try {
            return method.invoke(target, args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call " + method, e);
        }
    }
}
