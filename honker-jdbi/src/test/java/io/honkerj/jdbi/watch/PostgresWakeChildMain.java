package io.honkerj.jdbi.watch;

import io.honkerj.api.ClaimWaker;
import io.honkerj.api.Job;
import io.honkerj.jdbi.JdbiHonker;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * A child JVM on PostgreSQL that plays ping-pong with its parent: {@code <jdbc-url> <rounds>}. Each round it
 * enqueues a job on queue "ping" whose payload is {@code System.nanoTime()} just before the enqueue (one
 * monotonic clock for every process of the machine), then blocks in a claim waker on queue "pong" until the
 * parent answers; so each ping finds the parent already blocked in its own claim waker. Once the enqueue
 * has returned (committed) it prints {@code SENT <round> <nanoTime>}.
 */
public final class PostgresWakeChildMain {
    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[1]);
        try (JdbiHonker honker = JdbiHonker.create(Jdbi.create(args[0]));
                ClaimWaker pong = honker.queue("pong").claimWaker()) {
            System.out.println("READY");
            System.out.flush();
            for (int i = 0; i < rounds; i++) {
                honker.queue("ping").enqueue(System.nanoTime());
                System.out.println("SENT " + i + " " + System.nanoTime());
                Job answer = pong.next("child", Duration.ofSeconds(60)).orElseThrow(
                        () -> new IllegalStateException("no pong within 60 s"));
                answer.ack();
            }
        }
        System.out.println("DONE");
    }
}
