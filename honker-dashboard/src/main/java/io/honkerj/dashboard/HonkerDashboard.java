package io.honkerj.dashboard;

import com.sun.net.httpserver.HttpServer;
import io.honkerj.jdbi.JdbiHonker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running dashboard for one honker database: pages for queues, jobs, dead letters, streams, scheduled
 * tasks, locks and rate limits, and their JSON under {@code /api/}, served by the JDK's HTTP server with
 * everything (scripts, styles, chart) from this jar. It reads the same tables every honker binding writes,
 * so it shows jobs of Python, Node or Rust processes on the file too.
 *
 * <pre>{@code
 * try (HonkerDashboard dashboard = HonkerDashboard.start(honker, DashboardOptions.defaults().withPort(0))) {
 *     System.out.println("dashboard at " + dashboard.uri());
 * }
 * }</pre>
 *
 * <p>Close it to stop the server and its sampler; the honker stays open.
 */
public final class HonkerDashboard implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final HttpServer server;
    private final ExecutorService executor;
    private final Sampler sampler;
    private final URI uri;

    private HonkerDashboard(HttpServer server, ExecutorService executor, Sampler sampler, URI uri) {
        this.server = server;
        this.executor = executor;
        this.sampler = sampler;
        this.uri = uri;
    }

    /**
     * Starts a dashboard on a honker with {@link DashboardOptions#defaults()} (127.0.0.1:{@value
     * DashboardOptions#DEFAULT_PORT}).
     *
     * @param honker the honker whose database is shown
     * @return the running dashboard
     * @throws UncheckedIOException if the address cannot be bound (e.g. the port is taken)
     */
    public static HonkerDashboard start(JdbiHonker honker) {
        return start(honker, DashboardOptions.defaults());
    }

    /**
     * Starts a dashboard on a honker.
     *
     * @param honker the honker whose database is shown
     * @param options address, port, read-only mode, authentication, zone, chart sampling
     * @return the running dashboard
     * @throws UncheckedIOException if the address cannot be bound (e.g. the port is taken), naming it
     */
    public static HonkerDashboard start(JdbiHonker honker, DashboardOptions options) {
        Objects.requireNonNull(honker, "honker");
        Objects.requireNonNull(options, "options");
        HttpServer server;
        InetSocketAddress address = new InetSocketAddress(options.host(), options.port());
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the honker dashboard on " + options.host() + ":"
                    + options.port() + " (" + e.getMessage() + "); pick another port with withPort(..)", e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "honker-dashboard-http-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Sampler sampler = new Sampler(honker, options.sampleEvery(), options.history());
        int port = server.getAddress().getPort();
        boolean loopback = server.getAddress().getAddress().isLoopbackAddress();
        server.createContext("/", new Router(new Api(honker, options, sampler), options, port, loopback));
        server.setExecutor(executor);
        server.start();
        sampler.start();
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return new HonkerDashboard(server, executor, sampler, URI.create("http://" + host + ":" + port + "/"));
    }

    /** @return the dashboard's address, e.g. {@code http://127.0.0.1:8780/} */
    public URI uri() {
        return uri;
    }

    /** @return the chart's sampler (tests take samples at moments they choose) */
    Sampler sampler() {
        return sampler;
    }

    /** Stops serving and sampling; requests in flight get a moment to finish. The honker stays open. */
    @Override
    public void close() {
        sampler.close();
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "HonkerDashboard[" + uri + "]";
    }
}
