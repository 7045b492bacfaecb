package io.honkerj.jdbi.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.honkerj.api.RateLimitDecision;
import io.honkerj.api.RateLimiter;
import io.honkerj.jdbi.HonkerExtension;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RateLimitTest {
    /** A window boundary for per = 60: 1_700_000_040 is a multiple of 60. */
    static final long BOUNDARY = 1_700_000_040L;

    @RegisterExtension
    final HonkerExtension db = database();

    /** The database each test runs on: a SQLite file here, PostgreSQL in the {@code Postgres} subclass. */
    HonkerExtension database() {
        return new HonkerExtension(BOUNDARY - 2);
    }

    SettableClock clock;
    JdbiHonker honker;

    @BeforeEach
    void open() {
        clock = db.clock();
        honker = db.honker();
    }


    private long rows() {
        return honker.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM _honker_rate_limits").mapTo(Long.class).one());
    }

    @Test
    void fixedWindowCountsUpToTheLimitAndResetsAtTheEpochAlignedEdge() {
        RateLimiter api = honker.rateLimiter("api", 3, Duration.ofSeconds(60));
        assertThat(api.tryAcquire()).isTrue();
        assertThat(api.tryAcquire()).isTrue();
        clock.tick(Duration.ofSeconds(1)); // last second of the window
        assertThat(api.tryAcquire()).isTrue();
        RateLimitDecision rejected = api.tryAcquireDecision();
        assertThat(rejected.allowed()).isFalse();
        assertThat(rejected.remaining()).isZero();
        assertThat(rejected.resetAt()).isEqualTo(Instant.ofEpochSecond(BOUNDARY));
        assertThat(rejected.retryAfter(clock.instant())).isEqualTo(Duration.ofSeconds(1));

        clock.tick(Duration.ofSeconds(1)); // the boundary: a new window
        RateLimitDecision fresh = api.tryAcquireDecision();
        assertThat(fresh).isEqualTo(new RateLimitDecision(true, 2, Instant.ofEpochSecond(BOUNDARY + 60)));
        assertThat(rows()).as("the finished window was dropped").isEqualTo(1);
    }

    @Test
    void rejectedCallsDoNotCount() {
        RateLimiter api = honker.rateLimiter("api", 1, Duration.ofSeconds(60));
        assertThat(api.tryAcquire()).isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(api.tryAcquire()).isFalse();
        }
        int counted = honker.jdbi().withHandle(h -> h.createQuery("SELECT count FROM _honker_rate_limits")
                .mapTo(Integer.class).one());
        assertThat(counted).isEqualTo(1);
        assertThat(api.peek()).isEqualTo(new RateLimitDecision(false, 0, Instant.ofEpochSecond(BOUNDARY)));
    }

    @Test
    void limitsAreIndependentByNameAndPeekDoesNotCount() {
        assertThat(honker.tryRateLimit("a", 1, Duration.ofSeconds(10))).isTrue();
        assertThat(honker.rateLimiter("b", 1, Duration.ofSeconds(10)).peek().allowed()).isTrue();
        assertThat(honker.tryRateLimit("b", 1, Duration.ofSeconds(10))).isTrue();
        assertThat(honker.tryRateLimit("a", 1, Duration.ofSeconds(10))).isFalse();
    }

    @Test
    void sweepDropsWindowsOfLimitsNoLongerCalled() {
        honker.tryRateLimit("old", 5, Duration.ofSeconds(60));
        clock.tick(Duration.ofHours(2));
        honker.tryRateLimit("new", 5, Duration.ofSeconds(60));
        assertThat(honker.sweepRateLimits(Duration.ofHours(1))).isEqualTo(1);
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void badArgumentsNameTheValue() {
        assertThatThrownBy(() -> honker.rateLimiter("a", 0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> honker.rateLimiter("a", 1, Duration.ZERO)).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> honker.rateLimiter("", 1, Duration.ofSeconds(1))).hasMessageContaining("rate limit name");
        assertThatThrownBy(() -> honker.sweepRateLimits(Duration.ofSeconds(-1))).hasMessageContaining("PT-1S");
    }
}
