package io.honkerj.jdbi.worker;

/** What a failed job keeps as {@code last_error}: the exception's class and message, and its stack head. */
final class ErrorText {
    static final int FRAMES = 8;
    static final int MAX_CHARS = 4000;

    private ErrorText() {}

    static String of(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error));
        StackTraceElement[] frames = error.getStackTrace();
        for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
            text.append("\n\tat ").append(frames[i]);
        }
        if (frames.length > FRAMES) {
            text.append("\n\t... ").append(frames.length - FRAMES).append(" more");
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != error) {
            text.append("\nCaused by: ").append(root);
        }
        return text.length() <= MAX_CHARS ? text.toString() : text.substring(0, MAX_CHARS);
    }
}
