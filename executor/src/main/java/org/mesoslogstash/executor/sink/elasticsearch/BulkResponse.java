package org.mesoslogstash.executor.sink.elasticsearch;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a {@code _bulk} answer (HTTP 200) says about each item, in request order, and what the sink
 * does about it ({@link Outcome}). Pure: no I/O.
 */
record BulkResponse(List<Item> items) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What becomes of one item. */
    enum Outcome {
        /** Stored now (201, or 200). */
        CREATED,
        /** 409 on {@code create}: a document with this id is there already, from an earlier attempt. */
        ALREADY_PRESENT,
        /** 429, 5xx, 401/403 (blocks, credentials), 408: may succeed later, sent again. */
        RETRY,
        /** Any other 4xx (mapping and parsing errors): cannot succeed by retrying, goes to the dead-letter index. */
        DEAD_LETTER
    }

    record Item(int status, String errorType, String reason) {

        Outcome outcome() {
            return classify(status);
        }
    }

    static Outcome classify(int status) {
        if (status == 200 || status == 201) {
            return Outcome.CREATED;
        }
        if (status == 409) {
            return Outcome.ALREADY_PRESENT;
        }
        if (status >= 400 && status < 500 && status != 401 && status != 403 && status != 408 && status != 429) {
            return Outcome.DEAD_LETTER;
        }
        return Outcome.RETRY;
    }

    /**
     * @throws MalformedResponseException when the answer is not a bulk answer for {@code expectedItems} items
     */
    static BulkResponse parse(byte[] body, int expectedItems) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new MalformedResponseException("not JSON: " + e.getOriginalMessage());
        }
        JsonNode items = root == null ? null : root.get("items");
        if (items == null || !items.isArray()) {
            throw new MalformedResponseException("no \"items\" array in " + abbreviate(body));
        }
        if (items.size() != expectedItems) {
            throw new MalformedResponseException(items.size() + " items answered for " + expectedItems + " sent");
        }
        List<Item> result = new ArrayList<>(expectedItems);
        for (JsonNode item : items) {
            JsonNode action = item.isObject() && item.size() == 1 ? item.properties().iterator().next().getValue() : null;
            JsonNode status = action == null ? null : action.get("status");
            if (status == null || !status.isIntegralNumber()) {
                throw new MalformedResponseException("an item without a status: " + item);
            }
            JsonNode error = action.get("error");
            String type = null;
            String reason = null;
            if (error != null && error.isObject()) {
                type = text(error.get("type"));
                reason = text(error.get("reason"));
                JsonNode cause = error.get("caused_by");
                if (cause != null && cause.isObject() && cause.get("reason") != null) {
                    reason = reason + " (caused by " + text(cause.get("type")) + ": " + text(cause.get("reason")) + ")";
                }
            } else if (error != null) {
                reason = error.toString();
            }
            result.add(new Item(status.asInt(), type, reason));
        }
        return new BulkResponse(result);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.isString() ? node.asString() : node.toString();
    }

    static String abbreviate(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 300), java.nio.charset.StandardCharsets.UTF_8);
        return body.length > 300 ? text + "..." : text;
    }

    /** The answer had status 200 but was not what {@code _bulk} answers; the request is sent again. */
    static final class MalformedResponseException extends RuntimeException {
        MalformedResponseException(String message) {
            super(message);
        }
    }
}
