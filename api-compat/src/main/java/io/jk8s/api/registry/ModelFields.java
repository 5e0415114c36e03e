package io.jk8s.api.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jk8s.api.codec.ObjectCodec;
import java.lang.reflect.Constructor;
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
        Accessors a = ACCESSORS.get(object.getClass());
        return a.getStatus == null ? null : invoke(a.getStatus, object);
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
        Accessors a = ACCESSORS.get(object.getClass());
        if (a.setStatus != null) {
            invoke(a.setStatus, object, status);
        }
    }

    /** Replaces the status with an empty one (Go's zero value, which its JSON shows as {@code status: {}}). */
    static void resetStatus(Object object) {
        if (object instanceof GenericKubernetesResource) {
            // a custom resource has no Go zero value: kube's customresource strategy deletes the field
            setStatus(object, null);
            return;
        }
        Accessors a = ACCESSORS.get(object.getClass());
        if (a.setStatus != null) {
            if (a.newStatus == null) {
                throw new IllegalStateException("status type without a no-arg constructor: " + a.getStatus.getReturnType());
            }
            try {
                setStatus(object, a.newStatus.newInstance());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make an empty " + a.getStatus.getReturnType(), e);
            }
        }
    }

    /** Whether the two objects' specs differ, compared as JSON like a semantic DeepEqual. */
    static boolean specChanged(Object object, Object old) {
        Method getter = ACCESSORS.get(object.getClass()).getSpec;
        if (getter == null) {
            return false;
        }
        Object spec = invoke(getter, object);
        Object oldSpec = invoke(getter, old);
        // equal models serialize alike; most updates leave the spec alone, and this is much cheaper than two trees
        return !Objects.equals(spec, oldSpec) && !Objects.equals(tree(spec), tree(oldSpec));
    }

    /** A model class's spec and status accessors, looked up once per class: every write uses them. */
    private record Accessors(Method getSpec, Method getStatus, Method setStatus, Constructor<?> newStatus) {

        static Accessors of(Class<?> type) {
            Method getStatus = accessor(type, "getStatus");
            Method setStatus = getStatus == null ? null : accessor(type, "setStatus", getStatus.getReturnType());
            Constructor<?> newStatus = null;
            if (setStatus != null) {
                try {
                    newStatus = getStatus.getReturnType().getDeclaredConstructor();
                } catch (NoSuchMethodException e) {
                    newStatus = null; // resetStatus refuses it
                }
            }
            return new Accessors(accessor(type, "getSpec"), getStatus, setStatus, newStatus);
        }
    }

    private static final ClassValue<Accessors> ACCESSORS = new ClassValue<>() {
        @Override
        protected Accessors computeValue(Class<?> type) {
            return Accessors.of(type);
        }
    };

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
