package io.kommosync.sandbox.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * Which requests misbehave: random faults at configured rates from a seeded {@link Random}, and scripted faults
 * ("the next 3 requests to {@code /api/v4/leads} answer 503") that take precedence.
 *
 * <p>Random faults: one draw per request that no scripted fault matched, compared against the cumulative rates in
 * this order: connection reset, 5xx with a JSON body (500), 5xx with an nginx HTML body (502, 503 or 504), an HTML
 * page with status 200 where JSON was expected, slow answer. The same seed and the same sequence of requests give
 * the same faults.
 *
 * <p>Thread-safe; scripted faults may be added while the server runs.
 */
public final class FaultPlan {

    private static final int[] HTML_STATUSES = {502, 503, 504};

    private final long seed;
    private final double resetRate;
    private final double jsonErrorRate;
    private final double htmlErrorRate;
    private final double htmlBodyRate;
    private final double slowRate;
    private final Duration slowDelay;
    private final List<Scripted> scripted = new ArrayList<>();
    private Random random;

    private FaultPlan(Builder b) {
        this.seed = b.seed;
        this.resetRate = b.resetRate;
        this.jsonErrorRate = b.jsonErrorRate;
        this.htmlErrorRate = b.htmlErrorRate;
        this.htmlBodyRate = b.htmlBodyRate;
        this.slowRate = b.slowRate;
        this.slowDelay = b.slowDelay;
        this.random = new Random(seed);
    }

    /** @return a plan with no random faults (scripted faults can still be added) */
    public static FaultPlan none() {
        return builder().build();
    }

    /** @return a builder with every rate at 0 and seed 0 */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Scripts the next {@code count} requests whose path starts with {@code pathPrefix} (any method) to fail with
     * {@code fault}.
     *
     * @param count how many requests, at least 1
     * @param pathPrefix path prefix, for example {@code /api/v4/leads}
     * @param fault the fault
     * @throws IllegalArgumentException if count is below 1
     */
    public void scriptNext(int count, String pathPrefix, Fault fault) {
        scriptNext(count, null, pathPrefix, fault);
    }

    /**
     * Scripts the next {@code count} requests with this method whose path starts with {@code pathPrefix} to fail
     * with {@code fault}. Scripts are consumed in the order added.
     *
     * @param count how many requests, at least 1
     * @param method HTTP method, any case, or {@code null} for any
     * @param pathPrefix path prefix, for example {@code /api/v4/leads}
     * @param fault the fault
     * @throws IllegalArgumentException if count is below 1
     */
    public synchronized void scriptNext(int count, String method, String pathPrefix, Fault fault) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        scripted.add(new Scripted(method, Objects.requireNonNull(pathPrefix, "pathPrefix"),
                Objects.requireNonNull(fault, "fault"), count));
    }

    /**
     * Shorthand for scripting {@code count} answers with {@code status} and a JSON problem body.
     *
     * @param count how many requests, at least 1
     * @param pathPrefix path prefix
     * @param status the HTTP status
     */
    public void scriptNext(int count, String pathPrefix, int status) {
        scriptNext(count, pathPrefix, Fault.jsonError(status));
    }

    /**
     * Decides the fault for one request and consumes it (a scripted fault's count, or one random draw).
     *
     * @param method the request method
     * @param path the request path
     * @return the fault, or empty when the request proceeds normally
     */
    public synchronized Optional<Fault> next(String method, String path) {
        Iterator<Scripted> it = scripted.iterator();
        while (it.hasNext()) {
            Scripted s = it.next();
            if ((s.method == null || s.method.equalsIgnoreCase(method)) && path.startsWith(s.pathPrefix)) {
                s.remaining--;
                if (s.remaining == 0) {
                    it.remove();
                }
                return Optional.of(s.fault);
            }
        }
        if (!hasRandomFaults()) {
            return Optional.empty();
        }
        double draw = random.nextDouble();
        double bound = resetRate;
        if (draw < bound) {
            return Optional.of(Fault.reset());
        }
        bound += jsonErrorRate;
        if (draw < bound) {
            return Optional.of(Fault.jsonError(500));
        }
        bound += htmlErrorRate;
        if (draw < bound) {
            return Optional.of(Fault.htmlError(HTML_STATUSES[random.nextInt(HTML_STATUSES.length)]));
        }
        bound += htmlBodyRate;
        if (draw < bound) {
            return Optional.of(Fault.respond(SimulatedResponse.html(200,
                    "<!DOCTYPE html><html><head><title>Maintenance</title></head>"
                            + "<body><h1>We will be back soon</h1></body></html>")));
        }
        bound += slowRate;
        if (draw < bound) {
            return Optional.of(Fault.slow(slowDelay));
        }
        return Optional.empty();
    }

    /** @return how many scripted faults are still pending, summed over every script */
    public synchronized int pendingScripted() {
        return scripted.stream().mapToInt(s -> s.remaining).sum();
    }

    /** Drops every scripted fault and reseeds the random source, so a test starts from the same sequence. */
    public synchronized void reset() {
        scripted.clear();
        random = new Random(seed);
    }

    /** @return true when any random fault rate is above 0 */
    public boolean hasRandomFaults() {
        return resetRate + jsonErrorRate + htmlErrorRate + htmlBodyRate + slowRate > 0;
    }

    @Override
    public String toString() {
        return "FaultPlan[seed=" + seed + ", reset=" + resetRate + ", json5xx=" + jsonErrorRate + ", html5xx="
                + htmlErrorRate + ", htmlBody=" + htmlBodyRate + ", slow=" + slowRate + " (" + slowDelay + ")]";
    }

    private static final class Scripted {
        final String method;
        final String pathPrefix;
        final Fault fault;
        int remaining;

        Scripted(String method, String pathPrefix, Fault fault, int remaining) {
            this.method = method;
            this.pathPrefix = pathPrefix;
            this.fault = fault;
            this.remaining = remaining;
        }
    }

    /** Configures a {@link FaultPlan}. Not thread-safe. The rates must sum to at most 1. */
    public static final class Builder {
        private long seed;
        private double resetRate;
        private double jsonErrorRate;
        private double htmlErrorRate;
        private double htmlBodyRate;
        private double slowRate;
        private Duration slowDelay = Duration.ofSeconds(30);

        private Builder() {
        }

        /**
         * Seeds the random source.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Drops this fraction of connections without an answer.
         *
         * @param rate probability 0..1
         * @return this builder
         */
        public Builder connectionResets(double rate) {
            this.resetRate = rate(rate, "connectionResets");
            return this;
        }

        /**
         * Answers this fraction of requests 500 with an {@code application/problem+json} body.
         *
         * @param rate probability 0..1
         * @return this builder
         */
        public Builder serverErrors(double rate) {
            this.jsonErrorRate = rate(rate, "serverErrors");
            return this;
        }

        /**
         * Answers this fraction of requests 502, 503 or 504 with an nginx HTML body.
         *
         * @param rate probability 0..1
         * @return this builder
         */
        public Builder htmlServerErrors(double rate) {
            this.htmlErrorRate = rate(rate, "htmlServerErrors");
            return this;
        }

        /**
         * Answers this fraction of requests 200 with an HTML page where JSON was expected (a proxy's maintenance
         * page).
         *
         * @param rate probability 0..1
         * @return this builder
         */
        public Builder htmlErrorBodies(double rate) {
            this.htmlBodyRate = rate(rate, "htmlErrorBodies");
            return this;
        }

        /**
         * Holds back the answer of this fraction of requests for {@code delay} (after the handler acted).
         *
         * @param rate probability 0..1
         * @param delay how long, typically beyond the client's timeout
         * @return this builder
         */
        public Builder slowResponses(double rate, Duration delay) {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("slow response delay must not be negative, was " + delay);
            }
            this.slowRate = rate(rate, "slowResponses");
            this.slowDelay = delay;
            return this;
        }

        /**
         * Builds the plan.
         *
         * @return the plan
         * @throws IllegalArgumentException if the rates sum to more than 1
         */
        public FaultPlan build() {
            double sum = resetRate + jsonErrorRate + htmlErrorRate + htmlBodyRate + slowRate;
            if (sum > 1.0 + 1e-9) {
                throw new IllegalArgumentException("fault rates must sum to at most 1, they sum to " + sum);
            }
            return new FaultPlan(this);
        }

        private static double rate(double rate, String name) {
            if (!(rate >= 0.0 && rate <= 1.0)) {
                throw new IllegalArgumentException(name + " rate must be a probability between 0 and 1, was " + rate);
            }
            return rate;
        }
    }
}
