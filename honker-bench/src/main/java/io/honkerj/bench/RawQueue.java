package io.honkerj.bench;

import java.nio.file.Path;
import io.honkerj.jdbi.internal.PositionalSql;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;

/**
 * The baseline: one raw sqlite-jdbc connection in autocommit mode with honker's PRAGMAs except the WAL
 * auto-checkpoint, which keeps upstream's {@value #UPSTREAM_AUTOCHECKPOINT} pages (honker sets 100000 because its
 * background thread checkpoints; a raw connection that did the same would never checkpoint in a run, its WAL
 * growing without bound, so it would skip work any real app must do), explicit
 * {@code BEGIN IMMEDIATE} / {@code COMMIT} around each transaction, running
 * honker's own queue statements from prepared statements reused across calls, with no Jdbi, no mapping,
 * no pool and no JSON library. What honker adds on top of this is what the ratios show.
 */
final class RawQueue implements AutoCloseable {
    /** Upstream honker's {@code wal_autocheckpoint}, which every other binding on a shared file sets. */
    static final int UPSTREAM_AUTOCHECKPOINT = 10000;
    private static final Class<?> QUEUE_DAO = daoClass();
    private final Connection conn;
    private final PreparedStatement begin;
    private final PreparedStatement commit;
    private final PositionalSql enqueue;
    private final PositionalSql deadLetterLapsedClaims;
    private final PositionalSql claimBatch;
    private final PositionalSql ackBatch;
    private final String queue;

    RawQueue(Path file, String queue) throws SQLException {
        this.queue = queue;
        this.conn = DriverManager.getConnection("jdbc:sqlite:" + file);
        String pragmas = ClasspathSqlLocator.removingComments().locate(io.honkerj.jdbi.HonkerPlugin.class, "pragmas");
        try (Statement st = conn.createStatement()) {
            for (String p : pragmas.split(";")) {
                if (!p.isBlank()) {
                    st.execute(p.trim());
                }
            }
            st.execute("PRAGMA wal_autocheckpoint = " + UPSTREAM_AUTOCHECKPOINT);
        }
        this.begin = conn.prepareStatement("BEGIN IMMEDIATE");
        this.commit = conn.prepareStatement("COMMIT");
        this.enqueue = new PositionalSql(conn, QUEUE_DAO, "enqueue");
        this.deadLetterLapsedClaims = new PositionalSql(conn, QUEUE_DAO, "deadLetterLapsedClaims");
        this.claimBatch = new PositionalSql(conn, QUEUE_DAO, "claimBatch");
        this.ackBatch = new PositionalSql(conn, QUEUE_DAO, "ackBatch");
    }

    private static Class<?> daoClass() {
        try {
            return Class.forName("io.honkerj.jdbi.queue.QueueDao");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    /** Inserts {@code count} jobs in one transaction; returns the last id. */
    long enqueue(String payload, int count) throws SQLException {
        long now = now();
        Map<String, Object> v = new HashMap<>();
        v.put("queue", queue);
        v.put("payload", payload);
        v.put("priority", 0);
        v.put("runAt", now);
        v.put("maxAttempts", 3);
        v.put("expiresAt", null);
        v.put("now", now);
        long id = 0;
        begin.execute();
        for (int i = 0; i < count; i++) {
            try (ResultSet rs = enqueue.bind(v).executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        commit.execute();
        return id;
    }

    /** Claims up to {@code n} jobs in one transaction and acks them in a second; returns how many. */
    int claimAndAck(String workerId, int n, int leaseSeconds) throws SQLException {
        long now = now();
        Map<String, Object> v = new HashMap<>();
        v.put("queue", queue);
        v.put("now", now);
        begin.execute();
        deadLetterLapsedClaims.bind(v).executeUpdate();
        v.put("workerId", workerId);
        v.put("n", n);
        v.put("leaseSeconds", leaseSeconds);
        List<Long> ids = new ArrayList<>(n);
        try (ResultSet rs = claimBatch.bind(v).executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong("id"));
                rs.getString("payload");
            }
        }
        commit.execute();
        if (ids.isEmpty()) {
            return 0;
        }
        v.put("ids", ids.toString());
        begin.execute();
        int acked = ackBatch.bind(v).executeUpdate();
        commit.execute();
        if (acked != ids.size()) {
            throw new IllegalStateException("raw ack acked " + acked + " of " + ids.size());
        }
        return acked;
    }

    @Override
    public void close() throws SQLException {
        enqueue.close();
        deadLetterLapsedClaims.close();
        claimBatch.close();
        ackBatch.close();
        begin.close();
        commit.close();
        conn.close();
    }
}
