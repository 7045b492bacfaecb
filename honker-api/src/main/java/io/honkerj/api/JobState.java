package io.honkerj.api;

/** The state of a live job, as stored in {@code _honker_live.state}. */
public enum JobState {
    /** Waiting to be claimed (stored as {@code 'pending'}). */
    PENDING("pending"),
    /** Claimed by a worker whose lease may or may not have run out (stored as {@code 'processing'}). */
    PROCESSING("processing");

    private final String sql;

    JobState(String sql) {
        this.sql = sql;
    }

    /**
     * Returns the text stored in the database.
     *
     * @return {@code "pending"} or {@code "processing"}
     */
    public String sql() {
        return sql;
    }

    /**
     * Parses the stored text.
     *
     * @param sql the stored state
     * @return the state
     * @throws IllegalArgumentException for any other text
     */
    public static JobState fromSql(String sql) {
        for (JobState s : values()) {
            if (s.sql.equals(sql)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown job state '" + sql + "'");
    }
}
