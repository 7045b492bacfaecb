package io.honkerj.dashboard;

import io.honkerj.api.DeadJob;
import io.honkerj.api.EnqueueOptions;
import io.honkerj.api.Queue;
import io.honkerj.jdbi.HonkerConfig;
import io.honkerj.jdbi.JdbiHonker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The JSON api: {@code GET /api/<what>} reads, {@code POST /api/<action>} changes (the {@link Router} has
 * checked read-only mode, origin and CSRF token before). Parameters come in the query string. Reads go
 * through {@link DashboardDao}; changes through the honker api where it has the operation (requeue, pause,
 * resume, enqueue), so they take the same write path as the application's own.
 */
final class Api {
    /** Rows a list returns at most. */
    static final int MAX_LIMIT = 1000;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** A request the api cannot serve as asked; answered with 400 and the message. */
    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    private final JdbiHonker honker;
    private final DashboardOptions options;
    private final Sampler sampler;
    private final Clock clock;
    private final byte[] csrfToken;

    Api(JdbiHonker honker, DashboardOptions options, Sampler sampler) {
        this.honker = honker;
        this.options = options;
        this.sampler = sampler;
        this.clock = honker.jdbi().getConfig(HonkerConfig.class).getClock();
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.csrfToken = Base64.getUrlEncoder().withoutPadding().encodeToString(random)
                .getBytes(StandardCharsets.US_ASCII);
    }

    boolean csrfTokenMatches(String given) {
        return given != null && MessageDigest.isEqual(csrfToken, given.getBytes(StandardCharsets.UTF_8));
    }

    Reply get(String what, Map<String, String> q) {
        Object body = switch (what) {
            case "session" -> Map.of("csrfToken", new String(csrfToken, StandardCharsets.US_ASCII),
                    "readOnly", options.readOnly(), "file", honker.file().map(Object::toString).orElse(""));
            case "queues" -> queues();
            case "history" -> history();
            case "jobs" -> jobs(required(q, "queue"), q.getOrDefault("state", "all"), limit(q));
            case "job" -> job(id(q));
            case "dead" -> read(dao -> dao.deadJobs(blankToNull(q.get("queue")), limit(q)));
            case "streams" -> read(dao -> Map.of("topics", dao.topics(), "consumers", dao.consumers()));
            case "scheduler" -> scheduler();
            case "locks" -> locks();
            case "ratelimits" -> read(dao -> dao.rateLimitWindows(limit(q)));
            default -> null;
        };
        return body == null ? Reply.error(404, "no such api: /api/" + what) : Reply.json(Json.write(body));
    }

    Reply post(String action, Map<String, String> q) {
        Object body = switch (action) {
            case "dead/requeue" -> requeue(id(q));
            case "dead/requeue-all" -> requeueAll(required(q, "queue"));
            case "dead/delete" -> {
                long id = id(q);
                int deleted = read(dao -> dao.deleteDead(id));
                if (deleted == 0) {
                    throw new NotFound("no dead job " + id);
                }
                yield Map.of("deleted", deleted);
            }
            case "scheduler/pause" -> Map.of("changed", honker.scheduler(options.zone()).pause(task(q).name()));
            case "scheduler/resume" -> Map.of("changed", honker.scheduler(options.zone()).resume(task(q).name()));
            case "scheduler/run" -> runNow(task(q));
            default -> null;
        };
        return body == null ? Reply.error(404, "no such action: /api/" + action) : Reply.json(Json.write(body));
    }

    private Map<String, Object> queues() {
        long now = now();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Rows.QueueRow r : read(dao -> dao.queues(now))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("queue", r.queue());
            m.put("pending", r.pending());
            m.put("processing", r.processing());
            m.put("dead", r.dead());
            m.put("oldestPendingAgeSeconds", r.oldestDueRunAt() == null ? null : now - r.oldestDueRunAt());
            out.add(m);
        }
        return Map.of("now", now, "queues", out);
    }

    private Map<String, Object> history() {
        return Map.of("sampleEverySeconds", sampler.every().toMillis() / 1000.0, "samples", sampler.samples());
    }

    private List<Rows.JobRow> jobs(String queue, String state, int limit) {
        return switch (state) {
            case "pending", "processing" -> read(dao -> dao.liveJobs(queue, state, limit));
            case "all", "live" -> read(dao -> dao.liveJobs(queue, null, limit));
            case "dead" -> read(dao -> dao.deadJobs(queue, limit));
            default -> throw new BadRequest("state must be pending, processing, dead or all, got '" + state + "'");
        };
    }

    private Rows.JobRow job(long id) {
        return read(dao -> dao.liveJob(id).or(() -> dao.deadJob(id)))
                .orElseThrow(() -> new NotFound("no job " + id + " (acked, cancelled or deleted)"));
    }

    private Map<String, Object> requeue(long id) {
        Rows.JobRow dead = read(dao -> dao.deadJob(id)).orElseThrow(() -> new NotFound("no dead job " + id));
        Optional<Long> fresh = honker.queue(dead.queue()).requeueDead(id);
        return Map.of("requeued", fresh.orElseThrow(() -> new NotFound("no dead job " + id)));
    }

    private Map<String, Object> requeueAll(String queueName) {
        Queue queue = honker.queue(queueName);
        int count = 0;
        while (true) {
            List<DeadJob> batch = queue.deadJobs(100);
            if (batch.isEmpty()) {
                return Map.of("requeued", count);
            }
            for (DeadJob d : batch) {
                if (queue.requeueDead(d.id()).isPresent()) {
                    count++;
                }
            }
        }
    }

    private Map<String, Object> scheduler() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Rows.TaskRow t : read(DashboardDao::tasks)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("queue", t.queue());
            m.put("cron", t.cronExpr());
            m.put("payload", t.payload());
            m.put("priority", t.priority());
            m.put("expiresS", t.expiresS());
            m.put("maxAttempts", t.maxAttempts());
            m.put("enabled", t.enabled() != 0);
            m.put("nextFireAt", t.nextFireAt());
            m.put("nextFire", LOCAL.format(Instant.ofEpochSecond(t.nextFireAt()).atZone(options.zone())));
            out.add(m);
        }
        return Map.of("zone", options.zone().getId(), "now", now(), "tasks", out);
    }

    private Rows.TaskRow task(Map<String, String> q) {
        String name = required(q, "name");
        return read(DashboardDao::tasks).stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new NotFound("no scheduled task '" + name + "'"));
    }

    private Map<String, Object> runNow(Rows.TaskRow t) {
        EnqueueOptions o = EnqueueOptions.defaults().withPriority(t.priority()).withMaxAttempts(t.maxAttempts());
        if (t.expiresS() != null && t.expiresS() > 0) {
            o = o.withExpiresIn(Duration.ofSeconds(t.expiresS()));
        }
        return Map.of("jobId", honker.queue(t.queue()).enqueueJson(t.payload(), o));
    }

    private Map<String, Object> locks() {
        long now = now();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Rows.LockRow l : read(DashboardDao::locks)) {
            out.add(Map.of("name", l.name(), "owner", l.owner(), "expiresAt", l.expiresAt(),
                    "expired", l.expiresAt() <= now));
        }
        return Map.of("now", now, "locks", out);
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private <R> R read(Function<DashboardDao, R> work) {
        return honker.jdbi().withExtension(DashboardDao.class, work::apply);
    }

    private static String required(Map<String, String> q, String name) {
        String v = q.get(name);
        if (v == null || v.isBlank()) {
            throw new BadRequest("missing parameter '" + name + "'");
        }
        return v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static long id(Map<String, String> q) {
        String v = required(q, "id");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new BadRequest("id must be a job id (an integer), got '" + v + "'");
        }
    }

    private static int limit(Map<String, String> q) {
        String v = q.getOrDefault("limit", "100");
        try {
            int n = Integer.parseInt(v);
            if (n < 1 || n > MAX_LIMIT) {
                throw new BadRequest("limit must be 1.." + MAX_LIMIT + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequest("limit must be an integer, got '" + v + "'");
        }
    }

    /** Something named by the request does not exist; answered with 404. */
    static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message);
        }
    }
}
