package io.honkerj.jdbi.internal;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.extension.ExtensionMethod;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * A Jdbi {@link StatementBuilder} for handles the library keeps open that keeps honker's own DAO statements
 * prepared for the life of the handle instead of parsing them again on every call. Statements of any other
 * origin (your SQL on the same handle) go to the builder it wraps, prepared and closed as that one does.
 *
 * <p>Reuse keeps the bindings in place (no {@code clearParameters()}: see {@link #create(Connection, String,
 * StatementContext)}), and the statement text starts with {@link #OWN_MARK}.
 *
 * <p>Honker's statements are prepared on sqlite-jdbc's own connection, unwrapped from a pool's proxy, so
 * that they run without the proxy's per-call wrapping; they are closed with this builder, when the handle
 * closes. One that sqlite-jdbc closed itself (it finalizes a statement whose step failed with an error such
 * as SQLITE_FULL or SQLITE_IOERR) is prepared again on its next use.
 */
public final class CachingStatementBuilder implements StatementBuilder {
    private static final String OWN_PACKAGE = "io.honkerj.jdbi.";
    /**
     * Put before the text of each of honker's statements. After running a statement that starts with
     * {@code INSERT} (or {@code REPLACE}), sqlite-jdbc prepares and runs {@code SELECT last_insert_rowid()}
     * for {@code getGeneratedKeys()}: 6-7 us per enqueue, notify or dead-letter step. Honker's inserts return
     * their ids with {@code RETURNING} and never ask for generated keys, and sqlite-jdbc only looks at how the
     * text starts, so a leading comment (which SQLite skips) spares that query. It also names honker's
     * statements in SQLite traces.
     */
    static final String OWN_MARK = "/* honker */ ";
    private final StatementBuilder fallback;
    private final Map<String, PreparedStatement> cache = new HashMap<>();
    private final Set<Statement> cached = Collections.newSetFromMap(new IdentityHashMap<>());
    private int preparations;

    /** Creates an empty cache for one handle, with Jdbi's default builder for other statements. */
    public CachingStatementBuilder() {
        this(new DefaultStatementBuilder());
    }

    /**
     * Creates an empty cache for one handle.
     *
     * @param fallback the builder of every statement that is not honker's own (the handle's own builder)
     */
    public CachingStatementBuilder(StatementBuilder fallback) {
        this.fallback = fallback;
    }

    private static boolean isOwn(StatementContext ctx) {
        ExtensionMethod m = ctx.getExtensionMethod();
        return m != null && m.getType().getName().startsWith(OWN_PACKAGE) && !ctx.isReturningGeneratedKeys();
    }

    @Override
    public Statement create(Connection conn, StatementContext ctx) throws SQLException {
        return fallback.create(conn, ctx);
    }

    @Override
    public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
        if (!isOwn(ctx)) {
            return fallback.create(conn, sql, ctx);
        }
        return prepareOwn(conn, sql);
    }

    /**
     * Returns honker's statement for this SQL, prepared on the first call (and again when sqlite-jdbc closed
     * it after a failure) and kept until the handle closes; bindings of the previous call stay in place.
     *
     * @param conn the handle's connection (a pool's proxy is unwrapped)
     * @param sql the statement's text
     * @return the prepared statement
     * @throws SQLException if it does not prepare
     */
    public PreparedStatement prepareOwn(Connection conn, String sql) throws SQLException {
        PreparedStatement prepared = cache.get(sql);
        if (prepared != null && SqliteConnections.isUsable(prepared)) {
            // No clearParameters(): Jdbi binds every parameter of honker's statements on every call, and
            // sqlite3_clear_bindings would make SQLite plan again the statements whose plan used a bound
            // value (claimBatch's LIMIT, the listener's read): +90-130 us of CPU per claim.
            return prepared;
        }
        if (prepared != null) {
            cached.remove(prepared);
            prepared.close();
        }
        PreparedStatement fresh = SqliteConnections.physical(conn).prepareStatement(OWN_MARK + sql);
        cache.put(sql, fresh);
        cached.add(fresh);
        preparations++;
        return fresh;
    }

    /** @return how many of honker's statements this builder has prepared (for tests: reuse means no growth) */
    public int preparations() {
        return preparations;
    }

    @Override
    public CallableStatement createCall(Connection conn, String sql, StatementContext ctx) throws SQLException {
        return fallback.createCall(conn, sql, ctx);
    }

    @Override
    public void close(Connection conn, String sql, Statement stmt) throws SQLException {
        // Jdbi passes the statement's SQL as it was before parsing here: recognise ours by identity.
        if (stmt != null && cached.contains(stmt)) {
            return;
        }
        fallback.close(conn, sql, stmt);
    }

    @Override
    public void close(Connection conn) {
        for (PreparedStatement st : cache.values()) {
            try {
                st.close();
            } catch (SQLException ignored) {
                // the connection is closing anyway
            }
        }
        cache.clear();
        cached.clear();
        fallback.close(conn);
    }
}
