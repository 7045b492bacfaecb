package io.honkerj.jdbi.watch;

import io.honkerj.api.ClaimWaker;
import io.honkerj.api.Listener;
import io.honkerj.api.Subscription;
import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An app on SQLite without PostgreSQL's driver: a claim waker, a listener and a subscription each get what
 * is sent; prints "done" and whether the driver exists. {@code <db>}.
 */
public final class NoPostgresDriverChildMain {
    private NoPostgresDriverChildMain() {}

    public static void main(String[] args) throws Exception {
        try (JdbiHonker honker = Honkers.open(Path.of(args[0]));
                ClaimWaker waker = honker.queue("q").claimWaker();
                Listener listener = honker.listen("c");
                Subscription sub = honker.stream("s").subscribe("consumer")) {
            honker.queue("q").enqueue("job");
            honker.notify("c", "note");
            honker.stream("s").publish("event");
            boolean all = waker.next("w", Duration.ofSeconds(30)).isPresent()
                    && listener.recv(Duration.ofSeconds(30)).isPresent()
                    && sub.next(Duration.ofSeconds(30)).isPresent();
            System.out.println(all ? "done" : "something did not arrive");
        }
        try {
            Class.forName("org.postgresql.PGConnection");
            System.out.println("driver present");
        } catch (ClassNotFoundException e) {
            System.out.println("driver absent");
        }
    }
}
