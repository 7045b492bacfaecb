package io.honkerj.jdbi.worker;

import io.honkerj.api.InvalidPayloadException;
import io.honkerj.api.Job;
import io.honkerj.api.JobHandler;
import io.honkerj.api.PayloadCodec;
import java.lang.reflect.Type;
import org.jdbi.v3.core.Handle;

/**
 * What a queue worker runs: a job in, the result's JSON text out ({@code null} for none). A job that can
 * never run (its payload does not decode, an unknown task) throws {@link Unrunnable} and dies at once.
 */
interface JsonJobHandler {

    String handle(Job job) throws Exception;

    /** A handler that runs inside the transaction that acks its job ({@link TransactionalJobHandler}). */
    interface InTransaction extends JsonJobHandler {

        String handle(Job job, Handle handle) throws Exception;

        @Override
        default String handle(Job job) {
            throw new IllegalStateException("a transactional handler runs with the handle of its ack");
        }
    }

    /** Adapts a user's typed transactional handler, as {@link #typed} does a plain one. */
    static <T> InTransaction typedInTransaction(Type payloadType, TransactionalJobHandler<T> handler,
            PayloadCodec codec) {
        return (job, handle) -> encodeResult(codec, job, handler.handle(decode(job, payloadType), job, handle));
    }

    private static <T> T decode(Job job, Type payloadType) {
        try {
            return job.payload(payloadType);
        } catch (InvalidPayloadException e) {
            throw new Unrunnable(e.getMessage(), e);
        }
    }

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
        return job -> encodeResult(codec, job, handler.handle(decode(job, payloadType), job));
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
