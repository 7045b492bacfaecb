package io.honkerj.dashboard;

import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.CountDownLatch;

/**
 * Starts a dashboard on an existing database file, for {@code java -jar honker-dashboard.jar app.db}:
 *
 * <pre>
 * java -jar honker-dashboard.jar app.db [--port 8780] [--host 127.0.0.1] [--read-only] [--zone Europe/Berlin]
 * </pre>
 *
 * With {@code --host} other than a loopback address, set {@code HONKER_DASHBOARD_TOKEN} (bearer token) or
 * {@code HONKER_DASHBOARD_PASSWORD} (basic auth as user {@code admin}). Runs until the process is stopped.
 */
public final class DashboardMain {
    private static final String USAGE = "usage: java -jar honker-dashboard.jar <file.db> [--port N] [--host H] "
            + "[--read-only] [--zone Z]";

    private DashboardMain() {}

    /**
     * Opens the file and serves its dashboard until the JVM stops.
     *
     * @param args the file, then options (see the class comment)
     * @throws InterruptedException if interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0 || args[0].startsWith("-")) {
            System.err.println(USAGE);
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        if (!Files.isRegularFile(file)) {
            System.err.println("no database file at " + file.toAbsolutePath() + "\n" + USAGE);
            System.exit(2);
        }
        DashboardOptions options = parse(args);
        boolean loopback = options.host().equals("localhost") || options.host().startsWith("127.")
                || options.host().equals("::1");
        if (!loopback && System.getenv("HONKER_DASHBOARD_TOKEN") == null
                && System.getenv("HONKER_DASHBOARD_PASSWORD") == null) {
            System.err.println("warning: listening on " + options.host() + " without authentication: anyone who "
                    + "can reach it can requeue, delete and pause. Set HONKER_DASHBOARD_PASSWORD or "
                    + "HONKER_DASHBOARD_TOKEN, or add --read-only.");
        }
        JdbiHonker honker = Honkers.open(file);
        HonkerDashboard dashboard = HonkerDashboard.start(honker, options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dashboard.close();
            honker.close();
            stopped.countDown();
        }, "honker-dashboard-shutdown"));
        System.out.println("honker dashboard for " + file.toAbsolutePath() + " at " + dashboard.uri()
                + (options.readOnly() ? " (read-only)" : ""));
        stopped.await();
    }

    static DashboardOptions parse(String[] args) {
        DashboardOptions options = DashboardOptions.defaults();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--read-only" -> options = options.withReadOnly(true);
                case "--port" -> options = options.withPort(Integer.parseInt(value(args, ++i, a)));
                case "--host" -> options = options.withHost(value(args, ++i, a));
                case "--zone" -> options = options.withZone(ZoneId.of(value(args, ++i, a)));
                default -> throw new IllegalArgumentException("unknown option '" + a + "'; " + USAGE);
            }
        }
        String token = System.getenv("HONKER_DASHBOARD_TOKEN");
        String password = System.getenv("HONKER_DASHBOARD_PASSWORD");
        if (token != null && !token.isBlank()) {
            options = options.withAuth(DashboardAuth.bearerToken(token));
        } else if (password != null && !password.isBlank()) {
            options = options.withAuth(DashboardAuth.basic("admin", password));
        }
        return options;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException("option " + option + " needs a value; " + USAGE);
        }
        return args[i];
    }
}
