package io.kommosync.accounting.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The configuration a provider builds a port from: string values by key (client id, tenant, base URL…) and
 * typed objects the host attaches (a token store, a {@link java.time.Clock}, an HTTP client…), which keeps this
 * SPI free of any dependency.
 *
 * <p>Read values through {@link #reader(String)}, whose typed accessors collect <em>every</em> bad or missing
 * key and report them together in one {@link InvalidConfigurationException}.
 *
 * <p>Values of keys marked secret, and of keys whose name contains {@code secret}, {@code password},
 * {@code token} or {@code key}, are never shown by {@link #toString()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class AccountingConfig {

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(secret|password|token|key).*");

    private final Map<String, String> values;
    private final Set<String> secretKeys;
    private final Map<Class<?>, Object> attachments;

    private AccountingConfig(Builder builder) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(builder.values));
        this.secretKeys = Collections.unmodifiableSet(new TreeSet<>(builder.secretKeys));
        this.attachments = Collections.unmodifiableMap(new LinkedHashMap<>(builder.attachments));
    }

    /**
     * A new, empty builder.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A configuration holding the given values and no attachments.
     *
     * @param values the values by key; neither keys nor values may be {@code null}
     * @return a configuration
     * @throws NullPointerException if a key or value is {@code null}
     */
    public static AccountingConfig of(Map<String, String> values) {
        Builder builder = builder();
        values.forEach(builder::put);
        return builder.build();
    }

    /**
     * The raw value of a key.
     *
     * @param key the key
     * @return the value, or empty when the key is absent
     */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(Objects.requireNonNull(key, "key")));
    }

    /**
     * Every key present.
     *
     * @return an unmodifiable, sorted set
     */
    public Set<String> keys() {
        return values.keySet();
    }

    /**
     * The object the host attached under a type.
     *
     * @param type the type it was attached under
     * @param <T>  the type
     * @return the attached object, or empty
     */
    public <T> Optional<T> attachment(Class<T> type) {
        return Optional.ofNullable(attachments.get(Objects.requireNonNull(type, "type"))).map(type::cast);
    }

    /**
     * A reader that collects problems while a provider reads its keys; call {@link ConfigReader#validate()}
     * after reading every key.
     *
     * @param providerId the provider id to name in the error
     * @return a new reader; not thread-safe
     */
    public ConfigReader reader(String providerId) {
        return new ConfigReader(this, providerId);
    }

    /**
     * A builder pre-filled with this configuration's values, secrets and attachments.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder builder = builder();
        builder.values.putAll(values);
        builder.secretKeys.addAll(secretKeys);
        builder.attachments.putAll(attachments);
        return builder;
    }

    boolean isSecret(String key) {
        return secretKeys.contains(key) || SECRET_NAME.matcher(key).matches();
    }

    /**
     * Shows keys and non-secret values; secret values show as {@code ****}.
     *
     * @return a description safe to log
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("AccountingConfig{");
        String sep = "";
        for (Map.Entry<String, String> e : values.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(isSecret(e.getKey()) ? "****" : e.getValue());
            sep = ", ";
        }
        if (!attachments.isEmpty()) {
            sb.append(sep).append("attachments=").append(attachments.keySet().stream().map(Class::getSimpleName).toList());
        }
        return sb.append('}').toString();
    }

    /** Builds an {@link AccountingConfig}. Mutable and not thread-safe. */
    public static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>();
        private final Set<String> secretKeys = new TreeSet<>();
        private final Map<Class<?>, Object> attachments = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Sets a value.
         *
         * @param key   the key
         * @param value the value
         * @return this builder
         * @throws NullPointerException if either is {@code null}
         */
        public Builder put(String key, String value) {
            values.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value of " + key));
            return this;
        }

        /**
         * Sets a value that must never be shown.
         *
         * @param key   the key
         * @param value the secret value
         * @return this builder
         * @throws NullPointerException if either is {@code null}
         */
        public Builder putSecret(String key, String value) {
            put(key, value);
            secretKeys.add(key);
            return this;
        }

        /**
         * Attaches an object under a type (one per type; a later call replaces an earlier one).
         *
         * @param type  the type to attach it under
         * @param value the object
         * @param <T>   the type
         * @return this builder
         * @throws NullPointerException if either is {@code null}
         */
        public <T> Builder attach(Class<T> type, T value) {
            attachments.put(Objects.requireNonNull(type, "type"), type.cast(Objects.requireNonNull(value, "value")));
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return an immutable configuration
         */
        public AccountingConfig build() {
            return new AccountingConfig(this);
        }
    }
}
