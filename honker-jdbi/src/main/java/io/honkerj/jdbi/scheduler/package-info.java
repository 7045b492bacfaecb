/**
 * The cron scheduler: upstream honker's cron dialect and, on {@code _honker_scheduler_tasks}, recurring
 * jobs with leader election. Statements: {@code io/honkerj/jdbi/scheduler/SchedulerDao/<method>.sql}.
 */
package io.honkerj.jdbi.scheduler;
