package io.kommosync.xero.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.codec.DecodeException;
import feign.FeignException;
import feign.RetryableException;
import io.kommosync.accounting.spi.AccountingException;
import io.kommosync.accounting.spi.AuthenticationException;
import io.kommosync.accounting.spi.ConflictException;
import io.kommosync.accounting.spi.ErrorContext;
import io.kommosync.accounting.spi.FieldError;
import io.kommosync.accounting.spi.NotFoundException;
import io.kommosync.accounting.spi.RateLimitedException;
import io.kommosync.accounting.spi.TransientAccountingException;
import io.kommosync.accounting.spi.ValidationException;
import io.kommosync.client.oauth.ReauthorizationRequiredException;
import io.kommosync.client.oauth.TokenRefreshException;
import io.kommosync.client.ratelimit.RateLimitInterruptedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns what a call to Xero ended with into the SPI's exception for the port operation that made it: the provider id,
 * the operation, the HTTP status and Xero's correlation id, never a token. Thread-safe.
 */
public final class XeroFailures {

    /** The provider id every exception names. */
    public static final String PROVIDER_ID = "xero";
    private static final int MAX_MESSAGE = 300;

    private final ObjectMapper mapper;

    /**
     * Creates the mapper of failures.
     *
     * @param mapper the JSON mapper error bodies are read with
     */
    public XeroFailures(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * The context of an operation without an HTTP answer.
     *
     * @param operation the port method
     * @return the context
     */
    public static ErrorContext context(String operation) {
        return ErrorContext.of(PROVIDER_ID, operation);
    }

    /**
     * Maps a failure.
     *
     * @param operation the port method that failed, for example {@code createInvoice}
     * @param failure   what the call threw
     * @return the SPI exception, or empty for failures that are programming errors and must propagate as they are
     */
    public Optional<AccountingException> map(String operation, Throwable failure) {
        ErrorContext context = context(operation);
        if (failure instanceof AccountingException e) {
            return Optional.of(e);
        }
        if (failure instanceof XeroHttpException e) {
            return Optional.of(http(operation, e));
        }
        if (failure instanceof ClientThrottledException e) {
            return Optional.of(new RateLimitedException(context, e.getMessage(), e.waitTime(), e.window()));
        }
        if (failure instanceof ReauthorizationRequiredException e) {
            return Optional.of(new AuthenticationException(context, "the Xero connection needs re-authorisation: "
                    + e.reason() + "; run the Xero consent flow again and seed the new tokens", e));
        }
        if (failure instanceof TokenRefreshException e) {
            String message = "refreshing the Xero access token failed: " + e.getMessage();
            return Optional.of(e.retryable() ? new TransientAccountingException(context, message, e)
                    : new AuthenticationException(context, message, e));
        }
        if (failure instanceof RetryableException e) {
            return Optional.of(new TransientAccountingException(context, "could not reach Xero or its answer was "
                    + "lost (" + rootCause(e) + "); retry with the same idempotency key", e));
        }
        if (failure instanceof DecodeException e) {
            return Optional.of(new TransientAccountingException(context.withHttpStatus(e.status()),
                    "Xero's answer could not be read as the expected JSON (a proxy page?); try again later", e));
        }
        if (failure instanceof FeignException e) {
            return Optional.of(new TransientAccountingException(context, "the call to Xero failed ("
                    + e.getClass().getSimpleName() + ")", e));
        }
        if (failure instanceof RateLimitInterruptedException e) {
            return Optional.of(new TransientAccountingException(context, "interrupted while waiting for a Xero "
                    + "rate-limit permit", e));
        }
        return Optional.empty();
    }

    private AccountingException http(String operation, XeroHttpException e) {
        ErrorContext context = context(operation).withHttpStatus(e.status())
                .withVendorRequestId(e.correlationId().orElse(null));
        int status = e.status();
        if (status == 429) {
            RateLimitedException.Window window = window(e.rateLimitProblem().orElse(""));
            String parked = window == RateLimitedException.Window.DAILY ? "; work is parked until it resets" : "";
            return new RateLimitedException(context, "Xero's " + e.rateLimitProblem().orElse("rate") + " limit was "
                    + "reached" + parked, e.retryAfter().orElse(null), window);
        }
        if (status == 401) {
            return new AuthenticationException(context, "Xero rejected the access token" + problem(e.body())
                    + "; refresh it or re-authorise the connection");
        }
        if (status == 403) {
            return new AuthenticationException(context, "Xero refused access" + problem(e.body()) + "; check that "
                    + "the connection reaches this tenant and was granted accounting.invoices, accounting.contacts "
                    + "and accounting.settings");
        }
        if (status == 404) {
            return new NotFoundException(context, "Xero has no such resource");
        }
        if (status == 409) {
            return new ConflictException(context, "Xero reports a conflict" + errorMessage(e.body()));
        }
        if (status >= 500 || status == 408) {
            return new TransientAccountingException(context, "Xero answered HTTP " + status + errorMessage(e.body())
                    + "; try again later");
        }
        Optional<XeroJson.Error> error = parse(e.body());
        List<FieldError> fields = new ArrayList<>();
        String code = error.map(XeroJson.Error::type).orElse("");
        if (error.isPresent() && error.get().elements() != null) {
            List<XeroJson.Element> elements = error.get().elements();
            for (int i = 0; i < elements.size(); i++) {
                fields.addAll(fieldErrors(elements.get(i).validationErrors(), elementPrefix(operation, i), code));
            }
        }
        if (fields.isEmpty() && "QueryParseException".equals(code)) {
            fields.add(new FieldError("where", clip(error.get().message()), code));
        }
        return new ValidationException(context, "Xero rejected the request" + error.map(XeroJson.Error::message)
                .map(m -> ": " + clip(m)).orElse(""), fields);
    }

    /**
     * The field errors of one failed element of a write.
     *
     * @param errors Xero's messages
     * @param prefix the element's path, for example {@code Invoices[2].}
     * @param code   the error type to record, for example {@code ValidationException}
     * @return one field error per message, the field guessed from the message's wording
     */
    public static List<FieldError> fieldErrors(List<XeroJson.ValidationError> errors, String prefix, String code) {
        List<FieldError> out = new ArrayList<>();
        if (errors == null) {
            return out;
        }
        for (XeroJson.ValidationError ve : errors) {
            String message = ve.message() == null ? "" : ve.message();
            String field = field(message);
            out.add(new FieldError(field.isEmpty() ? prefix.replaceAll("\\.$", "") : prefix + field, clip(message),
                    code == null ? "" : code));
        }
        return out;
    }

    /**
     * A validation failure of one element of a write that Xero answered 200 for.
     *
     * @param operation the port method
     * @param errors    Xero's messages
     * @param prefix    the element's path
     * @return the exception
     */
    public static ValidationException elementFailure(String operation, List<XeroJson.ValidationError> errors,
                                                     String prefix) {
        List<FieldError> fields = fieldErrors(errors, prefix, "ValidationException");
        return new ValidationException(context(operation), "Xero rejected " + prefix.replaceAll("\\.$", ""), fields);
    }

    /** Xero's messages name fields in words; this finds the property they speak of. */
    static String field(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        if (m.contains("taxtype") || m.contains("tax type") || m.contains("tax rate")) {
            return "LineItems.TaxType";
        }
        if (m.contains("account")) {
            return "LineItems.AccountCode";
        }
        if (m.contains("tracking")) {
            return "LineItems.Tracking";
        }
        if (m.contains("reference")) {
            return "Reference";
        }
        if (m.contains("due date") || m.contains("duedate")) {
            return "DueDate";
        }
        if (m.contains("currency")) {
            return "CurrencyCode";
        }
        if (m.contains("invoice #") || m.contains("invoice number")) {
            return "InvoiceNumber";
        }
        if (m.contains("description")) {
            return "LineItems.Description";
        }
        if (m.contains("quantity")) {
            return "LineItems.Quantity";
        }
        if (m.contains("unit amount") || m.contains("unitamount") || m.contains("price")) {
            return "LineItems.UnitAmount";
        }
        if (m.contains("discount")) {
            return "LineItems.DiscountRate";
        }
        if (m.contains("email")) {
            return "EmailAddress";
        }
        if (m.contains("contact name")) {
            return "Name";
        }
        if (m.contains("contact")) {
            return "Contact";
        }
        if (m.contains("name")) {
            return "Name";
        }
        if (m.contains("date")) {
            return "Date";
        }
        if (m.contains("status")) {
            return "Status";
        }
        return "";
    }

    private static String elementPrefix(String operation, int index) {
        String collection = operation.toLowerCase(Locale.ROOT).contains("customer") ? "Contacts" : "Invoices";
        return collection + "[" + index + "].";
    }

    private static RateLimitedException.Window window(String problem) {
        String p = problem.toLowerCase(Locale.ROOT);
        if (p.contains("day") || p.contains("daily")) {
            return RateLimitedException.Window.DAILY;
        }
        if (p.contains("concurren")) {
            return RateLimitedException.Window.CONCURRENCY;
        }
        return RateLimitedException.Window.SHORT;
    }

    private Optional<XeroJson.Error> parse(String body) {
        if (body == null || body.isBlank() || !body.trim().startsWith("{")) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(mapper.readValue(body, XeroJson.Error.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private String errorMessage(String body) {
        return parse(body).map(XeroJson.Error::message).filter(m -> !m.isBlank()).map(m -> ": " + clip(m)).orElse("");
    }

    private String problem(String body) {
        if (body == null || !body.trim().startsWith("{")) {
            return "";
        }
        try {
            XeroJson.Problem p = mapper.readValue(body, XeroJson.Problem.class);
            return p == null || p.detail() == null ? "" : " (" + clip(p.detail()) + ")";
        } catch (JsonProcessingException e) {
            return "";
        }
    }

    private static String clip(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "…";
    }

    private static String rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    /**
     * The wait a rate-limit failure asks for, for the retry policy.
     *
     * @param failure the failure
     * @return the wait
     */
    public static Optional<Duration> retryAfter(Throwable failure) {
        return failure instanceof AccountingException e ? e.retryAfter() : Optional.empty();
    }
}
