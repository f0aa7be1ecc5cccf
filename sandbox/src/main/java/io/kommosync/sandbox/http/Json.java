package io.kommosync.sandbox.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON conventions of every simulator: numbers with a fraction are read as {@link java.math.BigDecimal} (never
 * {@code double}), big decimals are written plainly and keep their scale, so {@code "quantity": 1.50} survives a
 * round trip.
 *
 * <p>Thread-safe: the shared mapper is configured once and never reconfigured.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private Json() {
    }

    /**
     * The shared mapper; do not reconfigure it.
     *
     * @return the mapper every simulator uses
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * A new empty JSON object.
     *
     * @return an object node owned by the caller
     */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * A new empty JSON array.
     *
     * @return an array node owned by the caller
     */
    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /**
     * Parses JSON bytes.
     *
     * @param bytes UTF-8 JSON
     * @return the tree
     * @throws IllegalArgumentException if the bytes are not JSON
     */
    public static JsonNode parse(byte[] bytes) {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("the body is empty; send a JSON document");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a JSON string.
     *
     * @param text JSON text
     * @return the tree
     * @throws IllegalArgumentException if the text is not JSON
     */
    public static JsonNode parse(String text) {
        return parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Serialises a value (a tree, a map, a record) to UTF-8 JSON bytes.
     *
     * @param value what to write
     * @return the bytes
     */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialise " + value.getClass().getName() + " to JSON", e);
        }
    }
}
