package io.honkerj.jdbi.watch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.locks.LockSupport;

/**
 * A child JVM that commits one row with plain sqlite-jdbc (no library code) once {@code <go-file>} exists:
 * {@code <db> <go-file>}. Prints READY when connected and COMMITTED after the commit.
 */
public final class CommitChildMain {
    private CommitChildMain() {}

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + args[0]); Statement st = c.createStatement()) {
            System.out.println("READY");
            System.out.flush();
            while (!Files.exists(Path.of(args[1]))) {
                LockSupport.parkNanos(2_000_000);
            }
            st.executeUpdate("INSERT INTO t (x) VALUES ('from the child')");
            System.out.println("COMMITTED");
        }
    }
}
