package io.honkerj.jdbi.postgres;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A statement of a {@code .sql} file with Jdbi's {@code :name} parameters turned into PostgreSQL's {@code $n}. */
public record PostgresStatements(String sql, int parameters) {
    private static final Pattern NAMED = Pattern.compile("(?<![:\\w]):(\\w+)");

    /**
     * Converts a statement ({@code ::type} casts are left alone).
     *
     * @param sql the statement with {@code :name} parameters
     * @return the statement with {@code $1, $2...} (one per distinct name) and how many there are
     */
    public static PostgresStatements positional(String sql) {
        Map<String, Integer> numbers = new LinkedHashMap<>();
        Matcher m = NAMED.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int n = numbers.computeIfAbsent(m.group(1), k -> numbers.size() + 1);
            m.appendReplacement(out, Matcher.quoteReplacement("$" + n));
        }
        m.appendTail(out);
        return new PostgresStatements(out.toString(), numbers.size());
    }
}
