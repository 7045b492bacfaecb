package io.honkerj.jdbi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.honkerj.api.InvalidPayloadException;
import io.honkerj.api.PayloadCodec;
import io.honkerj.jdbi.internal.Args;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * The default {@link PayloadCodec}: Jackson, compact output, {@code java.time} types as ISO-8601 text, and a
 * tolerant reader: properties the target type does not know are ignored, so a producer that adds a field
 * does not break consumers still running the older record (use {@link #strict()} to fail on them instead).
 * Pass your own {@link ObjectMapper} to share your application's modules and settings
 * ({@link #defaultMapper()} is a starting point).
 *
 * <p>A lone UTF-16 surrogate in a string (a high surrogate such as U+D800 with no low one after it) is
 * written as its six-character JSON escape: SQLite would store the raw character as {@code ?}, and the escape
 * reads back as the same Java string.
 */
public final class JacksonPayloadCodec implements PayloadCodec {
    private static final int QUOTE_LIMIT = 200;
    private final ObjectMapper mapper;

    /** Creates the codec with {@link #defaultMapper()}: unknown properties are ignored. */
    public JacksonPayloadCodec() {
        this(defaultMapper());
    }

    /**
     * Creates the codec on a caller's mapper.
     *
     * @param mapper the mapper; used as is
     */
    public JacksonPayloadCodec(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * Returns the default codec's settings, but failing with {@link InvalidPayloadException} on a property
     * the target type does not know (Jackson's own default).
     *
     * @return the strict codec
     */
    public static JacksonPayloadCodec strict() {
        return new JacksonPayloadCodec(defaultMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
    }

    /**
     * Returns a new mapper set up as the default codec's: {@code java.time} support, dates as ISO-8601 text,
     * unknown properties ignored, trailing tokens rejected.
     *
     * @return a new mapper, yours to change
     */
    public static ObjectMapper defaultMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    @Override
    public String encode(Object value) {
        try {
            return escapeLoneSurrogates(mapper.writeValueAsString(value));
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
            return escapeLoneSurrogates(json);
        } catch (JsonProcessingException e) {
            throw new InvalidPayloadException(
                    "Malformed JSON " + quote(json) + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Writes each lone surrogate of a JSON text as its JSON escape (backslash, u, four hex digits). In valid
     * JSON any character outside the ASCII structure is inside a string, where the escape means the same character.
     */
    static String escapeLoneSurrogates(String json) {
        if (Args.loneSurrogateAt(json) < 0) {
            return json;
        }
        StringBuilder b = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < json.length() && Character.isLowSurrogate(json.charAt(i + 1))) {
                b.append(c).append(json.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String quote(String text) {
        String shown = text.length() > QUOTE_LIMIT ? text.substring(0, QUOTE_LIMIT) + "..." : text;
        return "'" + shown + "'";
    }
}
