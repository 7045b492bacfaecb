package io.honkerj.jdbi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.honkerj.api.InvalidPayloadException;
import io.honkerj.api.PayloadCodec;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * The default {@link PayloadCodec}: Jackson, compact output, {@code java.time} types as ISO-8601 text.
 * Pass your own {@link ObjectMapper} to share your application's modules and settings.
 */
public final class JacksonPayloadCodec implements PayloadCodec {
    private static final int QUOTE_LIMIT = 200;
    private final ObjectMapper mapper;

    /** Creates the codec with a mapper configured for honker payloads. */
    public JacksonPayloadCodec() {
        this(new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
    }

    /**
     * Creates the codec on a caller's mapper.
     *
     * @param mapper the mapper; used as is
     */
    public JacksonPayloadCodec(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    public String encode(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new InvalidPayloadException("Cannot encode a " + value.getClass().getName()
                    + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public <T> T decode(String json, Type type) {
        JavaType javaType = mapper.getTypeFactory().constructType(type);
        try {
            return mapper.readValue(json, javaType);
        } catch (JsonProcessingException e) {
            throw new InvalidPayloadException("Cannot decode " + quote(json) + " as " + javaType
                    + ": " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public String requireJson(String json) {
        if (json == null) {
            throw new InvalidPayloadException("Malformed JSON: null is not a JSON text (use \"null\")", null);
        }
        try {
            mapper.readTree(json);
            if (json.isBlank()) {
                throw new InvalidPayloadException("Malformed JSON " + quote(json) + ": empty text", null);
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new InvalidPayloadException(
                    "Malformed JSON " + quote(json) + ": " + e.getOriginalMessage(), e);
        }
    }

    private static String quote(String text) {
        String shown = text.length() > QUOTE_LIMIT ? text.substring(0, QUOTE_LIMIT) + "..." : text;
        return "'" + shown + "'";
    }
}
