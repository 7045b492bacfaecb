package io.honkerj.jdbi.worker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Upstream's task payload: {@code {"__honker_task__": {"task": name, "args": [...], "kwargs": {...}}}}, keys
 * in Python's order. Reading is as lenient as upstream's worker: missing args or kwargs are empty.
 */
final class TaskEnvelope {
    static final String KEY = "__honker_task__";

    private TaskEnvelope() {}

    static Map<String, Object> of(String task, List<?> args, Map<String, ?> kwargs) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("task", task);
        call.put("args", args == null ? List.of() : args);
        call.put("kwargs", kwargs == null ? Map.of() : kwargs);
        return Map.of(KEY, call);
    }

    /** The call inside a decoded payload, or null if it is not a task envelope. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> callOf(Object payload) {
        if (payload instanceof Map<?, ?> map && map.get(KEY) instanceof Map<?, ?> call) {
            return (Map<String, Object>) call;
        }
        return null;
    }
}
