package io.jk8s.api.errors;

import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusDetails;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one place where error Statuses are made, with kube-apiserver's messages and reasons
 * (k8s.io/apimachinery/pkg/api/errors/errors.go). kubectl prints {@code Error from server
 * (<reason>): <message>}, and clients branch on reason and code, so both must match upstream.
 *
 * <p>{@code resource} is the plural resource name ("configmaps") and {@code group} its API group
 * ("" for core): kube reports the qualified resource in messages and {@code details.kind}.
 */
public final class StatusErrors {

    private StatusErrors() {}

    public static ApiException notFound(String group, String resource, String name) {
        return error(404, "NotFound", qualified(group, resource) + " \"" + name + "\" not found",
                details(name, group, resource));
    }

    /** An unknown URL: no resource, no name (kube's generic NotFound handler). */
    public static ApiException pathNotFound() {
        return error(404, "NotFound", "the server could not find the requested resource", new StatusDetails());
    }

    public static ApiException alreadyExists(String group, String resource, String name) {
        return error(409, "AlreadyExists", qualified(group, resource) + " \"" + name + "\" already exists",
                details(name, group, resource));
    }

    /** An optimistic-concurrency failure (stale metadata.resourceVersion on update). */
    public static ApiException conflict(String group, String resource, String name) {
        return conflict(group, resource, name,
                "the object has been modified; please apply your changes to the latest version and try again");
    }

    /** A DeleteOptions precondition (uid, resourceVersion) that does not hold: also a Conflict upstream. */
    public static ApiException preconditionFailed(String group, String resource, String name, String detail) {
        return conflict(group, resource, name, "Precondition failed: " + detail);
    }

    /** A Conflict with its own reason text ("pod x is already assigned to node ..."). */
    public static ApiException conflictBecause(String group, String resource, String name, String why) {
        return conflict(group, resource, name, why);
    }

    private static ApiException conflict(String group, String resource, String name, String why) {
        return error(409, "Conflict", "Operation cannot be fulfilled on " + qualified(group, resource) + " \"" + name
                + "\": " + why, details(name, group, resource));
    }

    /**
     * Creating in a namespace that is being deleted (NamespaceLifecycle admission): a Forbidden
     * whose cause of type NamespaceTerminating lets clients tell it from an authorization failure.
     */
    public static ApiException namespaceTerminating(String group, String resource, String name, String namespace) {
        StatusDetails details = details(name, group, resource);
        details.setCauses(List.of(new StatusCause("metadata.namespace", "namespace " + namespace + " is being terminated",
                "NamespaceTerminating")));
        return error(403, "Forbidden", qualified(group, resource) + " \"" + name + "\" is forbidden: unable to create new"
                + " content in namespace " + namespace + " because it is being terminated", details);
    }

    /**
     * An admission rule or the authorizer refused the request (errors.NewForbidden): 403 naming the
     * resource (and object, if any) and why; a request for no resource is just "forbidden".
     */
    public static ApiException forbidden(String group, String resource, String name, String why) {
        String what = (group == null || group.isEmpty()) && (resource == null || resource.isEmpty()) ? "forbidden"
                : name == null || name.isEmpty() ? qualified(group, resource) + " is forbidden"
                : qualified(group, resource) + " \"" + name + "\" is forbidden";
        return error(403, "Forbidden", what + ": " + why, details(name == null || name.isEmpty() ? null : name, group,
                resource == null || resource.isEmpty() ? null : resource));
    }

    /** The request's credentials were refused (the authentication filter's 401); kube never says why. */
    public static ApiException unauthorized() {
        return error(401, "Unauthorized", "Unauthorized", null);
    }

    /** Validation failures; unlike the others, kube puts the Kind (not the resource) into details. */
    public static ApiException invalid(String group, String kind, String name, List<FieldError> errors) {
        String joined = errors.size() == 1 ? errors.get(0).message()
                : errors.stream().map(FieldError::message).collect(Collectors.joining(", ", "[", "]"));
        String qualifiedKind = group.isEmpty() ? kind : kind + "." + group;
        StatusDetails details = details(name, group, kind);
        details.setCauses(errors.stream().map(FieldError::toCause).toList());
        return error(422, "Invalid", qualifiedKind + " \"" + name + "\" is invalid: " + joined, details);
    }

    /**
     * A request kube-apiserver understood but cannot apply, such as a JSON patch whose operation
     * does not fit the object (NewGenericServerResponse with 422).
     */
    public static ApiException unprocessable(String message) {
        return error(422, "Invalid", message, null);
    }

    /**
     * A server-side apply that would take fields from other managers (NewApplyConflict): details
     * carry only the causes, one FieldManagerConflict per field.
     */
    public static ApiException applyConflict(List<StatusCause> causes, String message) {
        StatusDetails details = new StatusDetails();
        details.setCauses(causes);
        return error(409, "Conflict", message, details);
    }

    public static ApiException badRequest(String message) {
        return error(400, "BadRequest", message, null);
    }

    public static ApiException methodNotSupported(String group, String resource, String verb) {
        return error(405, "MethodNotAllowed", verb + " is not supported on resources of kind \"" + qualified(group, resource) + "\"",
                details(null, group, resource));
    }

    /** The 405 kube answers a create of a custom resource whose definition is being deleted (crdHandler). */
    public static ApiException terminatingDefinition(String group, String resource, String verb) {
        return error(405, "MethodNotAllowed", verb + " not allowed while custom resource definition is terminating",
                details(null, group, resource));
    }

    public static ApiException notAcceptable(String accepted) {
        return error(406, "NotAcceptable", "only the following media types are accepted: " + accepted, null);
    }

    /** negotiation.NewUnsupportedMediaTypeError: names what is accepted, not what was sent. */
    public static ApiException unsupportedMediaType(String supported) {
        return error(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: "
                + supported, null);
    }

    public static ApiException requestEntityTooLarge(String message) {
        return error(413, "RequestEntityTooLarge", "Request entity too large: " + message, null);
    }

    /** A list continue token that points at compacted history (kube: NewResourceExpired, HTTP 410). */
    public static ApiException continueExpired() {
        return error(410, "Expired", "The provided continue parameter is too old to display a consistent list result. "
                + "You can start a new list without the continue parameter, or use the continue token in this response "
                + "to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent "
                + "list - objects that were created, modified, or deleted between the time the first chunk was returned "
                + "and now may show up in the list.", null);
    }

    /** A watch or exact list at a compacted revision; watches deliver it as an ERROR event. */
    public static ApiException resourceVersionTooOld(long requested, long oldest) {
        return error(410, "Expired", "too old resource version: " + requested + " (" + oldest + ")", null);
    }

    /** A read at a revision the server has not reached (kube: NewTooLargeResourceVersionError). */
    public static ApiException resourceVersionTooLarge(long requested, long current) {
        StatusDetails details = new StatusDetails();
        details.setRetryAfterSeconds(1);
        details.setCauses(List.of(new io.fabric8.kubernetes.api.model.StatusCause(null,
                "Too large resource version", "ResourceVersionTooLarge")));
        return error(504, "Timeout", "Too large resource version: " + requested + ", current: " + current, details);
    }

    /** A proxied backend (kubelet, pod, service endpoint) that cannot be reached (kube: NewServiceUnavailable). */
    public static ApiException serviceUnavailable(String message) {
        return error(503, "ServiceUnavailable", message, null);
    }

    /**
     * A kubelet's non-2xx answer to a streamed request such as pods/log, as apiserver's
     * GenericHttpResponseChecker turns it into a Status: 400 keeps the kubelet's text as the message.
     */
    public static ApiException fromBackend(int code, String body, String group, String resource, String name) {
        if (code == 400) {
            return badRequest(body);
        }
        if (code == 500) {
            return internal(new IllegalStateException(body));
        }
        if (code == 404) {
            return error(404, "NotFound", body, details(name, group, resource));
        }
        return error(code, code == 403 ? "Forbidden" : "InternalError", body, details(name, group, resource));
    }

    /**
     * An error kube-apiserver got as a plain Go error rather than a Status (ErrorToAPIStatus): 500
     * with no reason, which kubectl prints as {@code Error from server: <message>}.
     */
    public static ApiException unknown(String message) {
        return error(500, null, message, null);
    }

    public static ApiException internal(Throwable cause) {
        String message = "Internal error occurred: " + (cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage());
        return new ApiException(status(500, "InternalError", message, null), cause);
    }

    /**
     * Not an error: the Success Status that answers a DELETE of kinds that do not return the
     * deleted object. Built here so every Status has one shape.
     */
    public static Status deleted(String group, String resource, String name, String uid) {
        StatusDetails details = details(name, group, resource);
        details.setUid(uid);
        Status status = status(0, null, null, details);
        status.setCode(null);
        status.setStatus("Success");
        return status;
    }

    /** Not an error: the Success Status some writes answer with (a pod binding: 201). */
    public static Status success(int code) {
        Status status = status(code, null, null, null);
        status.setStatus("Success");
        return status;
    }

    private static ApiException error(int code, String reason, String message, StatusDetails details) {
        return new ApiException(status(code, reason, message, details));
    }

    private static Status status(int code, String reason, String message, StatusDetails details) {
        Status status = new Status();
        status.setApiVersion("v1");
        status.setKind("Status");
        status.setMetadata(new ListMeta());
        status.setStatus("Failure");
        status.setMessage(message);
        status.setReason(reason);
        status.setDetails(details);
        status.setCode(code);
        return status;
    }

    private static StatusDetails details(String name, String group, String kind) {
        StatusDetails details = new StatusDetails();
        details.setName(name);
        details.setGroup(group == null || group.isEmpty() ? null : group);
        details.setKind(kind);
        return details;
    }

    private static String qualified(String group, String resource) {
        return group == null || group.isEmpty() ? resource : resource + "." + group;
    }
}
