package io.honkerj.jdbi;

import io.honkerj.api.PayloadCodec;
import io.honkerj.jdbi.internal.Args;
import io.honkerj.jdbi.internal.HonkerSettings;
import io.honkerj.jdbi.notify.NotificationRetention;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jdbi.v3.core.config.JdbiConfig;

/**
 * Honker's Jdbi configuration: the clock that decides "now", the payload codec, how long a busy database is
 * retried, and (PostgreSQL) the schema honker's tables are in. Read and changed through Jdbi's config
 * registry: {@code jdbi.getConfig(HonkerConfig.class).setClock(clock)}.
 */
public final class HonkerConfig implements JdbiConfig<HonkerConfig> {

    /** How long a transaction is retried while other writers keep the database busy: 60 seconds. */
    public static final Duration DEFAULT_BUSY_DEADLINE = Duration.ofSeconds(60);

    private Clock clock;
    private PayloadCodec codec;
    private Duration busyDeadline;
    private NotificationRetention notificationRetention;
    private String schema;
    private boolean pluginInstalled;

    /** Creates the defaults: the system UTC clock, the Jackson codec, a 60 s busy deadline. */
    public HonkerConfig() {
        this.clock = Clock.systemUTC();
        this.codec = new JacksonPayloadCodec();
        this.busyDeadline = DEFAULT_BUSY_DEADLINE;
    }

    private HonkerConfig(HonkerConfig other) {
        this.clock = other.clock;
        this.codec = other.codec;
        this.busyDeadline = other.busyDeadline;
        this.notificationRetention = other.notificationRetention;
        this.schema = other.schema;
        this.pluginInstalled = other.pluginInstalled;
    }

    /** @return the clock */
    public Clock getClock() {
        return clock;
    }

    /**
     * Sets the clock every statement binds "now" from (tests move it instead of sleeping).
     *
     * @param clock the clock
     * @return this
     */
    public HonkerConfig setClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** @return the payload codec */
    public PayloadCodec getCodec() {
        return codec;
    }

    /**
     * Sets the codec for payloads and results.
     *
     * @param codec the codec
     * @return this
     */
    public HonkerConfig setCodec(PayloadCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
        return this;
    }

    /** @return how long a busy database is retried */
    public Duration getBusyDeadline() {
        return busyDeadline;
    }

    /**
     * Sets how long a transaction is retried while the database is busy before
     * {@link io.honkerj.api.DatabaseBusyException} is thrown; longer than about 73 years counts as that.
     *
     * @param deadline a positive duration
     * @return this
     */
    public HonkerConfig setBusyDeadline(Duration deadline) {
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("busyDeadline must be positive, got " + deadline);
        }
        Duration most = Duration.ofNanos(Args.MAX_WAIT_NANOS);
        this.busyDeadline = deadline.compareTo(most) > 0 ? most : deadline; // "forever" must not overflow
        return this;
    }

    /** @return automatic pruning of notifications, or null if off (the default, as upstream) */
    public NotificationRetention getNotificationRetention() {
        return notificationRetention;
    }

    /**
     * Turns on automatic pruning of {@code _honker_notifications} (off by default, as upstream, which
     * never prunes by itself): now and then a notify also deletes notifications older than the retention's
     * age and all but its newest {@code maxKeep}.
     *
     * @param retention the retention, or null to turn pruning off
     * @return this
     */
    public HonkerConfig setNotificationRetention(NotificationRetention retention) {
        this.notificationRetention = retention;
        return this;
    }

    /** @return the schema honker's tables are in, or null (the default) for the connection's current schema */
    public String getSchema() {
        return schema;
    }

    /**
     * Puts honker's tables in a schema of their own (PostgreSQL). Bootstrap creates the schema if it is
     * missing. On the handles honker opens for itself the schema goes first on the connection's
     * {@code search_path} (in front of what was there, so your own tables are still found on
     * {@link JdbiHonker#inTransaction}'s handle) and the path is put back when the handle goes back to your
     * pool. On a handle of yours ({@link JdbiHonker#attach}) it is put first only while each of honker's
     * operations runs, and put back after it: your statements between honker's see your own path.
     *
     * <p>The default, null, is the connection's current schema: the first schema of its {@code search_path}
     * that exists ({@code public} unless set, e.g. with pgjdbc's {@code currentSchema}); nothing is changed
     * then. SQLite has no schemas: opening a honker on SQLite with a schema name fails.
     *
     * @param schema letters, digits and {@code _}, not starting with a digit, at most 63 characters (kept as
     *     written, case included); or null for the connection's current schema
     * @return this
     * @throws IllegalArgumentException naming the value if it is not such a name
     */
    public HonkerConfig setSchema(String schema) {
        if (schema != null && !schema.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("schema must be letters, digits and _, not starting with a digit, "
                    + "at most 63 characters (or null for the connection's current schema), got '" + schema + "'");
        }
        this.schema = schema;
        return this;
    }

    /** Marks the Jdbi this config belongs to as having {@link HonkerPlugin} installed. */
    void markPluginInstalled() {
        this.pluginInstalled = true;
    }

    /** @return whether {@link HonkerPlugin} is installed on the Jdbi this config was copied from */
    boolean isPluginInstalled() {
        return pluginInstalled;
    }

    HonkerSettings toSettings() {
        return new HonkerSettings(clock, codec, busyDeadline, notificationRetention, schema);
    }

    @Override
    public HonkerConfig createCopy() {
        return new HonkerConfig(this);
    }
}
