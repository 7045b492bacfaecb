package io.honkerj.jdbi.lock;

import io.honkerj.api.Lock;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.SharedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A child JVM contending for one lock: {@code <db> <go-file> <rounds>}, {@code <db>} a
 * {@link SharedDatabase#location()}. Each round it takes the lock, checks
 * in the shared {@code critical} row that nobody else is inside, marks itself inside, logs the entry,
 * marks itself out and releases; each step its own transaction, so an overlap would be visible.
 */
public final class LockChildMain {
    public static void main(String[] args) throws Exception {
        String db = args[0];
        Path go = Path.of(args[1]);
        int rounds = Integer.parseInt(args[2]);
        String me = "pid-" + ProcessHandle.current().pid();
        try (JdbiHonker honker = SharedDatabase.open(db)) {
            System.out.println("READY");
            System.out.flush();
            while (!Files.exists(go)) {
                Thread.sleep(2);
            }
            for (int i = 0; i < rounds; i++) {
                try (Lock lock = honker.lock("critical", me, Duration.ofSeconds(30), Duration.ofSeconds(120))
                        .orElseThrow(() -> new IllegalStateException("timed out waiting for the lock"))) {
                    String inside = honker.jdbi().withHandle(h -> h.createQuery(
                            "SELECT holder FROM critical WHERE id = 1").mapTo(String.class).findOne().orElse(null));
                    honker.jdbi().useHandle(h -> h.execute("UPDATE critical SET holder = ? WHERE id = 1", me));
                    honker.jdbi().useHandle(h -> h.execute(
                            "INSERT INTO lock_log (owner, overlapped_with) VALUES (?, ?)", me, inside));
                    honker.jdbi().useHandle(h -> h.execute("UPDATE critical SET holder = NULL WHERE id = 1"));
                }
            }
        }
        System.out.println("DONE");
    }
}
