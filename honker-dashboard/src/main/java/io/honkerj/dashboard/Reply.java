package io.honkerj.dashboard;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** An HTTP response before it is sent: status, content type, body, extra headers. */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final String JSON = "application/json; charset=utf-8";

    static Reply json(byte[] body) {
        return new Reply(200, JSON, body, Map.of());
    }

    static Reply error(int status, String message) {
        return new Reply(status, JSON, Json.write(Map.of("error", message)), Map.of());
    }

    Reply withHeader(String name, String value) {
        Map<String, String> copy = new HashMap<>(headers);
        copy.put(name, value);
        return new Reply(status, contentType, body, Map.copyOf(copy));
    }

    @Override
    public String toString() {
        return status + " " + new String(body, StandardCharsets.UTF_8);
    }
}
