package io.kommosync.kommo.webhook;

import io.kommosync.kommo.webhook.internal.ContentTypes;
import io.kommosync.kommo.webhook.internal.FormDecoder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Parses the bodies of Kommo account webhooks into typed {@link KommoWebhook}s.
 *
 * <p>Kommo posts {@code application/x-www-form-urlencoded} bodies with PHP-style bracketed keys, every value a
 * string, possibly several events in one body:
 * <pre>{@code
 * leads[status][0][id]=4821&leads[status][0][status_id]=142&leads[status][0][old_status_id]=21
 *   &leads[status][0][pipeline_id]=11&leads[status][0][old_pipeline_id]=11&...
 *   &account[subdomain]=example&account[id]=30739638
 * }</pre>
 * The parser reads leads, contacts and companies ({@link KommoWebhookEvent}); keys of other entities, actions
 * and fields are skipped. What it reads it reads strictly: percent escapes must be well formed, text must be
 * valid in the request charset ({@code +} is a space), keys must be well-bracketed and appear once, indexes
 * are bounded, numbers, times and amounts must parse, and required fields must be present. Anything else is a
 * {@link KommoWebhookFormatException} naming the key and what was expected, never another exception.
 *
 * <p><b>No signature exists.</b> Kommo does not sign account webhooks, and this parser does not pretend to
 * verify anything: a parsed webhook proves only that the body is well formed. Authenticate the request before
 * trusting it, with an unguessable per-connection token in the webhook URL path, then check that
 * {@link KommoWebhook#account()} matches that connection. Re-read entities through the API before acting.
 *
 * <p>Limits bound the work and memory per request. Bodies over {@link #maxBodyBytes()} are rejected before any
 * decoding; the number of fields is checked before any field is decoded; indexes are kept in maps, so a key like
 * {@code leads[status][99999999999][id]} is rejected and never allocates an array. The defaults
 * ({@link #defaults()}) suit every Kommo webhook seen in practice; change them with {@link #builder()}.
 *
 * <p>Immutable and thread-safe: share one instance.
 *
 * <pre>{@code
 * KommoWebhookParser parser = KommoWebhookParser.defaults();
 * KommoWebhook webhook = parser.parse(request.contentType(), request.bodyBytes());
 * for (KommoWebhookEvent.LeadStatusChanged change : webhook.eventsOf(KommoWebhookEvent.LeadStatusChanged.class)) {
 *     queue.enqueue(change.leadId(), change.statusId(), change.dedupeKey());
 * }
 * }</pre>
 */
public final class KommoWebhookParser {

    /** The content type of Kommo webhooks. */
    public static final String FORM_CONTENT_TYPE = ContentTypes.FORM;

    /** Default of {@link #maxBodyBytes()}: 1 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    /** Default of {@link #maxEvents()}. */
    public static final int DEFAULT_MAX_EVENTS = 500;
    /** Default of {@link #maxKeys()}. */
    public static final int DEFAULT_MAX_KEYS = 20_000;
    /** Default of {@link #maxKeyLength()}. */
    public static final int DEFAULT_MAX_KEY_LENGTH = 256;
    /** Default of {@link #maxKeyDepth()}. */
    public static final int DEFAULT_MAX_KEY_DEPTH = 10;
    /** Default of {@link #maxIndex()}. */
    public static final int DEFAULT_MAX_INDEX = 9_999;
    /** Default of {@link #maxCustomFields()}. */
    public static final int DEFAULT_MAX_CUSTOM_FIELDS = 500;

    private static final Logger LOG = LoggerFactory.getLogger(KommoWebhookParser.class);
    private static final KommoWebhookParser DEFAULTS = builder().build();

    private final int maxBodyBytes;
    private final int maxEvents;
    private final int maxKeys;
    private final int maxKeyLength;
    private final int maxKeyDepth;
    private final int maxIndex;
    private final int maxCustomFields;

    private KommoWebhookParser(Builder builder) {
        this.maxBodyBytes = builder.maxBodyBytes;
        this.maxEvents = builder.maxEvents;
        this.maxKeys = builder.maxKeys;
        this.maxKeyLength = builder.maxKeyLength;
        this.maxKeyDepth = builder.maxKeyDepth;
        this.maxIndex = builder.maxIndex;
        this.maxCustomFields = builder.maxCustomFields;
    }

    /**
     * The parser with the default limits.
     *
     * @return a shared instance
     */
    public static KommoWebhookParser defaults() {
        return DEFAULTS;
    }

    /**
     * A builder starting from the default limits.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder starting from this parser's limits.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder()
                .withMaxBodyBytes(maxBodyBytes)
                .withMaxEvents(maxEvents)
                .withMaxKeys(maxKeys)
                .withMaxKeyLength(maxKeyLength)
                .withMaxKeyDepth(maxKeyDepth)
                .withMaxIndex(maxIndex)
                .withMaxCustomFields(maxCustomFields);
    }

    /**
     * Parses a body known to be form-encoded UTF-8, for callers that checked the content type themselves.
     *
     * @param rawBody the request body exactly as received
     * @return the webhook
     * @throws KommoWebhookFormatException if the body is empty, over a limit, or malformed; the message names the
     *                                     key at fault
     * @throws NullPointerException        if {@code rawBody} is null
     */
    public KommoWebhook parse(byte[] rawBody) {
        return read(StandardCharsets.UTF_8, rawBody);
    }

    /**
     * Parses a request body after checking its content type.
     *
     * @param contentType the request's {@code Content-Type} header, or null if it had none; must be
     *                    {@code application/x-www-form-urlencoded} (any letter case), optionally with a
     *                    {@code charset} parameter (UTF-8 when absent; the charset must be ASCII-compatible)
     * @param rawBody     the request body exactly as received
     * @return the webhook
     * @throws KommoWebhookFormatException if the content type is missing or not a form, or the body is empty, over
     *                                     a limit, or malformed; the message names the header or key at fault
     * @throws NullPointerException        if {@code rawBody} is null
     */
    public KommoWebhook parse(String contentType, byte[] rawBody) {
        Objects.requireNonNull(rawBody, "rawBody");
        return read(ContentTypes.formCharset(contentType), rawBody);
    }

    private KommoWebhook read(Charset charset, byte[] rawBody) {
        Objects.requireNonNull(rawBody, "rawBody");
        if (rawBody.length > maxBodyBytes) {
            throw new KommoWebhookFormatException("body", "is " + rawBody.length + " bytes; the limit is "
                    + maxBodyBytes + " (raise it with KommoWebhookParser.builder().withMaxBodyBytes(...))");
        }
        if (rawBody.length == 0) {
            throw new KommoWebhookFormatException("body", "is empty; expected form fields such as "
                    + "leads[status][0][id]=4821&account[subdomain]=example");
        }
        WebhookBodyReader reader = new WebhookBodyReader(this);
        FormDecoder.decode(rawBody, charset, maxKeys, maxKeyLength, reader);
        KommoWebhook webhook = reader.webhook();
        if (LOG.isDebugEnabled()) {
            LOG.debug("Parsed Kommo webhook from account {}: {} events, {} fields skipped as not modelled",
                    webhook.account().subdomain(), webhook.events().size(), reader.ignoredFields());
        }
        return webhook;
    }

    /**
     * The largest body accepted, in bytes; larger bodies are rejected before decoding.
     *
     * @return the limit, default {@value #DEFAULT_MAX_BODY_BYTES}
     */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * The most events (of the modelled entities and actions) one body may carry.
     *
     * @return the limit, default {@value #DEFAULT_MAX_EVENTS}
     */
    public int maxEvents() {
        return maxEvents;
    }

    /**
     * The most {@code key=value} fields one body may carry, modelled or not.
     *
     * @return the limit, default {@value #DEFAULT_MAX_KEYS}
     */
    public int maxKeys() {
        return maxKeys;
    }

    /**
     * The most characters a decoded key may have.
     *
     * @return the limit, default {@value #DEFAULT_MAX_KEY_LENGTH}
     */
    public int maxKeyLength() {
        return maxKeyLength;
    }

    /**
     * The most bracketed parts a key of a modelled entity may have
     * ({@code leads[status][0][custom_fields][0][values][0][value]} has seven).
     *
     * @return the limit, default {@value #DEFAULT_MAX_KEY_DEPTH}
     */
    public int maxKeyDepth() {
        return maxKeyDepth;
    }

    /**
     * The largest index accepted in a key, such as the {@code 0} of {@code leads[status][0][id]}.
     *
     * @return the limit, default {@value #DEFAULT_MAX_INDEX}
     */
    public int maxIndex() {
        return maxIndex;
    }

    /**
     * The most custom fields one event may carry.
     *
     * @return the limit, default {@value #DEFAULT_MAX_CUSTOM_FIELDS}
     */
    public int maxCustomFields() {
        return maxCustomFields;
    }

    @Override
    public String toString() {
        return "KommoWebhookParser[maxBodyBytes=" + maxBodyBytes + ", maxEvents=" + maxEvents + ", maxKeys=" + maxKeys
                + ", maxKeyLength=" + maxKeyLength + ", maxKeyDepth=" + maxKeyDepth + ", maxIndex=" + maxIndex
                + ", maxCustomFields=" + maxCustomFields + "]";
    }

    /**
     * Configures the limits of a {@link KommoWebhookParser}. Every limit must be at least 1. Mutable and not
     * thread-safe; the parsers it builds are immutable.
     */
    public static final class Builder {
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int maxEvents = DEFAULT_MAX_EVENTS;
        private int maxKeys = DEFAULT_MAX_KEYS;
        private int maxKeyLength = DEFAULT_MAX_KEY_LENGTH;
        private int maxKeyDepth = DEFAULT_MAX_KEY_DEPTH;
        private int maxIndex = DEFAULT_MAX_INDEX;
        private int maxCustomFields = DEFAULT_MAX_CUSTOM_FIELDS;

        private Builder() {
        }

        /**
         * Sets {@link KommoWebhookParser#maxBodyBytes()}.
         *
         * @param maxBodyBytes the limit in bytes, at least 1
         * @return this builder
         * @throws IllegalArgumentException if the limit is below 1
         */
        public Builder withMaxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = atLeastOne(maxBodyBytes, "maxBodyBytes");
            return this;
        }

        /**
         * Sets {@link KommoWebhookParser#maxEvents()}.
         *
         * @param maxEvents the limit, at least 1
         * @return this builder
         * @throws IllegalArgumentException if the limit is below 1
         */
        public Builder withMaxEvents(int maxEvents) {
            this.maxEvents = atLeastOne(maxEvents, "maxEvents");
            return this;
        }

        /**
         * Sets {@link KommoWebhookParser#maxKeys()}.
         *
         * @param maxKeys the limit, at least 1
         * @return this builder
         * @throws IllegalArgumentException if the limit is below 1
         */
        public Builder withMaxKeys(int maxKeys) {
            this.maxKeys = atLeastOne(maxKeys, "maxKeys");
            return this;
        }

        /**
         * Sets {@link KommoWebhookParser#maxKeyLength()}.
         *
         * @param maxKeyLength the limit in characters, at least 1
         * @return this builder
         * @throws IllegalArgumentException if the limit is below 1
         */
        public Builder withMaxKeyLength(int maxKeyLength) {
            this.maxKeyLength = atLeastOne(maxKeyLength, "maxKeyLength");
            return this;
        }

        /**
         * Sets {@link KommoWebhookParser#maxKeyDepth()}. Below 7, custom field values can no longer be read.
         *
         * @param maxKeyDepth the limit, at least 1
         * @return this builder
         * @throws IllegalArgumentException if the limit is below 1
         */
        public Builder withMaxKeyDepth(int maxKeyDepth) {
            this.maxKeyDepth = atLeastOne(maxKeyDepth, "maxKeyDepth");
            return this;
        }

        /**
         * Sets {@link KommoWebhookParser#maxIndex()}.
         *
         * @param maxIndex the largest index accepted, at least 1
         * @return this builder
         * @throws IllegalArgumentException if the limit is below 1
         */
        public Builder withMaxIndex(int maxIndex) {
            this.maxIndex = atLeastOne(maxIndex, "maxIndex");
            return this;
        }

        /**
         * Sets {@link KommoWebhookParser#maxCustomFields()}.
         *
         * @param maxCustomFields the limit per event, at least 1
         * @return this builder
         * @throws IllegalArgumentException if the limit is below 1
         */
        public Builder withMaxCustomFields(int maxCustomFields) {
            this.maxCustomFields = atLeastOne(maxCustomFields, "maxCustomFields");
            return this;
        }

        /**
         * Builds the parser.
         *
         * @return an immutable, thread-safe parser
         */
        public KommoWebhookParser build() {
            return new KommoWebhookParser(this);
        }

        private static int atLeastOne(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, got " + value);
            }
            return value;
        }
    }
}
