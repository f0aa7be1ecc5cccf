package io.kommosync.kommo.webhook;

import io.kommosync.kommo.webhook.internal.FormDecoder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Feeds the parser at least 10,000 hostile inputs from a seeded {@link Random} and checks that each one ends in a
 * {@link KommoWebhook} or a {@link KommoWebhookFormatException}, that error messages stay short and sanitised, and
 * that no single parse allocates more than a fixed bound. Run another seed with {@code -Dkommo.fuzz.seed=...}.
 */
class KommoWebhookFuzzTest {

    private static final long SEED = Long.getLong("kommo.fuzz.seed", 0x6B6F6D6D6FL);
    private static final int INPUTS = 12_000;
    private static final int LIMIT = KommoWebhookParser.DEFAULT_MAX_BODY_BYTES;
    /** Allocation allowed for one parse by a parser with the 1 MiB body limit. */
    private static final long MAX_ALLOCATED_BYTES = 32L * 1024 * 1024;
    /** Allocation allowed for rejecting an oversized body, which must happen before any decoding. */
    private static final long MAX_ALLOCATED_FOR_OVERSIZED = 256L * 1024;

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String[] CONTENT_TYPES = {
        FORM, FORM + "; charset=UTF-8", FORM + "; charset=\"utf-8\"", FORM + "; charset=windows-1251",
        FORM + "; charset=ISO-8859-1", null, "", "application/json", "text/plain; charset=utf-8",
        "multipart/form-data; boundary=----x", FORM + "; charset=UTF-16", FORM + "; charset=nope",
        FORM + "; charset=", FORM + ";;;", FORM + "; charset=utf-8; charset=utf-8", "application/x-www-form",
        FORM + "; charset=" + "x".repeat(300), "\u0000\u202E" + FORM,
    };
    private static final String[] KNOWN_PARTS = {
        "leads", "contacts", "companies", "account", "status", "add", "update", "delete", "restore", "responsible",
        "note", "id", "status_id", "old_status_id", "pipeline_id", "old_pipeline_id", "price", "name", "tags",
        "custom_fields", "values", "value", "enum", "code", "type", "subdomain", "_links", "self", "updated_at",
        "last_modified", "responsible_user_id", "old_responsible_user_id", "0", "1", "2", "9999", "10000", "",
        "-1", "01", "99999999999",
    };
    private static final String[] VALUES = {
        "", "0", "1", "142", "4821", "-5", "1.5", "abc", "9223372036854775807", "9223372036854775808", "1e9",
        "company", "contact", "example", "https://example.kommo.com", "javascript:x", "22500.50", "Сделка", "😀",
        "%", "%ZZ", "%C3%28", "+", "&", "=", "[", "]",
    };

    private enum Kind {
        RANDOM_BYTES, FORM_ALPHABET, GRAMMAR, TRUNCATED, MUTATED, OVERSIZED, CONTENT_TYPE, VALID, MANY_FIELDS
    }

    private record Input(Kind kind, String contentType, boolean withContentType, byte[] body) {
    }

    private final KommoWebhookParser parser = KommoWebhookParser.defaults();

    @Test
    @DisplayName("12,000 random, truncated, oversized and wrongly encoded bodies give webhooks or typed errors only,"
            + " within a bounded allocation each")
    void hostileInputsGiveOnlyTypedOutcomes() {
        Random random = new Random(SEED);
        List<byte[]> corpus = corpus(random);
        byte[][] oversized = oversizedBodies(corpus);
        byte[][] manyFields = manyFieldBodies();
        AllocationMeter meter = AllocationMeter.create();
        Map<Kind, int[]> outcomes = new EnumMap<>(Kind.class); // [parsed, rejected]
        Map<Kind, long[]> nanos = new EnumMap<>(Kind.class); // [generating, parsing]
        long maxAllocated = 0;

        for (int i = 0; i < INPUTS; i++) {
            long started = System.nanoTime();
            Input input = next(random, corpus, oversized, manyFields, i);
            long generated = System.nanoTime();
            long before = meter.allocated();
            boolean parsed = false;
            try {
                KommoWebhook webhook = input.withContentType()
                        ? parser.parse(input.contentType(), input.body())
                        : parser.parse(input.body());
                assertThat(webhook.account()).isNotNull();
                parsed = true;
            } catch (KommoWebhookFormatException e) {
                checkMessage(e, input, i);
            } catch (Throwable t) {
                fail(describe("threw " + t, input, i), t);
            }
            long allocated = meter.allocated() - before;
            long[] time = nanos.computeIfAbsent(input.kind(), k -> new long[2]);
            time[0] += generated - started;
            time[1] += System.nanoTime() - generated;
            maxAllocated = Math.max(maxAllocated, allocated);
            if (meter.supported()) {
                long bound = input.kind() == Kind.OVERSIZED ? MAX_ALLOCATED_FOR_OVERSIZED : MAX_ALLOCATED_BYTES;
                if (allocated > bound) {
                    fail(describe("allocated " + allocated + " bytes, more than " + bound, input, i));
                }
            }
            if (input.kind() == Kind.OVERSIZED && parsed) {
                fail(describe("accepted a body over the limit", input, i));
            }
            outcomes.computeIfAbsent(input.kind(), k -> new int[2])[parsed ? 0 : 1]++;
        }

        System.out.printf("fuzz seed=%d inputs=%d max allocated per parse=%d bytes (measured: %s)%n", SEED, INPUTS,
                maxAllocated, meter.supported());
        outcomes.forEach((kind, counts) -> System.out.printf("  %-14s parsed=%5d rejected=%5d generate=%4d ms"
                + " parse=%4d ms%n", kind, counts[0], counts[1], nanos.get(kind)[0] / 1_000_000,
                nanos.get(kind)[1] / 1_000_000));
        assertThat(outcomes.values().stream().mapToInt(c -> c[0] + c[1]).sum()).isEqualTo(INPUTS);
        assertThat(outcomes).containsKeys(Kind.values());
        assertThat(outcomes.get(Kind.VALID)[1]).as("valid bodies rejected").isZero();
        assertThat(outcomes.get(Kind.OVERSIZED)[0]).as("oversized bodies accepted").isZero();
        assertThat(outcomes.get(Kind.MUTATED)[0]).as("mutated bodies that still parse").isPositive();
        assertThat(outcomes.get(Kind.GRAMMAR)[0]).as("grammar bodies that parse").isPositive();
    }

    @Test
    @DisplayName("the largest bodies the default limits admit stay within the same allocation bound")
    void worstCaseBodiesStayWithinTheAllocationBound() {
        AllocationMeter meter = AllocationMeter.create();
        String account = "&account[subdomain]=x";
        List<String> bodies = new ArrayList<>();
        int room = LIMIT - 100;
        bodies.add("leads[add][0][id]=1&leads[add][0][name]=" + "%D0%AF".repeat(room / 6) + account);
        bodies.add("leads[add][0][id]=1&leads[add][0][name]=" + "a+".repeat(room / 2) + account);
        bodies.add("leads[add][0][id]=1&leads[add][0][name]=" + "Я".repeat(room / 2) + account);
        StringBuilder customFields = new StringBuilder();
        for (int event = 0; event < 16; event++) {
            customFields.append("leads[add][").append(event).append("][id]=").append(event + 1).append('&');
            for (int field = 0; field < 499; field++) {
                String prefix = "leads[add][" + event + "][custom_fields][" + field + "]";
                customFields.append(prefix).append("[id]=").append(field + 1).append('&')
                        .append(prefix).append("[values][0][value]=%D0%AF%D0%AF&");
            }
        }
        bodies.add(customFields + "account[subdomain]=x");
        StringBuilder tags = new StringBuilder("leads[add][0][id]=1&leads[add][1][id]=2");
        for (int event = 0; event < 2; event++) {
            for (int tag = 0; tag <= 9_990; tag++) {
                tags.append("&leads[add][").append(event).append("][tags][").append(tag).append("][id]=")
                        .append(tag + 1);
            }
        }
        bodies.add(tags + account);
        StringBuilder scalars = new StringBuilder();
        for (int event = 0; event < 500; event++) {
            for (int field = 0; field < 19; field++) {
                scalars.append("leads[update][").append(event).append("][f").append(field).append("]=")
                        .append("%E2%82%AC".repeat(5)).append('&');
            }
            scalars.append("leads[update][").append(event).append("][id]=").append(event + 1).append('&');
        }
        bodies.add(scalars + "account[subdomain]=x");

        for (String text : bodies) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            assertThat(body.length).isLessThanOrEqualTo(LIMIT);
            assertThat(FormDecoder.countFields(body)).isLessThanOrEqualTo(KommoWebhookParser.DEFAULT_MAX_KEYS);
            long before = meter.allocated();
            KommoWebhook webhook = parser.parse(body);
            long allocated = meter.allocated() - before;

            assertThat(webhook.events()).isNotEmpty();
            if (meter.supported()) {
                System.out.printf("worst case of %d bytes, %d events: allocated %d bytes%n", body.length,
                        webhook.events().size(), allocated);
                assertThat(allocated).isLessThan(MAX_ALLOCATED_BYTES);
            }
        }
    }

    @Test
    @DisplayName("every charset the JDK offers, named in the content type, gives webhooks or typed errors only")
    void everyCharsetGivesOnlyTypedOutcomes() {
        Random random = new Random(SEED + 1);
        int accepted = 0;
        for (Charset charset : Charset.availableCharsets().values()) {
            String contentType = FORM + "; charset=" + charset.name();
            for (int i = 0; i < 24; i++) {
                byte[] raw = randomBytes(random, random.nextInt(48));
                String name = i % 2 == 0 ? percentEncoded(raw) : new String(raw, StandardCharsets.ISO_8859_1);
                byte[] body = ("leads[add][0][id]=1&leads[add][0][name]=" + name + "&account[subdomain]=x")
                        .getBytes(StandardCharsets.ISO_8859_1);
                Input input = new Input(Kind.CONTENT_TYPE, contentType, true, body);
                try {
                    parser.parse(contentType, body);
                    accepted++;
                } catch (KommoWebhookFormatException e) {
                    checkMessage(e, input, i);
                } catch (Throwable t) {
                    fail(describe("threw " + t, input, i), t);
                }
            }
        }
        assertThat(accepted).as("bodies accepted under some charset").isPositive();
    }

    private static String percentEncoded(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append('%').append(String.format("%02X", b & 0xFF));
        }
        return out.toString();
    }

    private static void checkMessage(KommoWebhookFormatException e, Input input, int i) {
        String message = e.getMessage();
        if (message == null || message.length() > 400 || message.chars().anyMatch(c -> c < 0x20 || c == 0x7F)
                || e.field().isEmpty()) {
            fail(describe("gave an unsafe message: " + message, input, i));
        }
    }

    // ---------------------------------------------------------------- inputs

    private static List<byte[]> corpus(Random random) {
        List<byte[]> corpus = new ArrayList<>();
        for (String[] sample : WebhookSamples.all()) {
            corpus.add(WebhookSamples.form(sample));
        }
        RandomWebhooks webhooks = new RandomWebhooks(random);
        for (int i = 0; i < 60; i++) {
            corpus.add(KommoWebhookBodies.encode(webhooks.next()));
        }
        return corpus;
    }

    private static byte[][] oversizedBodies(List<byte[]> corpus) {
        byte[] unit = ("&" + new String(corpus.get(0), StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);
        byte[] big = new byte[LIMIT + 70_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = unit[i % unit.length];
        }
        return new byte[][] {
            Arrays.copyOf(big, LIMIT + 1), Arrays.copyOf(big, LIMIT + 4096), big, new byte[LIMIT + 2],
        };
    }

    private Input next(Random random, List<byte[]> corpus, byte[][] oversized, byte[][] manyFields, int i) {
        // Bodies with thousands of fields are the slowest to parse: one input in 40; the other kinds take turns.
        Kind kind = i % 40 == 39 ? Kind.MANY_FIELDS : Kind.values()[i % (Kind.values().length - 1)];
        byte[] valid = corpus.get(random.nextInt(corpus.size()));
        return switch (kind) {
            case RANDOM_BYTES -> plain(kind, random, randomBytes(random, random.nextInt(2048)));
            case FORM_ALPHABET -> plain(kind, random, formAlphabet(random));
            case GRAMMAR -> plain(kind, random, grammar(random));
            case TRUNCATED -> plain(kind, random, truncate(random, valid));
            case MUTATED -> plain(kind, random, mutate(random, valid));
            case OVERSIZED -> plain(kind, random, oversized[random.nextInt(oversized.length)]);
            case CONTENT_TYPE -> new Input(kind, CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)], true,
                    random.nextBoolean() ? valid : mutate(random, valid));
            case VALID -> new Input(kind, FORM, random.nextBoolean(), valid);
            case MANY_FIELDS -> plain(kind, random, manyFields[random.nextInt(manyFields.length)]);
        };
    }

    private static Input plain(Kind kind, Random random, byte[] body) {
        return new Input(kind, FORM, random.nextBoolean(), body);
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] formAlphabet(Random random) {
        String alphabet = "[]=&%+01259aAfFgG_-.leadsaccountstatusid\u00ff\u0000";
        int length = random.nextInt(512);
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return bytes;
    }

    /** Keys built from the parser's vocabulary, so that deep code paths see hostile structure. */
    private static byte[] grammar(Random random) {
        StringBuilder body = new StringBuilder();
        int fields = 1 + random.nextInt(40);
        for (int f = 0; f < fields; f++) {
            if (body.length() > 0) {
                body.append('&');
            }
            String root = KNOWN_PARTS[random.nextInt(4)];
            body.append(root);
            int depth = random.nextInt(9);
            for (int d = 0; d < depth; d++) {
                body.append(random.nextInt(20) == 0 ? "%5B" : "[")
                        .append(KNOWN_PARTS[random.nextInt(KNOWN_PARTS.length)])
                        .append(random.nextInt(30) == 0 ? "" : "]");
            }
            body.append('=').append(VALUES[random.nextInt(VALUES.length)]);
        }
        if (random.nextInt(3) > 0) {
            body.append("&account[subdomain]=example");
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Cuts a valid body at offset classes: start, end, random, and around '&', '=', '%'. */
    private static byte[] truncate(Random random, byte[] valid) {
        int cut = switch (random.nextInt(6)) {
            case 0 -> random.nextInt(Math.min(4, valid.length));
            case 1 -> valid.length - 1 - random.nextInt(Math.min(4, valid.length));
            case 2, 3 -> near(random, valid, (byte) (random.nextBoolean() ? '&' : '='));
            case 4 -> near(random, valid, (byte) '%');
            default -> random.nextInt(valid.length);
        };
        return Arrays.copyOf(valid, Math.max(0, Math.min(valid.length, cut)));
    }

    private static int near(Random random, byte[] body, byte wanted) {
        int start = random.nextInt(body.length);
        for (int i = 0; i < body.length; i++) {
            int at = (start + i) % body.length;
            if (body[at] == wanted) {
                return at + random.nextInt(3);
            }
        }
        return start;
    }

    private static byte[] mutate(Random random, byte[] valid) {
        String body = new String(valid, StandardCharsets.ISO_8859_1);
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations && !body.isEmpty(); m++) {
            int at = random.nextInt(body.length() + 1);
            String before = body.substring(0, at);
            String after = body.substring(at);
            body = switch (random.nextInt(13)) {
                case 0 -> flip(random, body);
                case 1 -> before + (char) random.nextInt(256) + after;
                case 2 -> at < body.length() ? before + after.substring(1) : before;
                case 3 -> before + pick(random, "%", "%G", "%4", "%%", "%zz", "%-1") + after;
                case 4 -> before + pick(random, "%C3%28", "%FF", "%C0%80", "%ED%A0%80", "%F8%88%80%80%80",
                        "\u00c3(", "\u00ff\u00fe") + after;
                case 5 -> body.replaceFirst("\\[[0-9]+\\]",
                        pick(random, "[99999999999]", "[2147483648]", "[-1]", "[00]", "[]", "[9999]", "[10000]"));
                case 6 -> before + "[x]".repeat(1 + random.nextInt(200)) + after;
                case 7 -> before + "k".repeat(random.nextInt(6000)) + after;
                case 8 -> before + "&leads[update][0][name]=" + "v".repeat(random.nextInt(100_000)) + after;
                case 9 -> repeatField(random, body);
                case 10 -> before + pick(random, "&", "=", "&&", "==", "[", "]", "+", "&=") + after;
                case 11 -> body.replace("account%5Bsubdomain%5D", pick(random, "account", "account%5B%5D", "x"));
                default -> before + "&leads[status][0][custom_fields][" + random.nextInt(20_000)
                        + "][values][" + random.nextInt(20_000) + "][value]=1" + after;
            };
        }
        return body.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String flip(Random random, String body) {
        char[] chars = body.toCharArray();
        int at = random.nextInt(chars.length);
        chars[at] = (char) ((chars[at] ^ (1 << random.nextInt(8))) & 0xFF);
        return new String(chars);
    }

    private static String repeatField(Random random, String body) {
        String[] fields = body.split("&");
        String field = fields[random.nextInt(fields.length)];
        return body + "&" + field;
    }

    /** Bodies with many fields of one shape, over and under the field limit, built once. */
    private static byte[][] manyFieldBodies() {
        String[][] shapes = {
            {"x", "="}, {"leads[update][", "][id]=5"}, {"leads[add][0][custom_fields][", "][id]=7"},
            {"leads[add][0][tags][", "][id]=1"}, {"leads[add][0][custom_fields][0][values][", "][value]=v"},
        };
        List<byte[]> bodies = new ArrayList<>();
        for (String[] shape : shapes) {
            for (int count : new int[] {KommoWebhookParser.DEFAULT_MAX_KEYS + 1, 600}) {
                StringBuilder body = new StringBuilder(count * 40);
                for (int i = 0; i < count; i++) {
                    body.append(shape[0]).append(i).append(shape[1]).append('&');
                }
                body.append("leads[add][0][id]=1&leads[add][0][custom_fields][0][id]=7&account[subdomain]=x");
                bodies.add(body.toString().getBytes(StandardCharsets.US_ASCII));
            }
        }
        return bodies.toArray(byte[][]::new);
    }

    private static String pick(Random random, String... options) {
        return options[random.nextInt(options.length)];
    }

    private static String describe(String what, Input input, int i) {
        byte[] body = input.body();
        StringBuilder shown = new StringBuilder();
        for (int k = 0; k < Math.min(body.length, 2000); k++) {
            int b = body[k] & 0xFF;
            shown.append(b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02X", b));
        }
        return String.format("seed %d, input #%d (%s, content type %s): %s%nbody (%d bytes%s): %s", SEED, i,
                input.kind(), input.withContentType() ? "'" + input.contentType() + "'" : "not given", what,
                body.length, body.length > 2000 ? ", first 2000 shown" : "", shown);
    }

    /** Bytes allocated by the current thread, through the HotSpot extension of ThreadMXBean when present. */
    private record AllocationMeter(com.sun.management.ThreadMXBean bean) {

        static AllocationMeter create() {
            if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                    && bean.isThreadAllocatedMemorySupported()) {
                if (!bean.isThreadAllocatedMemoryEnabled()) {
                    bean.setThreadAllocatedMemoryEnabled(true);
                }
                return new AllocationMeter(bean);
            }
            return new AllocationMeter(null);
        }

        boolean supported() {
            return bean != null;
        }

        long allocated() {
            return bean == null ? 0 : bean.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
    }
}
