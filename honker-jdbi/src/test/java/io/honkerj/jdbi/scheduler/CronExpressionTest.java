package io.honkerj.jdbi.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.honkerj.api.InvalidCronException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Upstream's cron dialect, pinned by a table whose expected values upstream itself printed (honker-node
 * 0.4.5, {@code honker_cron_next_after}, run with {@code TZ} set to the row's zone): 5 and 6 fields, lists,
 * ranges, steps, {@code N/S}, day-of-month AND day-of-week, leap days, negative {@code from},
 * {@code @every}, and both DST transitions in New York and Berlin. Each row names its zone, so the machine's
 * zone never matters.
 */
class CronExpressionTest {

    @ParameterizedTest(name = "[{0}] ''{1}'' after {2} -> {3}")
    @CsvFileSource(resources = "cron-next-after.csv", delimiter = '|', ignoreLeadingAndTrailingWhitespace = false)
    void nextFireMatchesUpstream(String zone, String expression, long from, long expected) {
        assertThat(CronExpression.parse(expression).nextAfter(from, ZoneId.of(zone))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' is rejected naming {1}")
    @CsvFileSource(resources = "cron-invalid.csv", delimiter = '|', ignoreLeadingAndTrailingWhitespace = false,
            nullValues = {})
    void invalidExpressionsAreRejectedNamingTheValue(String expression, String named) {
        String expr = expression == null ? "" : expression;
        assertThatThrownBy(() -> CronExpression.parse(expr)).isInstanceOf(InvalidCronException.class)
                .hasMessageContaining(named == null ? "" : named)
                .hasMessageContaining("'" + expr + "'");
    }

    @Test
    void theTableIsBigEnough() throws Exception {
        try (var in = getClass().getResourceAsStream("cron-next-after.csv")) {
            long rows = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#")).count();
            assertThat(rows).isGreaterThanOrEqualTo(40);
        }
    }

    @Test
    void errorsNameTheField() {
        assertThatThrownBy(() -> CronExpression.parse("0 61 * * *")).isInstanceOf(InvalidCronException.class)
                .satisfies(e -> assertThat(((InvalidCronException) e).field()).isEqualTo("hour"))
                .hasMessageContaining("hour value 61 is out of range 0-23");
        assertThatThrownBy(() -> CronExpression.parse("* * * * 8")).hasMessageContaining("day-of-week value 8");
    }

    @Test
    void fieldsAreSeparatedByUnicodeWhiteSpaceAsUpstreamSplitsThem() {
        // Upstream (Rust trim/split_whitespace) cuts on Unicode White_Space; values printed by upstream, TZ=UTC.
        assertThat(CronExpression.parse("0\u00a00 * * *").nextAfter(1700000000, ZoneOffset.UTC)).isEqualTo(1700006400);
        assertThat(CronExpression.parse("\u30000\u20030 * * * *\u2028").nextAfter(1700000000, ZoneOffset.UTC))
                .isEqualTo(1700002800);
        assertThat(CronExpression.parse("@every\u00a05s").nextAfter(1700000000, ZoneOffset.UTC)).isEqualTo(1700000005);
        // ...but not on the control characters String.trim() would drop.
        assertThatThrownBy(() -> CronExpression.parse("\u0001* * * * *")).isInstanceOf(InvalidCronException.class);
        assertThatThrownBy(() -> CronExpression.parse("* * * * *\u001f")).isInstanceOf(InvalidCronException.class);
    }

    @Test
    void aMomentOutsideTheDateRangeIsAnArgumentError() {
        CronExpression daily = CronExpression.parse("0 0 * * *");
        assertThatThrownBy(() -> daily.nextAfter(Long.MAX_VALUE, ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Long.toString(Long.MAX_VALUE));
        assertThatThrownBy(() -> daily.nextAfter(Long.MIN_VALUE, ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void expressionIsKeptAsGivenForStorage() {
        CronExpression every = CronExpression.parse("@every 10s");
        assertThat(every.expression()).isEqualTo("@every 10s");
        assertThat(every.isInterval()).isTrue();
        assertThat(CronExpression.parse("0 9 * * 1-5")).isEqualTo(CronExpression.parse("0 9 * * 1-5"));
    }
}
