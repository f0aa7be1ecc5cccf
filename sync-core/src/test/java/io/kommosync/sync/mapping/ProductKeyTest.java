package io.kommosync.sync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProductKeyTest {

    @Test
    @DisplayName("SKU keys are equal when they differ only in case and surrounding whitespace")
    void skuKeysFoldCaseAndWhitespace() {
        assertThat(new ProductKey.Sku("  cons-1 ")).isEqualTo(new ProductKey.Sku("CONS-1"))
                .hasSameHashCodeAs(new ProductKey.Sku("CONS-1"));
        assertThat(new ProductKey.Sku("CONS 1")).isNotEqualTo(new ProductKey.Sku("CONS-1"));
        assertThat(new ProductKey.Sku("  cons-1 ").sku()).isEqualTo("cons-1");
    }

    @Test
    @DisplayName("field keys fold case and whitespace in both the field name and the value")
    void fieldKeysFoldBothParts() {
        ProductKey a = new ProductKey.FieldValue(" service TYPE", "consulting ");
        ProductKey b = new ProductKey.FieldValue("Service type", "Consulting");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new ProductKey.FieldValue("Service type", "Training"));
        assertThat(a).isNotEqualTo(new ProductKey.Sku("consulting"));
    }

    @Test
    @DisplayName("a composed and a decomposed accent are the same SKU")
    void unicodeNormalisation() {
        assertThat(new ProductKey.Sku("CAF\u00c9")).isEqualTo(new ProductKey.Sku("cafe\u0301"));
    }

    @Test
    @DisplayName("each key describes itself in plain words")
    void describe() {
        assertThat(new ProductKey.ElementId(1126319).describe()).isEqualTo("catalog element 1126319");
        assertThat(new ProductKey.Sku("CONS-1").describe()).isEqualTo("SKU 'CONS-1'");
        assertThat(new ProductKey.FieldValue("Service type", "Consulting").describe())
                .isEqualTo("field 'Service type' = 'Consulting'");
    }

    @Test
    @DisplayName("keys match products by id, SKU or any field value")
    void matches() {
        ProductFacts product = new ProductFacts(7, "Audit", Optional.of(" AUD-1"),
                Map.of("Service Type", "CONSULTING"));
        assertThat(new ProductKey.ElementId(7).matches(product)).isTrue();
        assertThat(new ProductKey.ElementId(8).matches(product)).isFalse();
        assertThat(new ProductKey.Sku("aud-1").matches(product)).isTrue();
        assertThat(new ProductKey.FieldValue("service type", "consulting").matches(product)).isTrue();
        assertThat(new ProductKey.FieldValue("service type", "training").matches(product)).isFalse();
    }

    @Test
    @DisplayName("blank SKUs, blank field parts and non-positive ids are rejected with the field named")
    void rejectsBadKeys() {
        assertThatThrownBy(() -> new ProductKey.Sku(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SKU");
        assertThatThrownBy(() -> new ProductKey.FieldValue("", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name of the product field");
        assertThatThrownBy(() -> new ProductKey.FieldValue("Service type", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Service type' needs a value");
        assertThatThrownBy(() -> new ProductKey.ElementId(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> new ProductKey.Sku(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("sku");
    }

    @Test
    @DisplayName("product facts treat a blank SKU as no SKU and keep field order")
    void productFactsNormalise() {
        ProductFacts facts = ProductFacts.of(1, "Widget").withSku("  ").withField("b", "1").withField("a", "2");
        assertThat(facts.sku()).isEmpty();
        assertThat(facts.fieldValues().keySet()).containsExactly("b", "a");
        assertThatThrownBy(() -> ProductFacts.of(0, "Widget")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProductFacts.of(1, " ")).isInstanceOf(IllegalArgumentException.class);
    }
}
