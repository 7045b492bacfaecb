package io.honkerj.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The quick report's verdict: which rows are below target, and what --strict reads. */
class VerdictTest {
    @Test
    void aRowPrintsItsFigureBesideItsTarget() {
        Verdict verdict = new Verdict();

        assertThat(verdict.check("pool@4 / bare batch 32", 0.6449, Target.atLeast(0.70)))
                .isEqualTo("0.64 (target >= 0.70)");
        assertThat(verdict.check("same JVM p50", 212.4, Target.atMost(150, "%.0f us")))
                .isEqualTo("212 us (target <= 150 us)");
    }

    @Test
    void everyTargetMetNamesTheRowsChecked() {
        Verdict verdict = new Verdict();
        verdict.check("pool@4 / bare batch 32", 0.75, Target.atLeast(0.70));
        verdict.check("same JVM p50", 150, Target.atMost(150, "%.0f us"));

        assertThat(verdict.allMet()).isTrue();
        assertThat(verdict.line()).isEqualTo("Verdict: every target met: pool@4 / bare batch 32 0.75 (target >= 0.70);"
                + " same JVM p50 150 us (target <= 150 us).");
    }

    @Test
    void theLineListsOnlyTheRowsBelowTarget() {
        Verdict verdict = new Verdict();
        verdict.check("enqueue 1/tx", 0.95, Target.atLeast(0.90));
        verdict.check("pool@4 / bare batch 32", 0.64, Target.atLeast(0.70));
        verdict.check("cross process p99", 1.9, Target.atMost(1.0, "%.2f ms"));

        assertThat(verdict.allMet()).isFalse();
        assertThat(verdict.missed()).extracting(Verdict.Check::row)
                .containsExactly("pool@4 / bare batch 32", "cross process p99");
        assertThat(verdict.line()).isEqualTo("Verdict: below target (2 of 3): pool@4 / bare batch 32 0.64"
                + " (target >= 0.70); cross process p99 1.90 ms (target <= 1.00 ms).");
    }

    @Test
    void aFigureThatIsNotANumberMissesItsTarget() {
        Verdict verdict = new Verdict();
        verdict.check("pool@4 / bare batch 32", Double.NaN, Target.atLeast(0.70));
        verdict.check("same JVM p50", Double.NaN, Target.atMost(150, "%.0f us"));

        assertThat(verdict.missed()).hasSize(2);
    }

    @Test
    void noTargetRunSaysSo() {
        assertThat(new Verdict().allMet()).isTrue();
        assertThat(new Verdict().line()).isEqualTo("Verdict: no row with a target was run.");
    }

    @Test
    void theCommandLineTakesASectionAndStrictInAnyOrder() {
        assertThat(QuickReport.Args.parse()).isEqualTo(new QuickReport.Args(null, false));
        assertThat(QuickReport.Args.parse("--strict")).isEqualTo(new QuickReport.Args(null, true));
        assertThat(QuickReport.Args.parse("--strict", "pool")).isEqualTo(new QuickReport.Args(QuickReport.Section.POOL, true));
        assertThat(QuickReport.Args.parse("wake")).isEqualTo(new QuickReport.Args(QuickReport.Section.WAKE, false));
        assertThat(QuickReport.Args.parse("wake").runs(QuickReport.Section.TABLE)).isFalse();
        assertThat(QuickReport.Args.parse().runs(QuickReport.Section.TABLE)).isTrue();
        assertThat(QuickReport.Args.parse("own-jdbi")).isEqualTo(new QuickReport.Args(QuickReport.Section.OWN_JDBI, false));
        assertThat(QuickReport.Args.parse("postgres", "--strict"))
                .isEqualTo(new QuickReport.Args(QuickReport.Section.POSTGRES, true));
        assertThatThrownBy(() -> QuickReport.Args.parse("--strcit"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'--strcit'");
    }
}
