package io.kommosync.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Shared JSON mapper")
class JsonMapperTest {

    private final ObjectMapper mapper = JsonMapper.create();

    record Line(String description, BigDecimal unitPrice, LocalDate dueDate, Optional<String> reference,
                String taxCode) {
    }

    @Test
    @DisplayName("reads untyped decimals as exact BigDecimals, so 0.1 + 0.2 is 0.3")
    void untypedDecimalsAreExact() throws Exception {
        Map<String, Object> body = mapper.readValue("{\"a\":0.1,\"b\":0.2,\"big\":12345678901234567890.123456789}",
            new TypeReference<Map<String, Object>>() { });

        BigDecimal a = (BigDecimal) body.get("a");
        BigDecimal b = (BigDecimal) body.get("b");
        assertThat(a.add(b)).isEqualByComparingTo("0.3");
        assertThat(body.get("big")).isEqualTo(new BigDecimal("12345678901234567890.123456789"));
    }

    @Test
    @DisplayName("writes BigDecimal plainly, dates as ISO strings, and leaves out null and empty Optional")
    void writesPlainDecimalsAndIsoDates() throws Exception {
        String json = mapper.writeValueAsString(
            new Line("Consulting", new BigDecimal("1E+3"), LocalDate.of(2025, 3, 31), Optional.empty(), null));

        assertThat(json).isEqualTo("{\"description\":\"Consulting\",\"unitPrice\":1000,\"dueDate\":\"2025-03-31\"}");
        assertThat(mapper.writeValueAsString(Map.of("at", Instant.parse("2025-01-02T03:04:05Z"))))
            .isEqualTo("{\"at\":\"2025-01-02T03:04:05Z\"}");
    }

    @Test
    @DisplayName("keeps explicit nulls inside maps, e.g. to clear a field")
    void keepsNullMapValues() throws Exception {
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("price", null);

        assertThat(mapper.writeValueAsString(patch)).isEqualTo("{\"price\":null}");
    }

    @Test
    @DisplayName("ignores unknown properties and keeps the offset of date-times")
    void lenientReading() throws Exception {
        Line line = mapper.readValue("{\"description\":\"x\",\"unitPrice\":19.99,\"new_vendor_field\":true,"
            + "\"reference\":\"INV-1\"}", Line.class);

        assertThat(line.unitPrice()).isEqualTo(new BigDecimal("19.99"));
        assertThat(line.reference()).contains("INV-1");
        assertThat(mapper.readValue("\"2025-01-02T03:04:05+02:00\"", OffsetDateTime.class).getOffset().getId())
            .isEqualTo("+02:00");
    }
}
