package io.honkerj.jdbi.function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.honkerj.api.InvalidCronException;
import io.honkerj.jdbi.internal.PositionalSql;
import io.honkerj.jdbi.scheduler.CronExpression;
import io.honkerj.jdbi.scheduler.FirePlan;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.sqlite.Function;

/**
 * Registers upstream honker's {@code honker_*} SQL functions on a sqlite-jdbc connection, with upstream's
 * names and arities, so SQL written for upstream runs unchanged: for every input upstream accepts they return
 * what upstream's extension returns (checked against {@code honker-core/src/honker_ops.rs} at 54af9ac5),
 * including values the Java API refuses (a lease, TTL or heartbeat of 0 or less, negative delays,
 * {@code n} or {@code limit} below 1 meaning "no limit", {@code max_attempts} below 1, a result TTL of 0 or
 * less meaning "never expires"). Arguments are strictly typed as upstream ("Invalid function parameter type"
 * for a TEXT/INTEGER mismatch, NULL only where upstream allows it); JSON results are compact with sorted
 * keys; rows come in upstream's order ({@code honker_claim_batch} in its {@code UPDATE ... RETURNING} order,
 * {@code honker_scheduler_tick} in table order); errors carry upstream's messages where upstream raises one.
 *
 * <p>Deliberate differences, each an upstream bug fixed (spec section 4): {@code honker_claim_batch} and
 * {@code honker_sweep_expired} also dead-letter expired jobs whose claim lapsed (upstream leaves them stuck);
 * {@code honker_scheduler_resume} recomputes the next fire from now (upstream back-fills the paused
 * boundaries); {@code honker_rate_limit_try} drops the limit's finished windows when a new one starts.
 *
 * <p>Registered: {@code honker_bootstrap/0}, {@code honker_enqueue/7}, {@code honker_claim_batch/4},
 * {@code honker_ack/2}, {@code honker_ack_batch/2}, {@code honker_retry/4}, {@code honker_fail/3},
 * {@code honker_heartbeat/3}, {@code honker_cancel/1}, {@code honker_get_job/1},
 * {@code honker_queue_next_claim_at/1}, {@code honker_sweep_expired/1}, {@code honker_lock_acquire/3},
 * {@code honker_lock_release/2}, {@code honker_lock_renew/3}, {@code honker_rate_limit_try/3},
 * {@code honker_rate_limit_sweep/1}, {@code honker_result_save/3}, {@code honker_result_get/1},
 * {@code honker_result_sweep/0}, {@code honker_stream_publish/3}, {@code honker_stream_read_since/3},
 * {@code honker_stream_save_offset/3}, {@code honker_stream_get_offset/2},
 * {@code honker_cron_next_after/2}, {@code honker_scheduler_register/6,7}, {@code _unregister/1},
 * {@code _pause/1}, {@code _resume/1} (which, unlike upstream, recomputes the next fire from now),
 * {@code _update/6,8}, {@code _tick/1}, {@code _soonest/0} and {@code _list/0}. Cron times are read in the
 * JVM's default zone, as upstream reads them in the process's. For parity with upstream, SQL callers keep
 * upstream's arithmetic where the Java api improves on it: {@code honker_lock_acquire/renew} store
 * {@code floor(now) + ttl_s} (the Java {@link io.honkerj.api.Lock} stores the first whole second at or after
 * the exact now + ttl), {@code honker_scheduler_register} recomputes the next fire and {@code _tick} catches
 * up at most 64 boundaries per task (the Java {@link io.honkerj.api.Scheduler} keeps an unchanged task's next
 * fire and lets its leader choose a {@link io.honkerj.api.MisfirePolicy}).
 */
public final class HonkerFunctions {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final String Q = "io.honkerj.jdbi.queue.QueueDao.";
    private static final String L = "io.honkerj.jdbi.lock.LockDao.";
    private static final String R = "io.honkerj.jdbi.ratelimit.RateLimitDao.";
    private static final String RES = "io.honkerj.jdbi.result.ResultDao.";
    private static final String S = "io.honkerj.jdbi.stream.StreamDao.";
    private static final String SCH = "io.honkerj.jdbi.scheduler.SchedulerDao.";

    private final Connection conn;
    private final Map<String, PositionalSql> statements = new HashMap<>();

    private HonkerFunctions(Connection conn) {
        this.conn = conn;
    }

    /**
     * Registers every function on a connection.
     *
     * @param conn a sqlite-jdbc connection
     * @throws SQLException if sqlite-jdbc refuses
     */
    public static void register(Connection conn) throws SQLException {
        new HonkerFunctions(conn).registerAll();
    }

    @FunctionalInterface
    private interface Body {
        void run(Args a) throws SQLException;
    }

    /** The arguments and result of one call. */
    private final class Args {
        private final Call call;

        Args(Call call) {
            this.call = call;
        }

        String text(int i) throws SQLException {
            if (call.type(i) != 3) {
                throw new Invalid();
            }
            return call.text(i);
        }

        long integer(int i) throws SQLException {
            if (call.type(i) != 1) {
                throw new Invalid();
            }
            return call.integer(i);
        }

        Long optInteger(int i) throws SQLException {
            return call.type(i) == 5 ? null : integer(i);
        }

        String optText(int i) throws SQLException {
            return call.type(i) == 5 ? null : text(i);
        }

        long positive(int i, String message) throws SQLException {
            long v = integer(i);
            if (v < 1) {
                throw new Refused(message);
            }
            return v;
        }

        void result(long v) throws SQLException {
            call.resultLong(v);
        }

        void result(String v) throws SQLException {
            call.resultText(v);
        }

        void resultNull() throws SQLException {
            call.resultNull();
        }
    }

    private static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid() {
            super("Invalid function parameter type", null, false, false);
        }
    }

    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** The sqlite-jdbc function object of one name. */
    private final class Call extends Function {
        private final Body body;

        Call(Body body) {
            this.body = body;
        }

        int type(int i) throws SQLException {
            return value_type(i);
        }

        String text(int i) throws SQLException {
            return value_text(i);
        }

        long integer(int i) throws SQLException {
            return value_long(i);
        }

        void resultLong(long v) throws SQLException {
            result(v);
        }

        void resultText(String v) throws SQLException {
            result(v);
        }

        void resultNull() throws SQLException {
            result();
        }

        @Override
        protected void xFunc() throws SQLException {
            try {
                body.run(new Args(this));
            } catch (Invalid | Refused e) {
                error(e.getMessage());
            }
        }
    }

    private void fn(String name, int arity, Body body) throws SQLException {
        Function.create(conn, name, new Call(body), arity, 0);
    }

    private PositionalSql sql(String daoMethod) throws SQLException {
        PositionalSql s = statements.get(daoMethod);
        if (s == null) {
            s = PositionalSql.of(conn, daoMethod);
            statements.put(daoMethod, s);
        }
        return s;
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    /** {@code now + seconds} as upstream's {@code unixepoch() + ?}, refusing a sum that would overflow. */
    private static long plus(long now, long seconds) {
        try {
            return Math.addExact(now, seconds);
        } catch (ArithmeticException e) {
            throw new Refused("integer overflow: " + now + " + " + seconds);
        }
    }

    private int update(String daoMethod, Map<String, ?> values) throws SQLException {
        return sql(daoMethod).bind(values).executeUpdate();
    }

    private List<Map<String, Object>> rows(String daoMethod, Map<String, ?> values) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (ResultSet rs = sql(daoMethod).bind(values).executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new TreeMap<>();
                for (int c = 1; c <= columns; c++) {
                    row.put(rs.getMetaData().getColumnLabel(c), rs.getObject(c));
                }
                out.add(row);
            }
        }
        return out;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> v(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private void registerAll() throws SQLException {
        fn("honker_bootstrap", 0, a -> {
            bootstrap();
            a.result(1);
        });
        registerQueue();
        registerCoordination();
        registerStreams();
        registerScheduler();
    }

    private void registerScheduler() throws SQLException {
        ZoneId zone = ZoneId.systemDefault();
        fn("honker_cron_next_after", 2, a -> {
            String expr = a.text(0);
            long from = a.integer(1);
            try {
                a.result(CronExpression.parse(expr).nextAfter(from, zone));
            } catch (InvalidCronException | IllegalArgumentException e) {
                throw new Refused(e.getMessage());
            }
        });
        for (int arity : new int[] {6, 7}) {
            fn("honker_scheduler_register", arity, a -> {
                String expr = a.text(2);
                long next = cron(expr).nextAfter(now(), zone);
                long maxAttempts = arity == 7 ? Math.max(1, a.integer(6)) : 3; // upstream clamps to 1
                Long expires = a.optInteger(5);
                update(SCH + "register", v("name", a.text(0), "queue", a.text(1), "cron", expr, "payload", a.text(3),
                        "priority", a.integer(4), "expiresS", expires, "nextFireAt", next, "maxAttempts", maxAttempts));
                a.result(1);
            });
        }
        fn("honker_scheduler_unregister", 1, a -> a.result(update(SCH + "unregister", v("name", a.text(0)))));
        fn("honker_scheduler_pause", 1, a -> a.result(update(SCH + "pause", v("name", a.text(0)))));
        fn("honker_scheduler_resume", 1, a -> {
            String name = a.text(0);
            List<Map<String, Object>> row = rows(SCH + "get", v("name", name));
            a.result(row.isEmpty() ? 0 : update(SCH + "resume", v("name", name,
                    "nextFireAt", cron((String) row.get(0).get("cron_expr")).nextAfter(now(), zone))));
        });
        for (int arity : new int[] {6, 8}) {
            fn("honker_scheduler_update", arity, a -> {
                List<Map<String, Object>> rows = rows(SCH + "get", v("name", a.text(0)));
                String cron = a.optText(1);
                String payload = a.optText(2);
                Long priority = a.optInteger(3);
                boolean touchExpires = a.integer(5) != 0;
                boolean touchMax = arity == 8 && a.integer(7) != 0;
                if (rows.isEmpty() || (cron == null && payload == null && priority == null && !touchExpires && !touchMax)) {
                    a.result(0);
                    return;
                }
                Map<String, Object> row = rows.get(0);
                long next = cron == null ? ((Number) row.get("next_fire_at")).longValue() : cron(cron).nextAfter(now(), zone);
                Long maxAttempts = touchMax ? a.optInteger(6) : Long.valueOf(((Number) row.get("max_attempts")).longValue());
                if (maxAttempts != null && maxAttempts < 1) {
                    maxAttempts = 1L; // upstream clamps to 1
                }
                update(SCH + "update", v("name", a.text(0), "cron", cron != null ? cron : row.get("cron_expr"),
                        "payload", payload != null ? payload : row.get("payload"),
                        "priority", priority != null ? priority : row.get("priority"),
                        "expiresS", touchExpires ? a.optInteger(4) : row.get("expires_s"),
                        "maxAttempts", maxAttempts == null ? 3 : maxAttempts, "nextFireAt", next));
                a.result(1);
            });
        }
        fn("honker_scheduler_tick", 1, a -> {
            long now = a.integer(0);
            List<Map<String, Object>> fires = new ArrayList<>();
            for (Map<String, Object> task : rows(SCH + "dueInTableOrder", v("now", now))) {
                FirePlan plan = FirePlan.of((String) task.get("cron_expr"), ((Number) task.get("next_fire_at")).longValue(),
                        now, zone);
                Object expires = task.get("expires_s");
                for (long fireAt : plan.fireAts()) {
                    long t = now();
                    long jobId;
                    try (ResultSet rs = sql(Q + "enqueue").bind(v("queue", task.get("queue"), "payload", task.get("payload"),
                            "priority", task.get("priority"), "runAt", t,
                            "maxAttempts", ((Number) task.get("max_attempts")).longValue(),
                            "expiresAt", expires == null ? null : plus(t, ((Number) expires).longValue()), "now", t))
                            .executeQuery()) {
                        rs.next();
                        jobId = rs.getLong(1);
                    }
                    fires.add(new TreeMap<>(v("fire_at", fireAt, "job_id", jobId, "name", task.get("name"),
                            "queue", task.get("queue"))));
                }
                update(SCH + "setNextFire", v("name", task.get("name"), "nextFireAt", plan.nextFireAt()));
            }
            a.result(json(fires));
        });
        fn("honker_scheduler_soonest", 0, a -> {
            List<Map<String, Object>> r = rows(SCH + "soonest", v());
            Object soonest = r.isEmpty() ? null : r.get(0).values().iterator().next();
            a.result(soonest == null ? 0 : ((Number) soonest).longValue());
        });
        fn("honker_scheduler_list", 0, a -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Map<String, Object> r : rows(SCH + "list", v())) {
                Map<String, Object> row = new TreeMap<>(r);
                row.put("enabled", ((Number) r.get("enabled")).intValue() == 1);
                out.add(row);
            }
            a.result(json(out));
        });
    }

    private static CronExpression cron(String expr) {
        try {
            return CronExpression.parse(expr);
        } catch (InvalidCronException e) {
            throw new Refused(e.getMessage());
        }
    }

    /** Creates the schema and runs upstream's migrations (the scheduler's two later columns), as upstream. */
    private void bootstrap() throws SQLException {
        ClasspathSqlLocator locator = ClasspathSqlLocator.removingComments();
        String schema = "io.honkerj.jdbi.schema.SchemaDao.";
        try (Statement st = conn.createStatement()) {
            for (String ddl : locator.locate(schema + "bootstrap").split(";")) {
                if (!ddl.isBlank()) {
                    st.execute(ddl.trim());
                }
            }
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(locator.locate(schema + "schedulerColumns").trim())) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
            if (!columns.contains("enabled")) {
                addColumnIgnoringRace(st, locator.locate(schema + "addSchedulerEnabled").trim());
            }
            if (!columns.contains("max_attempts")) {
                addColumnIgnoringRace(st, locator.locate(schema + "addSchedulerMaxAttempts").trim());
            }
        }
    }

    private static void addColumnIgnoringRace(Statement st, String alter) throws SQLException {
        try {
            st.execute(alter);
        } catch (SQLException e) {
            if (!String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("duplicate column")) {
                throw e;
            }
        }
    }

    private void registerQueue() throws SQLException {
        fn("honker_enqueue", 7, a -> {
            long now = now();
            Long runAt = a.optInteger(2);
            Long delay = a.optInteger(3);
            Long expires = a.optInteger(6);
            long due = delay != null ? plus(now, delay) : runAt != null ? runAt : now;
            try (ResultSet rs = sql(Q + "enqueue").bind(v("queue", a.text(0), "payload", a.text(1),
                    "priority", a.integer(4), "runAt", due, "maxAttempts", a.integer(5),
                    "expiresAt", expires == null ? null : plus(now, expires), "now", now)).executeQuery()) {
                rs.next();
                a.result(rs.getLong(1));
            }
        });
        fn("honker_claim_batch", 4, a -> {
            long now = now();
            String queue = a.text(0);
            a.text(1);
            a.integer(2);
            a.integer(3);
            Map<String, Object> pre = v("queue", queue, "now", now);
            if (update(Q + "deadLetterLapsedClaims", pre) > 0) {
                update(Q + "deleteLapsedClaims", pre);
            }
            if (update(Q + "deadLetterExhaustedPending", pre) > 0) {
                update(Q + "deleteExhaustedPending", pre);
            }
            String worker = a.text(1);
            long n = a.integer(2);
            long lease = plus(now, a.integer(3)) - now;
            // the same UPDATE ... RETURNING as upstream's, so rows come in its order (not re-sorted)
            List<Map<String, Object>> claimed = rows(Q + "claimBatch", v("queue", queue, "workerId", worker,
                    "n", n, "leaseSeconds", lease, "now", now));
            List<Map<String, Object>> out = new ArrayList<>();
            for (Map<String, Object> r : claimed) {
                out.add(new TreeMap<>(v("attempts", r.get("attempts"), "claim_expires_at", r.get("claim_expires_at"),
                        "id", r.get("id"), "payload", r.get("payload"), "queue", r.get("queue"),
                        "worker_id", r.get("worker_id"))));
            }
            a.result(json(out));
        });
        fn("honker_ack", 2, a -> a.result(update(Q + "ack", v("id", a.integer(0), "workerId", a.text(1), "now", now()))));
        fn("honker_ack_batch", 2, a -> a.result(
                update(Q + "ackBatch", v("ids", a.text(0), "workerId", a.text(1), "now", now()))));
        fn("honker_retry", 4, a -> {
            long now = now();
            long id = a.integer(0);
            String worker = a.text(1);
            long delay = a.integer(2);
            String error = a.text(3);
            if (update(Q + "retryToDead", v("id", id, "workerId", worker, "error", error, "now", now)) == 1) {
                a.result(update(Q + "deleteLive", v("id", id)));
            } else {
                a.result(update(Q + "retryReschedule", v("id", id, "workerId", worker, "runAt", plus(now, delay), "now", now)));
            }
        });
        fn("honker_fail", 3, a -> {
            long id = a.integer(0);
            int moved = update(Q + "failToDead", v("id", id, "workerId", a.text(1), "error", a.text(2), "now", now()));
            a.result(moved == 1 ? update(Q + "deleteLive", v("id", id)) : 0);
        });
        fn("honker_heartbeat", 3, a -> {
            long now = now();
            a.result(update(Q + "heartbeat", v("id", a.integer(0), "workerId", a.text(1),
                    "leaseUntil", plus(now, a.integer(2)), "now", now)));
        });
        fn("honker_cancel", 1, a -> a.result(update(Q + "cancel", v("id", a.integer(0)))));
        fn("honker_get_job", 1, a -> {
            List<Map<String, Object>> job = rows(Q + "getJob", v("id", a.integer(0)));
            a.result(job.isEmpty() ? "" : json(job.get(0)));
        });
        fn("honker_queue_next_claim_at", 1, a -> {
            List<Map<String, Object>> r = rows(Q + "nextClaimAt", v("queue", a.text(0), "now", now()));
            Object at = r.isEmpty() ? null : r.get(0).values().iterator().next();
            a.result(at == null ? 0 : ((Number) at).longValue());
        });
        fn("honker_sweep_expired", 1, a -> {
            Map<String, Object> q = v("queue", a.text(0), "now", now());
            int moved = update(Q + "sweepToDead", q);
            if (moved > 0) {
                update(Q + "sweepDelete", q);
            }
            a.result(moved);
        });
    }

    private void registerCoordination() throws SQLException {
        fn("honker_lock_acquire", 3, a -> {
            long now = now();
            String name = a.text(0);
            String owner = a.text(1);
            long ttl = a.integer(2);
            update(L + "deleteExpired", v("name", name, "now", now));
            update(L + "insertIfAbsent", v("name", name, "owner", owner, "expiresAt", plus(now, ttl)));
            List<Map<String, Object>> holder = rows(L + "holder", v("name", name));
            a.result(!holder.isEmpty() && owner.equals(holder.get(0).get("owner")) ? 1 : 0);
        });
        fn("honker_lock_release", 2, a -> a.result(update(L + "release", v("name", a.text(0), "owner", a.text(1)))));
        fn("honker_lock_renew", 3, a -> {
            long now = now();
            String name = a.text(0);
            String owner = a.text(1);
            long ttl = a.positive(2, "ttl_s must be positive");
            a.result(update(L + "renewEvenIfLapsed", v("name", name, "owner", owner, "expiresAt", plus(now, ttl))));
        });
        fn("honker_rate_limit_try", 3, a -> {
            String name = a.text(0);
            long limit = a.integer(1);
            long per = a.integer(2);
            if (limit <= 0 || per <= 0) {
                throw new Refused("limit and per must be positive");
            }
            long windowStart = now() / per * per; // SQLite's integer division, as upstream's
            List<Map<String, Object>> counted = rows(R + "tryAcquire", v("name", name, "windowStart", windowStart, "limit", limit));
            if (!counted.isEmpty() && ((Number) counted.get(0).get("count")).longValue() == 1) {
                update(R + "deleteOldWindows", v("name", name, "windowStart", windowStart));
            }
            a.result(counted.isEmpty() ? 0 : 1);
        });
        fn("honker_rate_limit_sweep", 1, a -> a.result(update(R + "sweep", v("before", now() - a.integer(0)))));
        fn("honker_result_save", 3, a -> {
            long now = now();
            long jobId = a.integer(0);
            String value = a.text(1);
            long ttl = a.integer(2);
            // upstream: a ttl of 0 or less stores a result that never expires
            update(RES + "save", v("jobId", jobId, "value", value, "expiresAt", ttl > 0 ? plus(now, ttl) : null,
                    "now", now));
            a.result(1);
        });
        fn("honker_result_get", 1, a -> {
            List<Map<String, Object>> r = rows(RES + "get", v("jobId", a.integer(0), "now", now()));
            if (r.isEmpty() || r.get(0).get("value") == null) {
                a.resultNull();
            } else {
                a.result((String) r.get(0).get("value"));
            }
        });
        fn("honker_result_sweep", 0, a -> a.result(update(RES + "pruneExpired", v("now", now()))));
    }

    private void registerStreams() throws SQLException {
        fn("honker_stream_publish", 3, a -> {
            try (ResultSet rs = sql(S + "publish").bind(v("topic", a.text(0), "key", a.optText(1),
                    "payload", a.text(2), "now", now())).executeQuery()) {
                rs.next();
                a.result(rs.getLong(1));
            }
        });
        fn("honker_stream_read_since", 3, a -> a.result(json(rows(S + "readSince",
                v("topic", a.text(0), "offset", a.integer(1), "limit", a.integer(2))))));
        fn("honker_stream_save_offset", 3, a -> a.result(update(S + "saveOffset",
                v("consumer", a.text(0), "topic", a.text(1), "offset", a.integer(2)))));
        fn("honker_stream_get_offset", 2, a -> {
            List<Map<String, Object>> r = rows(S + "getOffset", v("consumer", a.text(0), "topic", a.text(1)));
            a.result(((Number) r.get(0).values().iterator().next()).longValue());
        });
    }
}
