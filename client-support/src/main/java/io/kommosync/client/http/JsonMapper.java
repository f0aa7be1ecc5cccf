package io.kommosync.client.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one Jackson configuration every kommo-sync client uses.
 *
 * <p>Name clash note: this is not {@code com.fasterxml.jackson.databind.json.JsonMapper}; it only builds one.
 */
public final class JsonMapper {

    private JsonMapper() {
    }

    /**
     * Creates a new, independently configurable {@link ObjectMapper} with:
     * <ul>
     *   <li>JSON floating-point numbers read as {@link java.math.BigDecimal} when the target type is untyped
     *       ({@code Object}, {@code Map}, {@code JsonNode}); typed {@code BigDecimal} fields are always exact;</li>
     *   <li>{@code BigDecimal} written in plain notation ({@code 1000}, never {@code 1E+3});</li>
     *   <li>{@code java.time} support with ISO-8601 strings instead of numeric timestamps, and offsets preserved
     *       as received (no adjustment to the context time zone);</li>
     *   <li>{@code java.util.Optional} support; properties that are null or an empty {@code Optional} are left out
     *       (values inside maps are written as given, so a map can still carry an explicit {@code null});</li>
     *   <li>unknown properties ignored, and unknown enum constants mapped to the constant marked
     *       {@code @JsonEnumDefaultValue} when there is one.</li>
     * </ul>
     *
     * <p>The returned mapper is thread-safe once configured; share it.
     *
     * @return a new mapper
     */
    public static ObjectMapper create() {
        return com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
            .defaultPropertyInclusion(
                JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT, JsonInclude.Include.ALWAYS))
            .build();
    }
}
