package io.honkerj.jdbi.notify;

import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child JVM that, once {@code <go-file>} exists, sends {@code <n>} notifications on channel "xp" and
 * publishes {@code <n>} events on stream "xp", each its own transaction: {@code <db> <go-file> <n>}, where
 * {@code <db>} is a database file or a PostgreSQL JDBC URL.
 */
public final class PublisherChildMain {
    public static void main(String[] args) throws Exception {
        Path go = Path.of(args[1]);
        int n = Integer.parseInt(args[2]);
        try (JdbiHonker honker = args[0].startsWith("jdbc:postgresql:")
                ? JdbiHonker.create(org.jdbi.v3.core.Jdbi.create(args[0])) : Honkers.open(Path.of(args[0]))) {
            System.out.println("READY");
            System.out.flush();
            while (!Files.exists(go)) {
                Thread.sleep(2);
            }
            for (int i = 0; i < n; i++) {
                honker.notify("xp", i);
                honker.stream("xp").publish(i);
            }
        }
        System.out.println("DONE");
    }
}
