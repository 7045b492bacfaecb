package io.honkerj.api;

/** A cron expression is not valid in honker's dialect; the message names the field and the bad value. */
public final class InvalidCronException extends HonkerException {
    private static final long serialVersionUID = 1L;
    /** The whole expression as given. */
    private final String expression;
    /** The field at fault. */
    private final String field;

    /**
     * Creates the exception.
     *
     * @param expression the whole expression as given
     * @param field the field at fault ("minute", "day-of-week", "@every", "expression")
     * @param problem what is wrong, naming the bad value
     */
    public InvalidCronException(String expression, String field, String problem) {
        super("Invalid cron expression '" + expression + "': " + field + " " + problem);
        this.expression = expression;
        this.field = field;
    }

    /** @return the expression as given */
    public String expression() {
        return expression;
    }

    /** @return the field at fault */
    public String field() {
        return field;
    }
}
