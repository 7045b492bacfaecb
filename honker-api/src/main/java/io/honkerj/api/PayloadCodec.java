package io.honkerj.api;

import java.lang.reflect.Type;

/**
 * Turns payloads and results into JSON text and back.
 *
 * <p>Every honker binding stores JSON text, so whatever a codec writes must be valid JSON that a Python,
 * Rust or Node honker process can read. The default implementation is Jackson's.
 */
public interface PayloadCodec {

    /**
     * Encodes a value as compact JSON text.
     *
     * @param value the value; {@code null} encodes as {@code null}
     * @return JSON text
     * @throws InvalidPayloadException if the value cannot be encoded
     */
    String encode(Object value);

    /**
     * Decodes JSON text into a value of the given type.
     *
     * @param json JSON text
     * @param type the target type, such as {@code Map.class} or a parameterized type
     * @param <T> the target type
     * @return the decoded value
     * @throws InvalidPayloadException if the text is not JSON or does not fit the type
     */
    <T> T decode(String json, Type type);

    /**
     * Checks that a text is exactly one well-formed JSON value.
     *
     * @param json the text to check
     * @return the same text
     * @throws InvalidPayloadException naming the text if it is not
     */
    String requireJson(String json);
}
