package io.kommosync.accounting.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Finds {@link AccountingPortProvider}s and builds ports from them.
 *
 * <p>Discovery uses {@link ServiceLoader} with an explicit class loader. A provider that cannot be loaded or
 * instantiated ({@link ServiceConfigurationError}, or an exception from its constructor or {@code id()}) is
 * recorded in {@link #failures()} and does not hide the others. Asking for an id that no provider has, or that
 * several providers claim, is an {@link InvalidConfigurationException} that says how to fix it.
 *
 * <p>Resolution is a chain ({@link #resolve}): a port passed explicitly always wins; then the id the host
 * names; then the system property {@value #PROVIDER_PROPERTY}; then the only provider on the class path.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class AccountingPorts {

    /** System property naming the provider id when the host names none. */
    public static final String PROVIDER_PROPERTY = "kommosync.accounting.provider";

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int MAX_LOADING_ERRORS = 1000;

    private final Map<String, List<AccountingPortProvider>> byId;
    private final List<String> failures;

    private AccountingPorts(Map<String, List<AccountingPortProvider>> byId, List<String> failures) {
        this.byId = byId;
        this.failures = List.copyOf(failures);
    }

    /**
     * Discovers providers with the thread's context class loader, or this class's loader when there is none.
     *
     * @return the discovered providers
     */
    public static AccountingPorts discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return discover(loader != null ? loader : AccountingPorts.class.getClassLoader());
    }

    /**
     * Discovers providers with an explicit class loader.
     *
     * @param loader the class loader to search
     * @return the discovered providers
     */
    public static AccountingPorts discover(ClassLoader loader) {
        return fromIterator(ServiceLoader.load(AccountingPortProvider.class, Objects.requireNonNull(loader, "loader"))
                .iterator());
    }

    /**
     * Uses the given providers instead of discovering any (for hosts that wire providers by hand, and for tests).
     *
     * @param providers the providers
     * @return the providers, indexed by id
     */
    public static AccountingPorts of(Iterable<? extends AccountingPortProvider> providers) {
        List<AccountingPortProvider> list = new ArrayList<>();
        providers.forEach(list::add);
        return fromIterator(list.iterator());
    }

    /**
     * Discovers providers and builds a port: shorthand for {@code discover().create(id, config)}.
     *
     * @param id     the provider id
     * @param config the port's configuration
     * @return a new port
     * @throws InvalidConfigurationException when no provider, or several, have that id, or the configuration is bad
     */
    public static AccountingPort load(String id, AccountingConfig config) {
        return discover().create(id, config);
    }

    static AccountingPorts fromIterator(Iterator<? extends AccountingPortProvider> iterator) {
        Map<String, List<AccountingPortProvider>> byId = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        int errors = 0;
        while (errors < MAX_LOADING_ERRORS) {
            AccountingPortProvider provider;
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                provider = iterator.next();
            } catch (ServiceConfigurationError | RuntimeException e) {
                errors++;
                failures.add(describe(e));
                continue;
            }
            String id;
            try {
                id = provider.id();
            } catch (RuntimeException e) {
                failures.add(provider.getClass().getName() + ".id() failed: " + describe(e));
                continue;
            }
            if (id == null || !ID.matcher(id).matches()) {
                failures.add(provider.getClass().getName() + " has an invalid id '" + id
                        + "' (use lower-case letters, digits and '-')");
                continue;
            }
            byId.computeIfAbsent(id, k -> new ArrayList<>()).add(provider);
        }
        Map<String, List<AccountingPortProvider>> frozen = new LinkedHashMap<>();
        byId.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return new AccountingPorts(Collections.unmodifiableMap(frozen), failures);
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getClass().getSimpleName()).append(": ").append(e.getMessage());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            sb.append(" caused by ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
        }
        return sb.toString();
    }

    /**
     * The ids of the providers found, including ids claimed by several providers.
     *
     * @return an unmodifiable, sorted set
     */
    public Set<String> ids() {
        return Collections.unmodifiableSet(new TreeSet<>(byId.keySet()));
    }

    /**
     * Why some providers could not be loaded.
     *
     * @return one description per failure, empty when every provider loaded
     */
    public List<String> failures() {
        return failures;
    }

    /**
     * The provider with an id.
     *
     * @param id the provider id
     * @return the provider
     * @throws InvalidConfigurationException when no provider, or several, have that id
     */
    public AccountingPortProvider provider(String id) {
        Objects.requireNonNull(id, "id");
        List<AccountingPortProvider> found = byId.getOrDefault(id, List.of());
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.isEmpty()) {
            String available = byId.isEmpty() ? "none" : String.join(", ", ids());
            String broken = failures.isEmpty() ? "" : "; providers that failed to load: " + failures;
            throw new InvalidConfigurationException(id, List.of(new ConfigProblem("provider",
                    "no accounting provider with id '" + id + "' (available: " + available + broken + ")",
                    "add the adapter's jar to the class path, or use one of the available ids")));
        }
        List<String> classes = found.stream().map(p -> p.getClass().getName()).toList();
        throw new InvalidConfigurationException(id, List.of(new ConfigProblem("provider",
                found.size() + " providers claim the id '" + id + "': " + classes,
                "keep only one of these adapters on the class path, or pass the port to the engine explicitly")));
    }

    /**
     * Builds a port with the provider of an id.
     *
     * @param id     the provider id
     * @param config the port's configuration
     * @return a new port
     * @throws InvalidConfigurationException when no provider, or several, have that id, or the configuration is bad
     */
    public AccountingPort create(String id, AccountingConfig config) {
        return provider(id).create(Objects.requireNonNull(config, "config"));
    }

    /**
     * The resolution chain: {@code explicit} when given; otherwise the provider named by {@code id}; otherwise
     * the one named by the system property {@value #PROVIDER_PROPERTY}; otherwise the only provider found.
     *
     * @param explicit a port the host built itself, or {@code null}
     * @param id       a provider id, or {@code null}
     * @param config   the configuration for a discovered provider
     * @return the explicit port, or a new one
     * @throws InvalidConfigurationException when no single provider can be chosen
     */
    public AccountingPort resolve(AccountingPort explicit, String id, AccountingConfig config) {
        if (explicit != null) {
            return explicit;
        }
        String chosen = Optional.ofNullable(id).filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(System.getProperty(PROVIDER_PROPERTY)).filter(s -> !s.isBlank()))
                .orElse(null);
        if (chosen != null) {
            return create(chosen.trim(), config);
        }
        if (byId.size() == 1) {
            return create(byId.keySet().iterator().next(), config);
        }
        throw new InvalidConfigurationException("discovery", List.of(new ConfigProblem("provider",
                byId.isEmpty() ? "no accounting provider is on the class path"
                        : "several accounting providers are on the class path: " + ids(),
                "name the provider id in the configuration or with -D" + PROVIDER_PROPERTY + "=<id>")));
    }
}
