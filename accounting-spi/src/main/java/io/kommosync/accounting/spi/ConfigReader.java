package io.kommosync.accounting.spi;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads typed values out of an {@link AccountingConfig} and collects every problem on the way, so that a
 * provider reports all bad or missing keys in one {@link InvalidConfigurationException}:
 *
 * <pre>{@code
 * ConfigReader r = config.reader("xero");
 * String clientId = r.required("clientId");
 * URI baseUrl = r.uri("baseUrl", URI.create("https://api.xero.com/api.xro/2.0/"));
 * int pageSize = r.intInRange("pageSize", 100, 1, 1000);
 * r.validate();   // throws, listing every problem, if any accessor above found one
 * }</pre>
 *
 * <p>An accessor that finds a problem records it and returns {@code null} (or the default); callers must
 * call {@link #validate()} before using any value. Not thread-safe: use one reader per thread.
 */
public final class ConfigReader {

    private final AccountingConfig config;
    private final String providerId;
    private final List<ConfigProblem> problems = new ArrayList<>();

    ConfigReader(AccountingConfig config, String providerId) {
        this.config = Objects.requireNonNull(config, "config");
        this.providerId = Objects.requireNonNull(providerId, "providerId");
    }

    /**
     * A required, non-blank string.
     *
     * @param key the key
     * @return the value, or {@code null} when missing (the problem is recorded)
     */
    public String required(String key) {
        Optional<String> value = config.get(key).filter(v -> !v.isBlank());
        if (value.isEmpty()) {
            problems.add(new ConfigProblem(key, "missing", "set '" + key + "' in the " + providerId + " configuration"));
            return null;
        }
        return value.get();
    }

    /**
     * An optional string.
     *
     * @param key the key
     * @return the value, or empty when absent or blank
     */
    public Optional<String> optional(String key) {
        return config.get(key).filter(v -> !v.isBlank());
    }

    /**
     * A string with a default.
     *
     * @param key          the key
     * @param defaultValue the value when absent
     * @return the value or the default
     */
    public String string(String key, String defaultValue) {
        return optional(key).orElse(defaultValue);
    }

    /**
     * An absolute {@code http} or {@code https} URI with a default.
     *
     * @param key          the key
     * @param defaultValue the value when absent, {@code null} to make the key required
     * @return the URI, or {@code null} when bad or missing (the problem is recorded)
     */
    public URI uri(String key, URI defaultValue) {
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            if (defaultValue == null) {
                problems.add(new ConfigProblem(key, "missing", "set '" + key + "' to an absolute https URL"));
            }
            return defaultValue;
        }
        try {
            URI uri = new URI(raw.get().trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                problems.add(new ConfigProblem(key, "'" + raw.get() + "' is not an absolute http(s) URL",
                        "use a URL such as https://api.example.com/"));
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add(new ConfigProblem(key, "'" + raw.get() + "' is not a URL", "use a URL such as https://api.example.com/"));
            return null;
        }
    }

    /**
     * A whole number within bounds, with a default.
     *
     * @param key          the key
     * @param defaultValue the value when absent
     * @param min          the smallest allowed value
     * @param max          the largest allowed value
     * @return the number, or the default when bad (the problem is recorded)
     */
    public int intInRange(String key, int defaultValue, int min, int max) {
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get().trim());
            if (value < min || value > max) {
                problems.add(new ConfigProblem(key, value + " is out of range", "use a whole number from " + min + " to " + max));
                return defaultValue;
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(new ConfigProblem(key, "'" + raw.get() + "' is not a whole number",
                    "use a whole number from " + min + " to " + max));
            return defaultValue;
        }
    }

    /**
     * A boolean ({@code true} or {@code false}, any case), with a default.
     *
     * @param key          the key
     * @param defaultValue the value when absent
     * @return the value, or the default when bad (the problem is recorded)
     */
    public boolean bool(String key, boolean defaultValue) {
        Optional<String> raw = optional(key).map(v -> v.trim().toLowerCase(Locale.ROOT));
        if (raw.isEmpty()) {
            return defaultValue;
        }
        if (raw.get().equals("true") || raw.get().equals("false")) {
            return Boolean.parseBoolean(raw.get());
        }
        problems.add(new ConfigProblem(key, "'" + raw.get() + "' is not a boolean", "use true or false"));
        return defaultValue;
    }

    /**
     * A positive duration in ISO-8601 form ({@code PT30S}) or as whole seconds ({@code 30}), with a default.
     *
     * @param key          the key
     * @param defaultValue the value when absent
     * @return the duration, or the default when bad (the problem is recorded)
     */
    public Duration duration(String key, Duration defaultValue) {
        Optional<String> raw = optional(key).map(String::trim);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            Duration d = raw.get().chars().allMatch(Character::isDigit)
                    ? Duration.ofSeconds(Long.parseLong(raw.get()))
                    : Duration.parse(raw.get());
            if (d.isNegative() || d.isZero()) {
                problems.add(new ConfigProblem(key, "'" + raw.get() + "' is not positive", "use a positive duration such as PT30S"));
                return defaultValue;
            }
            return d;
        } catch (DateTimeParseException | NumberFormatException e) {
            problems.add(new ConfigProblem(key, "'" + raw.get() + "' is not a duration", "use ISO-8601 such as PT30S, or whole seconds"));
            return defaultValue;
        }
    }

    /**
     * One constant of an enum, matched case-insensitively with {@code -} read as {@code _}, with a default.
     *
     * @param key          the key
     * @param type         the enum type
     * @param defaultValue the value when absent, {@code null} to make the key required
     * @param <E>          the enum type
     * @return the constant, or the default when bad (the problem is recorded)
     */
    public <E extends Enum<E>> E oneOf(String key, Class<E> type, E defaultValue) {
        String allowed = Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            if (defaultValue == null) {
                problems.add(new ConfigProblem(key, "missing", "set '" + key + "' to one of: " + allowed));
            }
            return defaultValue;
        }
        String wanted = raw.get().trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(wanted)) {
                return constant;
            }
        }
        problems.add(new ConfigProblem(key, "'" + raw.get() + "' is not allowed", "use one of: " + allowed));
        return defaultValue;
    }

    /**
     * A required attachment.
     *
     * @param type the type it is attached under
     * @param fix  what the host should do, for example "attach a TokenStore with AccountingConfig.Builder.attach"
     * @param <T>  the type
     * @return the object, or {@code null} when missing (the problem is recorded)
     */
    public <T> T requiredAttachment(Class<T> type, String fix) {
        Optional<T> value = config.attachment(type);
        if (value.isEmpty()) {
            problems.add(new ConfigProblem(type.getSimpleName(), "no " + type.getSimpleName() + " attached", fix));
            return null;
        }
        return value.get();
    }

    /**
     * Records a problem found by the provider's own checks (for example two keys that contradict each other).
     *
     * @param key     the key at fault
     * @param problem what is wrong
     * @param fix     what to do
     * @return this reader
     */
    public ConfigReader problem(String key, String problem, String fix) {
        problems.add(new ConfigProblem(key, problem, fix));
        return this;
    }

    /**
     * The problems recorded so far.
     *
     * @return an unmodifiable copy
     */
    public List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    /**
     * Throws when any accessor found a problem.
     *
     * @throws InvalidConfigurationException listing every recorded problem
     */
    public void validate() {
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(providerId, problems);
        }
    }
}
