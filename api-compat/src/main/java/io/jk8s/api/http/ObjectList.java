package io.jk8s.api.http;

import io.fabric8.kubernetes.api.model.ListMeta;
import java.util.List;

/** A {@code <Kind>List} response; {@code items} is always present, [] when empty, as upstream. */
public record ObjectList(String kind, String apiVersion, ListMeta metadata, List<?> items) {}
