package io.honkerj.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The targets of the quick report: every row that has one registers its figure here as it is measured, and
 * the report ends with {@link #line()}, naming the rows below target. {@code --strict} turns a miss into a
 * non-zero exit status.
 */
final class Verdict {
    /**
     * One row's figure against its target.
     *
     * @param row the row, as the report names it
     * @param value the measured figure
     * @param target what it should reach
     */
    record Check(String row, double value, Target target) {
        boolean met() {
            return target.metBy(value);
        }

        /** @return the figure beside its target, e.g. {@code 0.64 (target >= 0.70)} */
        String figure() {
            return target.show(value) + " (target " + target + ")";
        }
    }

    private final List<Check> checks = new ArrayList<>();

    /**
     * Registers a row's figure against its target.
     *
     * @param row the row's name, unique in the report
     * @param value the measured figure
     * @param target what it should reach
     * @return the figure beside its target, for the row to print
     */
    String check(String row, double value, Target target) {
        Check c = new Check(row, value, target);
        checks.add(c);
        return c.figure();
    }

    List<Check> checks() {
        return List.copyOf(checks);
    }

    List<Check> missed() {
        return checks.stream().filter(c -> !c.met()).toList();
    }

    boolean allMet() {
        return missed().isEmpty();
    }

    /**
     * @return one line: the rows below target with their figures, or that every target was met (each row with
     *     its figure)
     */
    String line() {
        if (checks.isEmpty()) {
            return "Verdict: no row with a target was run.";
        }
        List<Check> missed = missed();
        if (missed.isEmpty()) {
            return "Verdict: every target met: " + list(checks) + ".";
        }
        return "Verdict: below target (" + missed.size() + " of " + checks.size() + "): " + list(missed) + ".";
    }

    private static String list(List<Check> checks) {
        return checks.stream().map(c -> c.row() + " " + c.figure()).collect(Collectors.joining("; "));
    }
}
