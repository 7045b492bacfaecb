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
 * Honker's Jdbi configuration: the clock that decides "now", the payload codec, and how long a busy
 * database is retried. Read and changed through Jdbi's config registry:
 * {@code jdbi.getConfig(HonkerConfig.class).setClock(clock)}.
 */
public final class HonkerConfig implements JdbiConfig<HonkerConfig> {

    /** How long a transaction is retried while other writers keep the database busy: 60 seconds. */
    public static final Duration DEFAULT_BUSY_DEADLINE = Duration.ofSeconds(60);

    private Clock clock;
    private PayloadCodec codec;
    private Duration busyDeadline;
    private NotificationRetention notificationRetention;
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

    /** Marks the Jdbi this config belongs to as having {@link HonkerPlugin} installed. */
    void markPluginInstalled() {
        this.pluginInstalled = true;
    }

    /** @return whether {@link HonkerPlugin} is installed on the Jdbi this config was copied from */
    boolean isPluginInstalled() {
        return pluginInstalled;
    }

    HonkerSettings toSettings() {
        return new HonkerSettings(clock, codec, busyDeadline, notificationRetention);
    }

    @Override
    public HonkerConfig createCopy() {
        return new HonkerConfig(this);
    }
}
