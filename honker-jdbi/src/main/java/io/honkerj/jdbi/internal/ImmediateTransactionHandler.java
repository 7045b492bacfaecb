package io.honkerj.jdbi.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.jdbi.v3.core.transaction.TransactionException;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * A Jdbi {@link TransactionHandler} for connections the library owns: transactions are the statements
 * {@code BEGIN IMMEDIATE} / {@code COMMIT} / {@code ROLLBACK} (files in
 * {@code io/honkerj/jdbi/internal/ImmediateTransactionHandler/}), prepared once per connection, with JDBC
 * autocommit left on.
 *
 * <p>Jdbi's default handler goes through {@code Connection.setAutoCommit(false)} and {@code commit()}, on
 * which sqlite-jdbc re-parses and runs {@code commit;}, {@code begin immediate;} and {@code commit;} again
 * for every transaction; this runs one prepared statement at each end. Nested {@code begin()} calls join
 * the open transaction, and only the outermost {@code commit()} commits.
 */
public final class ImmediateTransactionHandler implements TransactionHandler {

    /** Creates the handler; each handle gets its own bound copy through {@link #specialize(Handle)}. */
    public ImmediateTransactionHandler() {}

    @Override
    public TransactionHandler specialize(Handle handle) throws SQLException {
        return new Bound(handle.getConnection());
    }

    private static UnsupportedOperationException unbound() {
        return new UnsupportedOperationException("ImmediateTransactionHandler is used through specialize()");
    }

    @Override
    public void begin(Handle handle) {
        throw unbound();
    }

    @Override
    public void commit(Handle handle) {
        throw unbound();
    }

    @Override
    public void rollback(Handle handle) {
        throw unbound();
    }

    @Override
    public boolean isInTransaction(Handle handle) {
        throw unbound();
    }

    @Override
    public void savepoint(Handle handle, String name) {
        throw unbound();
    }

    @Override
    public void rollbackToSavepoint(Handle handle, String name) {
        throw unbound();
    }

    @Override
    public void releaseSavepoint(Handle handle, String name) {
        throw unbound();
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) {
        throw unbound();
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level,
            HandleCallback<R, X> callback) {
        throw unbound();
    }

    /**
     * The handler of one handle: its connection's prepared statements and its nesting depth.
     *
     * <p>After a failure SQLite's state, not this handler's, decides: a statement sqlite-jdbc finalized after
     * a failed step is prepared again before its next use; a failed BEGIN or COMMIT is followed by a
     * ROLLBACK, and a ROLLBACK that finds no transaction (SQLite already rolled back) is not an error.
     */
    private static final class Bound implements TransactionHandler {
        private final Connection conn;
        private final String[] sql = new String[3];
        private final PreparedStatement[] prepared = new PreparedStatement[3];
        private static final int BEGIN = 0;
        private static final int COMMIT = 1;
        private static final int ROLLBACK = 2;
        private int depth;

        Bound(Connection conn) throws SQLException {
            this.conn = SqliteConnections.unwrap(conn);
            ClasspathSqlLocator locator = ClasspathSqlLocator.removingComments();
            String[] names = {"begin", "commit", "rollback"};
            for (int i = 0; i < names.length; i++) {
                sql[i] = locator.locate(ImmediateTransactionHandler.class, names[i]).trim();
                prepared[i] = this.conn.prepareStatement(sql[i]);
            }
        }

        /** Runs one of the three statements, preparing it again if sqlite-jdbc has finalized it. */
        private void execute(int which) throws SQLException {
            PreparedStatement st = prepared[which];
            if (!SqliteConnections.isUsable(st)) {
                st.close();
                st = conn.prepareStatement(sql[which]);
                prepared[which] = st;
            }
            st.execute();
        }

        @Override
        public void begin(Handle handle) {
            if (depth == 0) {
                try {
                    execute(BEGIN);
                } catch (SQLException e) {
                    rollbackQuietly(e);
                    throw new TransactionException("begin failed", e);
                }
            }
            depth++;
        }

        @Override
        public void commit(Handle handle) {
            if (depth == 0) {
                throw new TransactionException("commit without a transaction");
            }
            if (depth == 1) {
                try {
                    execute(COMMIT);
                } catch (SQLException e) {
                    throw new TransactionException("commit failed", e);
                }
            }
            depth--;
        }

        @Override
        public void rollback(Handle handle) {
            if (depth == 0) {
                return;
            }
            depth = 0;
            try {
                execute(ROLLBACK);
            } catch (SQLException e) {
                // SQLite may already have rolled back after the error that brought us here.
                if (!SqliteConnections.noTransaction(e)) {
                    throw new TransactionException("rollback failed", e);
                }
            }
        }

        /** After a failed BEGIN: whatever it may have left open is rolled back. */
        private void rollbackQuietly(SQLException cause) {
            try {
                execute(ROLLBACK);
            } catch (SQLException e) {
                if (!SqliteConnections.noTransaction(e)) {
                    cause.addSuppressed(e);
                }
            }
        }

        @Override
        public boolean isInTransaction(Handle handle) {
            return depth > 0;
        }

        @Override
        public void savepoint(Handle handle, String name) {
            savepointStatement("SAVEPOINT " + quote(name));
        }

        @Override
        public void rollbackToSavepoint(Handle handle, String name) {
            savepointStatement("ROLLBACK TO SAVEPOINT " + quote(name));
        }

        @Override
        public void releaseSavepoint(Handle handle, String name) {
            savepointStatement("RELEASE SAVEPOINT " + quote(name));
        }

        private static String quote(String name) {
            return "\"" + name.replace("\"", "\"\"") + "\"";
        }

        private void savepointStatement(String sql) {
            try (Statement st = conn.createStatement()) {
                st.execute(sql);
            } catch (SQLException e) {
                throw new TransactionException(sql + " failed", e);
            }
        }

        @Override
        public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
            if (depth > 0) {
                return callback.withHandle(handle);
            }
            begin(handle);
            R result;
            try {
                result = callback.withHandle(handle);
            } catch (Throwable e) {
                try {
                    rollback(handle);
                } catch (RuntimeException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
            commitOrRollback(handle);
            return result;
        }

        private void commitOrRollback(Handle handle) {
            try {
                commit(handle);
            } catch (RuntimeException e) {
                try {
                    rollback(handle);
                } catch (RuntimeException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }

        @Override
        public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level,
                HandleCallback<R, X> callback) throws X {
            return inTransaction(handle, callback);
        }
    }
}
