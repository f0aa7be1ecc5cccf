package io.kommosync.sage.cloud.internal;

import feign.FeignException;
import feign.RetryableException;
import feign.codec.DecodeException;
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
import io.kommosync.client.retry.FailureClassifier;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Maps what a Sage call can throw onto the SPI's exception tree, naming the provider, the port operation, the HTTP
 * status and Sage's request id:
 * <ul>
 *   <li>400, 422 (and other 4xx not listed) ⇒ {@link ValidationException} with one {@link FieldError} per entry of
 *       Sage's error array ({@code $source} ⇒ field, {@code $message} ⇒ message, {@code $dataCode} ⇒ code);</li>
 *   <li>401, 403 ⇒ {@link AuthenticationException}; a lost grant ({@code invalid_grant}) too;</li>
 *   <li>404 ⇒ {@link NotFoundException}; 409 ⇒ {@link ConflictException};</li>
 *   <li>429 ⇒ {@link RateLimitedException} with {@code Retry-After};</li>
 *   <li>408, 5xx, I/O failures, unreadable answers ⇒ {@link TransientAccountingException}.</li>
 * </ul>
 */
final class SageFailures implements FailureClassifier {

    static final String PROVIDER_ID = "sage-cloud";

    @Override
    public boolean isRetryable(Throwable failure) {
        if (failure instanceof SageHttpFailure http) {
            return http.isRetryable();
        }
        if (failure instanceof TokenRefreshException refresh) {
            return refresh.retryable();
        }
        // Sage's non-2xx answers arrive as SageHttpFailure; any Feign exception left is an I/O failure or an answer
        // that is not the expected JSON (a proxy's maintenance page), both worth another attempt.
        return failure instanceof FeignException;
    }

    @Override
    public Optional<Duration> retryAfter(Throwable failure) {
        if (failure instanceof SageHttpFailure http) {
            return http.retryAfter();
        }
        if (failure instanceof TokenRefreshException refresh) {
            return refresh.retryAfter();
        }
        return Optional.empty();
    }

    static ErrorContext context(String operation) {
        return ErrorContext.of(PROVIDER_ID, operation);
    }

    static AccountingException translate(String operation, Throwable failure) {
        if (failure instanceof AccountingException accounting) {
            return accounting;
        }
        ErrorContext context = context(operation);
        if (failure instanceof SageHttpFailure http) {
            return fromHttp(context.withHttpStatus(http.status()).withVendorRequestId(http.requestId().orElse(null)),
                    http);
        }
        if (failure instanceof ReauthorizationRequiredException lost) {
            return new AuthenticationException(context, "the Sage connection must be authorised again ("
                    + lost.reason() + "); send the user through Sage's consent screen", lost);
        }
        if (failure instanceof TokenRefreshException refresh) {
            String message = "refreshing the Sage access token failed: " + refresh.getMessage();
            return refresh.retryable() ? new TransientAccountingException(context, message, refresh)
                    : new AuthenticationException(context, message, refresh);
        }
        if (failure instanceof RetryableException io) {
            return new TransientAccountingException(context, "no answer from Sage: " + io.getMessage(), io);
        }
        if (failure instanceof DecodeException decode) {
            return new TransientAccountingException(context.withHttpStatus(decode.status()),
                    "Sage answered something that is not the expected JSON (a proxy page?)", decode);
        }
        if (failure instanceof FeignException feign) {
            return new TransientAccountingException(context, "the call to Sage failed: " + feign.getMessage(), feign);
        }
        if (failure instanceof RateLimitInterruptedException interrupted) {
            return new TransientAccountingException(context, "interrupted while waiting for the Sage rate limit",
                    interrupted);
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new TransientAccountingException(context, "the call to Sage failed: " + failure, failure);
    }

    private static AccountingException fromHttp(ErrorContext context, SageHttpFailure http) {
        String message = http.getMessage();
        return switch (http.status()) {
            case 401, 403 -> new AuthenticationException(context, message + "; re-authorise the connection or check "
                    + "the user's access to the business", http);
            case 404 -> new NotFoundException(context, message, http);
            case 409 -> new ConflictException(context, message, http);
            case 429 -> new RateLimitedException(context, message, http.retryAfter().orElse(null),
                    RateLimitedException.Window.SHORT);
            case 408 -> new TransientAccountingException(context, message, http);
            default -> http.status() >= 500 ? new TransientAccountingException(context, message, http)
                    : new ValidationException(context, message, fieldErrors(http));
        };
    }

    static List<FieldError> fieldErrors(SageHttpFailure http) {
        if (http.errors().isEmpty()) {
            return List.of(new FieldError("", "Sage answered HTTP " + http.status() + " without details", ""));
        }
        return http.errors().stream()
                .map(e -> new FieldError(nullToEmpty(e.source()), nullToEmpty(e.message()), nullToEmpty(e.dataCode())))
                .toList();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
