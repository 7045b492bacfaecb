/**
 * A web dashboard for a honker database file: {@link io.honkerj.dashboard.HonkerDashboard#start} serves
 * queues, jobs, dead letters, streams, scheduled tasks, locks and rate limits from the JDK's HTTP server,
 * with its pages and a JSON api under {@code /api/} read from the same tables every honker binding writes.
 *
 * <p>Safe by default: it listens on the loopback address, changes data only through {@code POST} requests
 * carrying the page's CSRF token from the same origin, can be read-only, takes an authentication hook, and
 * renders every stored value as text.
 */
package io.honkerj.dashboard;
