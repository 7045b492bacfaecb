package io.honkerj.jdbi.worker;

/**
 * What one {@link ManualWorker#drain(String)} did: how many jobs it ran and how each ended.
 *
 * @param succeeded handlers that returned (jobs acked)
 * @param failed handlers that threw with attempts left (jobs rescheduled after their backoff)
 * @param dead jobs dead-lettered (last attempt failed, or the payload did not decode)
 * @param cancelled jobs gone before their handler ran (cancelled meanwhile, or claimed by someone else)
 */
public record Drained(int succeeded, int failed, int dead, int cancelled) {

    /** @return how many jobs the drain claimed */
    public int total() {
        return succeeded + failed + dead + cancelled;
    }
}
