package io.kommosync.sync;

import io.kommosync.accounting.spi.InvoiceStatus;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The deal custom fields the engine writes.
 *
 * @param invoiceNumberFieldId  a text field for the invoice number
 * @param invoiceLinkFieldId    a url field for the link to the invoice
 * @param paymentStatusFieldId  a select field for the payment status, when the connection syncs it
 * @param paymentStatusEnumIds  the select's option (enum id) for each status; required for every status when the
 *                              field is set
 */
public record KommoFields(long invoiceNumberFieldId, long invoiceLinkFieldId, OptionalLong paymentStatusFieldId,
                          Map<InvoiceStatus, Long> paymentStatusEnumIds) {

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException if a field id is not positive, or the payment status field lacks an option
     *                                  for a status
     */
    public KommoFields {
        Objects.requireNonNull(paymentStatusFieldId, "paymentStatusFieldId");
        paymentStatusEnumIds = paymentStatusEnumIds.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(paymentStatusEnumIds));
        if (invoiceNumberFieldId <= 0 || invoiceLinkFieldId <= 0) {
            throw new IllegalArgumentException("the invoice number and link field ids must be positive; "
                    + "run setup to create the fields and copy their ids");
        }
        if (paymentStatusFieldId.isPresent()) {
            for (InvoiceStatus s : InvoiceStatus.values()) {
                if (!paymentStatusEnumIds.containsKey(s)) {
                    throw new IllegalArgumentException("the payment status field has no option for " + s
                            + "; map every status to an option of the select field");
                }
            }
        }
    }

    /**
     * Fields without payment status.
     *
     * @param invoiceNumberFieldId the invoice number field
     * @param invoiceLinkFieldId   the invoice link field
     * @return the fields
     */
    public static KommoFields of(long invoiceNumberFieldId, long invoiceLinkFieldId) {
        return new KommoFields(invoiceNumberFieldId, invoiceLinkFieldId, OptionalLong.empty(), Map.of());
    }

    /**
     * These fields with a payment status select field.
     *
     * @param fieldId the select field
     * @param enumIds its option for each status
     * @return the fields
     */
    public KommoFields withPaymentStatus(long fieldId, Map<InvoiceStatus, Long> enumIds) {
        return new KommoFields(invoiceNumberFieldId, invoiceLinkFieldId, OptionalLong.of(fieldId), enumIds);
    }

    /**
     * The option for a status.
     *
     * @param status the status
     * @return the enum id, empty when payment status is not synced
     */
    public Optional<Long> paymentStatusOption(InvoiceStatus status) {
        return paymentStatusFieldId.isPresent() ? Optional.ofNullable(paymentStatusEnumIds.get(status)) : Optional.empty();
    }
}
