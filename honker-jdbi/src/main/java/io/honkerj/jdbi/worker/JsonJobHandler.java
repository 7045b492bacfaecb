package io.honkerj.jdbi.worker;

import io.honkerj.api.InvalidPayloadException;
import io.honkerj.api.Job;
import io.honkerj.api.JobHandler;
import io.honkerj.api.PayloadCodec;
import java.lang.reflect.Type;

/**
 * What a queue worker runs: a job in, the result's JSON text out ({@code null} for none). A job that can
 * never run (its payload does not decode, an unknown task) throws {@link Unrunnable} and dies at once.
 */
interface JsonJobHandler {

    String handle(Job job) throws Exception;

    /** Thrown for a job no retry can help: it is dead-lettered whatever attempts remain. */
    final class Unrunnable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unrunnable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Adapts a user's typed handler: decode with the codec, run, encode a non-null result. A result the codec
     * cannot encode is logged and dropped, and the job acked (as upstream's tasks do): the handler ran, and
     * running it again for its result's sake could repeat its effects.
     */
    static <T> JsonJobHandler typed(Type payloadType, JobHandler<T> handler, PayloadCodec codec) {
        return job -> {
            T payload;
            try {
                payload = job.payload(payloadType);
            } catch (InvalidPayloadException e) {
                throw new Unrunnable(e.getMessage(), e);
            }
            return encodeResult(codec, job, handler.handle(payload, job));
        };
    }

    /** The result as JSON, or null (no result) if it is null or cannot be encoded. */
    static String encodeResult(PayloadCodec codec, Job job, Object result) {
        if (result == null) {
            return null;
        }
        try {
            return codec.encode(result);
        } catch (InvalidPayloadException e) {
            org.slf4j.LoggerFactory.getLogger(JsonJobHandler.class)
                    .error("{} succeeded but its result cannot be stored; acking it without one", job, e);
            return null;
        }
    }
}
