package io.honkerj.bench;

import io.honkerj.jdbi.internal.PositionalSql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The PostgreSQL baseline: one raw pgjdbc connection (autocommit off, one {@code commit()} per transaction,
 * as Jdbi's transactions on PostgreSQL do), running honker's own queue statements (the PostgreSQL version
 * under {@code QueueDao/postgres/} where there is one, else the shared file: what honker runs there) from
 * prepared statements made once and reused, with no Jdbi, no mapping, no pool and no JSON library. What
 * honker adds on top of this is what the PostgreSQL section's ratios show.
 */
final class RawPgQueue implements AutoCloseable {
    private static final Class<?> QUEUE_DAO = daoClass();
    private static final String ENGINE_FOLDER = "postgres";

    private final Connection conn;
    private final PositionalSql enqueue;
    private final PositionalSql enqueueAll;
    private final PositionalSql deadLetterLapsedClaims;
    private final PositionalSql claimBatch;
    private final PositionalSql ackBatch;
    private final String queue;

    RawPgQueue(DataSource ds, String queue) throws SQLException {
        this.queue = queue;
        this.conn = ds.getConnection();
        try {
            conn.setAutoCommit(false);
            this.enqueue = statement("enqueue");
            this.enqueueAll = statement("enqueueAll");
            this.deadLetterLapsedClaims = statement("deadLetterLapsedClaims");
            this.claimBatch = statement("claimBatch");
            this.ackBatch = statement("ackBatch");
            conn.commit();
        } catch (SQLException | RuntimeException e) {
            conn.close();
            throw e;
        }
    }

    private static Class<?> daoClass() {
        try {
            return Class.forName("io.honkerj.jdbi.queue.QueueDao");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The statement honker runs on PostgreSQL for this QueueDao method: its own file if any, else the shared one. */
    private PositionalSql statement(String method) throws SQLException {
        String own = ENGINE_FOLDER + "/" + method;
        String path = QUEUE_DAO.getName().replace('.', '/') + "/" + own + ".sql";
        boolean hasOwn = QUEUE_DAO.getClassLoader().getResource(path) != null;
        return new PositionalSql(conn, QUEUE_DAO, hasOwn ? own : method);
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private Map<String, Object> values(long now) {
        Map<String, Object> v = new HashMap<>();
        v.put("queue", queue);
        v.put("priority", 0);
        v.put("runAt", now);
        v.put("maxAttempts", 3);
        v.put("expiresAt", null);
        v.put("now", now);
        return v;
    }

    /** Inserts one job in a transaction of its own ({@code enqueue.sql}, which also sends the wake-up); returns its id. */
    long enqueue(String payload) throws SQLException {
        Map<String, Object> v = values(now());
        v.put("payload", payload);
        long id;
        try (ResultSet rs = enqueue.bind(v).executeQuery()) {
            rs.next();
            id = rs.getLong(1);
        }
        conn.commit();
        return id;
    }

    /**
     * Inserts jobs in one transaction and one statement ({@code enqueueAll.sql}, as honker's
     * {@code enqueueAll}); returns how many.
     *
     * @param payloadsArray a JSON array of the payloads' JSON texts, as strings
     */
    int enqueueAll(String payloadsArray) throws SQLException {
        Map<String, Object> v = values(now());
        v.put("payloads", payloadsArray);
        int n = 0;
        try (ResultSet rs = enqueueAll.bind(v).executeQuery()) {
            while (rs.next()) {
                rs.getLong(1);
                n++;
            }
        }
        conn.commit();
        return n;
    }

    /** The payloads argument of {@link #enqueueAll}: {@code count} copies of {@code payload} in a JSON array of strings. */
    static String payloadsArray(String payload, int count) {
        String quoted = "\"" + payload.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            sb.append(i == 0 ? "" : ",").append(quoted);
        }
        return sb.append(']').toString();
    }

    /** A claimed job: its id and the JSON text of its payload. */
    record Claimed(long id, String payload) {}

    /** Claims up to {@code n} jobs in one transaction, as honker's {@code claimBatch}; returns them. */
    List<Claimed> claim(String workerId, int n, int leaseSeconds) throws SQLException {
        Map<String, Object> v = new HashMap<>();
        v.put("queue", queue);
        v.put("now", now());
        deadLetterLapsedClaims.bind(v).executeUpdate();
        v.put("workerId", workerId);
        v.put("n", n);
        v.put("leaseSeconds", leaseSeconds);
        List<Claimed> jobs = new ArrayList<>(n);
        try (ResultSet rs = claimBatch.bind(v).executeQuery()) {
            while (rs.next()) {
                jobs.add(new Claimed(rs.getLong("id"), rs.getString("payload")));
            }
        }
        conn.commit();
        return jobs;
    }

    /** Acks jobs in one transaction and one statement, as honker's {@code ackBatch}; returns how many. */
    int ack(List<Long> ids, String workerId) throws SQLException {
        Map<String, Object> v = new HashMap<>();
        v.put("ids", ids.toString());
        v.put("workerId", workerId);
        v.put("now", now());
        int acked = ackBatch.bind(v).executeUpdate();
        conn.commit();
        return acked;
    }

    /** Claims up to {@code n} jobs in one transaction and acks them in a second; returns how many. */
    int claimAndAck(String workerId, int n, int leaseSeconds) throws SQLException {
        List<Claimed> jobs = claim(workerId, n, leaseSeconds);
        if (jobs.isEmpty()) {
            return 0;
        }
        List<Long> ids = new ArrayList<>(jobs.size());
        for (Claimed job : jobs) {
            ids.add(job.id());
        }
        int acked = ack(ids, workerId);
        if (acked != ids.size()) {
            throw new IllegalStateException("raw ack acked " + acked + " of " + ids.size());
        }
        return acked;
    }

    @Override
    public void close() throws SQLException {
        try {
            conn.rollback();
        } finally {
            enqueue.close();
            enqueueAll.close();
            deadLetterLapsedClaims.close();
            claimBatch.close();
            ackBatch.close();
            conn.close();
        }
    }
}
