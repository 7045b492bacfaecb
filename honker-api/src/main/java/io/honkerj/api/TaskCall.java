package io.honkerj.api;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/** One call of a named task, as a {@link TaskHandler} sees it: the name, its arguments and its job. */
public interface TaskCall {

    /** @return the task name */
    String task();

    /** @return the positional arguments as the codec decoded them (maps, lists, numbers, strings, booleans) */
    List<Object> args();

    /** @return the keyword arguments as decoded */
    Map<String, Object> kwargs();

    /**
     * Converts a positional argument with the codec.
     *
     * @param index its position
     * @param type the target type
     * @param <T> the target type
     * @return the argument
     * @throws IllegalArgumentException naming the task and index if there is no such argument
     * @throws InvalidPayloadException if it does not convert to that type
     */
    <T> T arg(int index, Type type);

    /**
     * Converts a keyword argument with the codec.
     *
     * @param name its name
     * @param type the target type
     * @param <T> the target type
     * @return the argument, or null if it was not given
     * @throws InvalidPayloadException if it does not convert to that type
     */
    <T> T kwarg(String name, Type type);

    /** @return the claimed job carrying the call */
    Job job();
}
