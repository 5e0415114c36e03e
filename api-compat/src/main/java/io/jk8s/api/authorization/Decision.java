package io.jk8s.api.authorization;

/** An authorizer's answer (authorizer.Decision with its reason): allowed, or no opinion (RBAC never denies outright). */
public record Decision(boolean allowed, String reason) {

    static final Decision PRIVILEGED = new Decision(true, "");
}
