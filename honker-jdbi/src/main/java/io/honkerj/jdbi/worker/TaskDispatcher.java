package io.honkerj.jdbi.worker;

import io.honkerj.api.InvalidPayloadException;
import io.honkerj.api.Job;
import io.honkerj.api.PayloadCodec;
import io.honkerj.api.TaskCall;
import io.honkerj.api.TaskHandler;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Runs the task a job names, as upstream's task worker does: a payload that is not a task envelope, or a
 * name nobody registered, is dead-lettered at once with upstream's error text; the return value, null
 * included, becomes the job's result.
 */
final class TaskDispatcher implements JsonJobHandler {
    private final Map<String, TaskHandler> tasks;
    private final PayloadCodec codec;

    TaskDispatcher(Map<String, TaskHandler> tasks, PayloadCodec codec) {
        this.tasks = Map.copyOf(tasks);
        this.codec = codec;
    }

    @Override
    public String handle(Job job) throws Exception {
        Map<String, Object> call;
        try {
            call = TaskEnvelope.callOf(job.payload(Object.class));
        } catch (InvalidPayloadException e) {
            throw new Unrunnable(e.getMessage(), e);
        }
        if (call == null) {
            throw new Unrunnable("raw (non-decorated) payload on a decorated-task queue", null);
        }
        Object name = call.get("task");
        TaskHandler handler = name instanceof String s ? tasks.get(s) : null;
        if (handler == null) {
            String known = new TreeSet<>(tasks.keySet()).stream().map(t -> "'" + t + "'")
                    .collect(Collectors.joining(", ", "[", "]"));
            String shown = name instanceof String s ? "'" + s + "'" : String.valueOf(name);
            throw new Unrunnable("unknown task: " + shown + ". Registered tasks: " + known, null);
        }
        Object result = handler.run(new Call((String) name, listOf(call.get("args")), mapOf(call.get("kwargs")),
                job));
        return result == null ? "null" : JsonJobHandler.encodeResult(codec, job, result);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> listOf(Object args) {
        return args instanceof List<?> l ? (List<Object>) l : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapOf(Object kwargs) {
        return kwargs instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private final class Call implements TaskCall {
        private final String task;
        private final List<Object> args;
        private final Map<String, Object> kwargs;
        private final Job job;

        Call(String task, List<Object> args, Map<String, Object> kwargs, Job job) {
            this.task = task;
            this.args = args;
            this.kwargs = kwargs;
            this.job = job;
        }

        @Override
        public String task() {
            return task;
        }

        @Override
        public List<Object> args() {
            return args;
        }

        @Override
        public Map<String, Object> kwargs() {
            return kwargs;
        }

        @Override
        public <T> T arg(int index, Type type) {
            if (index < 0 || index >= args.size()) {
                throw new IllegalArgumentException("task '" + task + "' has no argument " + index + " (it got "
                        + args.size() + ")");
            }
            return codec.decode(codec.encode(args.get(index)), type);
        }

        @Override
        public <T> T kwarg(String name, Type type) {
            return kwargs.containsKey(name) ? codec.decode(codec.encode(kwargs.get(name)), type) : null;
        }

        @Override
        public Job job() {
            return job;
        }

        @Override
        public String toString() {
            return "TaskCall[" + task + ", job " + job.id() + "]";
        }
    }
}
