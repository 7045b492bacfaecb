package io.honkerj.dashboard;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How a {@link HonkerDashboard} listens and what it allows.
 *
 * @param host the address to listen on; {@code 127.0.0.1} by default (only this machine can connect)
 * @param port the port; 0 picks a free one
 * @param readOnly when true, every change (requeue, delete, pause, resume, run now) is refused
 * @param auth checks each request; {@link DashboardAuth#none()} by default
 * @param zone the zone scheduled tasks' next fire times are shown in (the scheduler's zone)
 * @param sampleEvery how often the overview chart samples queue depths and throughput
 * @param history how much of the chart is kept
 */
public record DashboardOptions(String host, int port, boolean readOnly, DashboardAuth auth, ZoneId zone,
        Duration sampleEvery, Duration history) {

    /** The default port: {@value}. */
    public static final int DEFAULT_PORT = 8780;

    /**
     * Checks every value.
     *
     * @param host the address to listen on; not blank
     * @param port the port, 0..65535 (0 picks a free one)
     * @param readOnly true to refuse every change
     * @param auth the authentication hook; not null
     * @param zone the zone next fire times are shown in; not null
     * @param sampleEvery how often the chart samples; at least 100 ms
     * @param history how much of the chart is kept; at least {@code sampleEvery}
     * @throws IllegalArgumentException if a value is out of range, naming it
     * @throws NullPointerException if a value is null
     */
    public DashboardOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(sampleEvery, "sampleEvery");
        Objects.requireNonNull(history, "history");
        if (host.isBlank()) {
            throw new IllegalArgumentException("dashboard host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("dashboard port must be 0..65535, got " + port);
        }
        if (sampleEvery.toMillis() < 100) {
            throw new IllegalArgumentException("dashboard sampleEvery must be at least 100 ms, got " + sampleEvery);
        }
        if (history.compareTo(sampleEvery) < 0) {
            throw new IllegalArgumentException("dashboard history (" + history + ") must be at least sampleEvery ("
                    + sampleEvery + ")");
        }
    }

    /**
     * The defaults: 127.0.0.1:{@value #DEFAULT_PORT}, changes allowed, no authentication, the system zone, a
     * sample every 10 seconds, one hour of history.
     *
     * @return the defaults
     */
    public static DashboardOptions defaults() {
        return new DashboardOptions("127.0.0.1", DEFAULT_PORT, false, DashboardAuth.none(), ZoneId.systemDefault(),
                Duration.ofSeconds(10), Duration.ofHours(1));
    }

    /**
     * @param newHost the address to listen on (e.g. {@code 0.0.0.0} for every interface: add auth)
     * @return a copy with this host
     */
    public DashboardOptions withHost(String newHost) {
        return new DashboardOptions(newHost, port, readOnly, auth, zone, sampleEvery, history);
    }

    /**
     * @param newPort the port; 0 picks a free one
     * @return a copy with this port
     */
    public DashboardOptions withPort(int newPort) {
        return new DashboardOptions(host, newPort, readOnly, auth, zone, sampleEvery, history);
    }

    /**
     * @param newReadOnly true to refuse every change
     * @return a copy
     */
    public DashboardOptions withReadOnly(boolean newReadOnly) {
        return new DashboardOptions(host, port, newReadOnly, auth, zone, sampleEvery, history);
    }

    /**
     * @param newAuth the authentication hook
     * @return a copy with this hook
     */
    public DashboardOptions withAuth(DashboardAuth newAuth) {
        return new DashboardOptions(host, port, readOnly, newAuth, zone, sampleEvery, history);
    }

    /**
     * @param newZone the zone next fire times are shown in
     * @return a copy with this zone
     */
    public DashboardOptions withZone(ZoneId newZone) {
        return new DashboardOptions(host, port, readOnly, auth, newZone, sampleEvery, history);
    }

    /**
     * @param newSampleEvery how often the chart samples
     * @return a copy
     */
    public DashboardOptions withSampleEvery(Duration newSampleEvery) {
        return new DashboardOptions(host, port, readOnly, auth, zone, newSampleEvery, history);
    }

    /**
     * @param newHistory how much of the chart is kept
     * @return a copy
     */
    public DashboardOptions withHistory(Duration newHistory) {
        return new DashboardOptions(host, port, readOnly, auth, zone, sampleEvery, newHistory);
    }
}
