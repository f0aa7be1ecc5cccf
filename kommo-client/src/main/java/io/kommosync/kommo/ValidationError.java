package io.kommosync.kommo;

import java.util.Objects;

/**
 * One entry of a Kommo {@code validation-errors} answer.
 *
 * <p>Immutable and thread-safe.
 *
 * @param requestId the {@code request_id} of the batch item the error belongs to (the client sends the item's
 *                  index within its call, {@code "0"} for single writes); empty when Kommo sent none
 * @param path      dotted path inside the item, such as {@code custom_fields_values.0.field_id}; empty when
 *                  Kommo sent none
 * @param code      Kommo's error code, such as {@code NotSupportedChoice}; empty when Kommo sent none
 * @param detail    Kommo's explanation, such as {@code The value you selected is not a valid choice.}; empty
 *                  when Kommo sent none
 */
public record ValidationError(String requestId, String path, String code, String detail) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException when a component is null (use the empty string for absent values)
     */
    public ValidationError {
        Objects.requireNonNull(requestId, "requestId must not be null: use \"\" when absent");
        Objects.requireNonNull(path, "path must not be null: use \"\" when absent");
        Objects.requireNonNull(code, "code must not be null: use \"\" when absent");
        Objects.requireNonNull(detail, "detail must not be null: use \"\" when absent");
    }

    /**
     * Describes the error in one line, for messages and logs: {@code item 0: custom_fields_values.0.field_id:
     * NotSupportedChoice (The value you selected is not a valid choice.)}.
     *
     * @return the description
     */
    public String describe() {
        StringBuilder text = new StringBuilder();
        if (!requestId.isEmpty()) {
            text.append("item ").append(requestId).append(": ");
        }
        text.append(path.isEmpty() ? "(no path)" : path);
        if (!code.isEmpty()) {
            text.append(": ").append(code);
        }
        if (!detail.isEmpty()) {
            text.append(" (").append(detail).append(')');
        }
        return text.toString();
    }
}
