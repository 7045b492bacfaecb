package io.honkerj.jdbi.watch;

import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.nio.file.Files;
import java.nio.file.Path;

/** A child JVM that enqueues one job on queue "xp" once {@code <go-file>} exists: {@code <db> <go-file>}. */
public final class WakeChildMain {
    public static void main(String[] args) throws Exception {
        try (JdbiHonker honker = Honkers.open(Path.of(args[0]))) {
            System.out.println("READY");
            System.out.flush();
            while (!Files.exists(Path.of(args[1]))) {
                Thread.sleep(2);
            }
            System.out.println("ENQUEUED " + honker.queue("xp").enqueue("from the child"));
        }
    }
}
