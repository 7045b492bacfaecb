package io.honkerj.jdbi.metrics;

import io.honkerj.api.WorkerPool;
import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** An app without Micrometer: opens a file, runs a pool on a job, prints "done" and whether Micrometer exists. */
public final class NoMicrometerChildMain {
    private NoMicrometerChildMain() {}

    public static void main(String[] args) throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        try (JdbiHonker honker = Honkers.open(Path.of(args[0]))) {
            honker.queue("emails").enqueue(Map.of("to", "a@example.com"));
            WorkerPool pool = honker.workers().handle("emails", Map.class, (p, job) -> {
                ran.countDown();
                return null;
            }).statsEvery(Duration.ofSeconds(1)).start();
            boolean done = ran.await(30, TimeUnit.SECONDS);
            pool.shutdown(Duration.ofSeconds(10));
            honker.stream("orders").publish(Map.of("n", 1));
            honker.scheduler().list();
            System.out.println(done ? "done" : "handler did not run");
        }
        try {
            Class.forName("io.micrometer.core.instrument.MeterRegistry");
            System.out.println("micrometer present");
        } catch (ClassNotFoundException e) {
            System.out.println("micrometer absent");
        }
    }
}
