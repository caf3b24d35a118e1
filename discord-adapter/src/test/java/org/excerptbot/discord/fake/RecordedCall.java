package org.excerptbot.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * One REST request the fake Discord received, with its answer.
 *
 * @param path the path below the API base, such as {@code channels/42/messages}
 * @param query the raw query string, or empty
 * @param headers the request headers that matter to a test (Authorization, User-Agent, Content-Type)
 * @param body the JSON body (the {@code payload_json} part of a multipart body), or a missing node
 * @param status the status the fake answered
 */
public record RecordedCall(
        Instant at, String method, String path, String query, Map<String, String> headers, JsonNode body, int status) {

    /** True when method and path match, with {@code *} standing for one path segment. */
    public boolean is(String method, String pathPattern) {
        if (!this.method.equals(method)) return false;
        String[] want = pathPattern.split("/");
        String[] have = path.split("/");
        if (want.length != have.length) return false;
        for (int i = 0; i < want.length; i++) {
            if (!want[i].equals("*") && !want[i].equals(have[i])) return false;
        }
        return true;
    }

    @Override
    public String toString() {
        return method + " " + path + (query.isEmpty() ? "" : "?" + query) + " -> " + status;
    }
}
