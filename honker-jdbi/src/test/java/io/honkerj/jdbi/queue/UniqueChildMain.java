package io.honkerj.jdbi.queue;

import io.honkerj.api.EnqueueOptions;
import io.honkerj.api.Queue;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.SharedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A child JVM of {@link UniqueJobsTest}'s race: {@code <db> <threads> <keys> <rounds> <go-file>}, {@code <db>} a
 * {@link SharedDatabase#location()}. Once the
 * go file exists, each thread enqueues {@code key-0 .. key-(keys-1)} with unique keys, {@code rounds} times
 * over, starting at a different key per thread; prints {@code CREATED <n>} (how many enqueues made a job).
 */
public final class UniqueChildMain {
    public static void main(String[] args) throws Exception {
        String db = args[0];
        int threads = Integer.parseInt(args[1]);
        int keys = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        Path go = Path.of(args[4]);
        AtomicInteger created = new AtomicInteger();
        try (JdbiHonker honker = SharedDatabase.open(db)) {
            Queue q = honker.queue("unique");
            System.out.println("READY");
            while (!Files.exists(go)) {
                Thread.sleep(5);
            }
            List<Thread> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * 7;
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < keys * rounds; i++) {
                        String key = "key-" + ((i + offset) % keys);
                        if (q.enqueueUnique(key, EnqueueOptions.defaults().withUniqueKey(key)).created()) {
                            created.incrementAndGet();
                        }
                    }
                });
                thread.start();
                all.add(thread);
            }
            for (Thread thread : all) {
                thread.join();
            }
        }
        System.out.println("CREATED " + created.get());
    }
}
