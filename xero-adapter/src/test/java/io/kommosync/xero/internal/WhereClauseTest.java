package io.kommosync.xero.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Safe where filters")
class WhereClauseTest {

    @Test
    @DisplayName("guard an optional field and quote the value")
    void buildsFilters() {
        assertThat(WhereClause.equalsOptional("EmailAddress", "jane+billing@example.com"))
                .hasValue("EmailAddress!=null&&EmailAddress==\"jane+billing@example.com\"");
        assertThat(WhereClause.equalsRequired("Reference", "kommo-deal-42")).hasValue("Reference==\"kommo-deal-42\"");
    }

    @Test
    @DisplayName("never put a quote, a backslash or a control character into a filter")
    void refusesUnsafeValues() {
        assertThat(WhereClause.equalsOptional("EmailAddress", "\"o'brien\"@example.com")).isEmpty();
        assertThat(WhereClause.equalsRequired("Reference", "a\\\"||Type!=\"x")).isEmpty();
        assertThat(WhereClause.equalsRequired("Reference", "line\nbreak")).isEmpty();
        assertThat(WhereClause.isSafe("o'brien@example.com")).isTrue();
        assertThat(WhereClause.isSafe("")).isFalse();
    }
}
