package io.honkerj.jdbi.scheduler;

/** A {@code _honker_scheduler_tasks} row; times in unix seconds. */
record TaskRow(String name, String queue, String cronExpr, String payload, int priority, Long expiresS,
        long nextFireAt, int enabled, int maxAttempts) {}
