package io.kommosync.kommo.webhook;

import io.kommosync.kommo.KommoException;
import io.kommosync.kommo.webhook.KommoWebhookEvent.Action;
import io.kommosync.kommo.webhook.KommoWebhookEvent.CompanyUpdated;
import io.kommosync.kommo.webhook.KommoWebhookEvent.ContactAdded;
import io.kommosync.kommo.webhook.KommoWebhookEvent.ContactDeleted;
import io.kommosync.kommo.webhook.KommoWebhookEvent.EntityType;
import io.kommosync.kommo.webhook.KommoWebhookEvent.LeadDeleted;
import io.kommosync.kommo.webhook.KommoWebhookEvent.LeadEvent;
import io.kommosync.kommo.webhook.KommoWebhookEvent.LeadResponsibleChanged;
import io.kommosync.kommo.webhook.KommoWebhookEvent.LeadStatusChanged;
import io.kommosync.kommo.webhook.KommoWebhookEvent.LeadUpdated;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.kommosync.kommo.webhook.WebhookSamples.LEAD_DELETED;
import static io.kommosync.kommo.webhook.WebhookSamples.LEAD_WON;
import static io.kommosync.kommo.webhook.WebhookSamples.MULTI_EVENT;
import static io.kommosync.kommo.webhook.WebhookSamples.OLD_RESPONSIBLE;
import static io.kommosync.kommo.webhook.WebhookSamples.form;
import static io.kommosync.kommo.webhook.WebhookSamples.formString;
import static io.kommosync.kommo.webhook.WebhookSamples.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

class KommoWebhookParserTest {

    private final KommoWebhookParser parser = KommoWebhookParser.defaults();

    private static final String FORM = "application/x-www-form-urlencoded";

    private KommoWebhookFormatException rejection(byte[] body) {
        return catchThrowableOfType(KommoWebhookFormatException.class, () -> parser.parse(FORM, body));
    }

    private KommoWebhookFormatException rejection(String body) {
        return rejection(body.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Nested
    @DisplayName("documented payload shapes")
    class DocumentedShapes {

        @Test
        @DisplayName("a lead status change becomes a LeadStatusChanged with every field typed")
        void leadStatusChangeIsFullyTyped() {
            KommoWebhook webhook = parser.parse(FORM, form(LEAD_WON));

            assertThat(webhook.account()).isEqualTo(new WebhookAccount(OptionalLong.of(30739638), "example",
                    Optional.of(URI.create("https://example.amocrm.ru"))));
            assertThat(webhook.events()).hasSize(1);
            LeadStatusChanged change = (LeadStatusChanged) webhook.events().get(0);
            assertThat(change.leadId()).isEqualTo(4821);
            assertThat(change.statusId()).isEqualTo(142);
            assertThat(change.oldStatusId()).isEqualTo(21);
            assertThat(change.pipelineId()).isEqualTo(11);
            assertThat(change.oldPipelineId()).isEqualTo(11);
            assertThat(change.pipelineChanged()).isFalse();
            assertThat(change.entityType()).isEqualTo(EntityType.LEADS);
            assertThat(change.action()).isEqualTo(Action.STATUS);
            assertThat(change.entityId()).isEqualTo(4821);

            LeadSnapshot lead = change.lead();
            assertThat(lead.name()).contains("Deal #4821 – Иванов");
            assertThat(lead.price()).contains(new BigDecimal("22500"));
            assertThat(lead.statusId()).hasValue(142);
            assertThat(lead.pipelineId()).hasValue(11);
            assertThat(lead.responsibleUserId()).hasValue(2079676);
            assertThat(lead.createdBy()).hasValue(2076025);
            assertThat(lead.updatedBy()).hasValue(2079718);
            assertThat(lead.createdAt()).contains(Instant.ofEpochSecond(1539782209));
            assertThat(lead.updatedAt()).contains(Instant.ofEpochSecond(1539782664));
            assertThat(lead.accountId()).hasValue(17769199);
            assertThat(lead.tags()).containsExactly(WebhookTag.of(80147, "wholesale"));
            assertThat(lead.customFields()).containsExactly(new WebhookCustomField(66339,
                    Optional.of("Источник"), Optional.empty(), List.of(WebhookCustomFieldValue.of("Сайт", 139517))));
        }

        @Test
        @DisplayName("two lead status changes and a contacts[update] in one body become three events in body order")
        void multiEventBodyKeepsOrder() {
            KommoWebhook webhook = parser.parse(FORM, form(MULTI_EVENT));

            assertThat(webhook.events()).extracting(KommoWebhookEvent::dedupeKey).containsExactly(
                    "leads:status:4821:11:142:1539782664",
                    "leads:status:4822:12:35:1539782665",
                    "companies:update:7793457:1642684812");
            assertThat(webhook.eventsOf(LeadStatusChanged.class)).extracting(LeadStatusChanged::leadId)
                    .containsExactly(4821L, 4822L);
            LeadStatusChanged moved = webhook.eventsOf(LeadStatusChanged.class).get(1);
            assertThat(moved.pipelineChanged()).isTrue();
            assertThat(moved.lead().price()).contains(new BigDecimal("1500.50"));

            CompanyUpdated company = (CompanyUpdated) webhook.events().get(2);
            assertThat(company.companyId()).isEqualTo(7793457);
            assertThat(company.company().name()).contains("Таллинский-Авто");
            assertThat(company.company().createdAt()).contains(Instant.ofEpochSecond(1608138130));
            assertThat(company.company().customFields()).extracting(WebhookCustomField::id, WebhookCustomField::values)
                    .containsExactly(
                            tuple(293097L,
                                    List.of(WebhookCustomFieldValue.of("ДЦ", 395207))),
                            tuple(293207L,
                                    List.of(WebhookCustomFieldValue.of("1471813200"))));
            assertThat(webhook.account().id()).hasValue(29138932);
        }

        @Test
        @DisplayName("an older payload without account[id] parses with an empty account id")
        void olderPayloadWithoutAccountId() {
            KommoWebhook webhook = parser.parse(FORM, form(OLD_RESPONSIBLE));

            assertThat(webhook.account().id()).isEmpty();
            assertThat(webhook.account().subdomain()).isEqualTo("test000002");
            assertThat(webhook.account().baseUrl()).isEmpty();
            LeadResponsibleChanged change = (LeadResponsibleChanged) webhook.events().get(0);
            assertThat(change.responsibleUserId()).isEqualTo(938348);
            assertThat(change.oldResponsibleUserId()).hasValue(102525);
            assertThat(change.lead().createdAt()).contains(Instant.ofEpochSecond(1456808154));
            assertThat(change.lead().updatedAt()).contains(Instant.ofEpochSecond(1456822527));
            assertThat(change.dedupeKey()).isEqualTo("leads:responsible:31926520:938348:1456822527");
        }

        @Test
        @DisplayName("a delete that carries only the id parses, in the long and the short key form")
        void deletesMayCarryOnlyTheId() {
            KommoWebhook longForm = parser.parse(FORM, form(LEAD_DELETED));
            KommoWebhook shortForm = parser.parse(FORM, form("leads[delete][0]", "6", "contacts[delete][0][id]", "9",
                    "account[subdomain]", "example"));

            LeadDeleted deleted = (LeadDeleted) longForm.events().get(0);
            assertThat(deleted.leadId()).isEqualTo(6);
            assertThat(deleted.lead().statusId()).hasValue(142);
            assertThat(deleted.dedupeKey()).isEqualTo("leads:delete:6:-");
            assertThat(shortForm.events()).containsExactly(new LeadDeleted(6), new ContactDeleted(9));
        }

        @Test
        @DisplayName("companies arrive as contacts with type=company, or under a companies key")
        void companiesAreRecognised() {
            KommoWebhook webhook = parser.parse(FORM, form(
                    "contacts[add][0][id]", "15", "contacts[add][0][type]", "contact",
                    "contacts[add][1][id]", "16",
                    "contacts[update][0][id]", "5", "contacts[update][0][type]", "company",
                    "companies[update][0][id]", "7",
                    "account[subdomain]", "acme"));

            assertThat(webhook.events()).containsExactly(new ContactAdded(15), new ContactAdded(16),
                    new CompanyUpdated(5), new CompanyUpdated(7));
            assertThat(webhook.events()).extracting(KommoWebhookEvent::entityType).containsExactly(
                    EntityType.CONTACTS, EntityType.CONTACTS, EntityType.COMPANIES, EntityType.COMPANIES);
        }

        @Test
        @DisplayName("brackets may arrive percent-encoded or raw, and '+' means a space")
        void rawAndEncodedBracketsAreEquivalent() {
            String raw = "leads[update][0][id]=1&leads[update][0][name]=Big+deal%21&account[subdomain]=x";
            String encoded = "leads%5Bupdate%5D%5B0%5D%5Bid%5D=1&leads%5bupdate%5d%5b0%5d%5bname%5d=Big%20deal!"
                    + "&account%5Bsubdomain%5D=x";

            KommoWebhook fromRaw = parser.parse(raw.getBytes(StandardCharsets.US_ASCII));
            KommoWebhook fromEncoded = parser.parse(encoded.getBytes(StandardCharsets.US_ASCII));

            assertThat(fromRaw).isEqualTo(fromEncoded);
            assertThat(((LeadUpdated) fromRaw.events().get(0)).lead().name()).contains("Big deal!");
        }

        @Test
        @DisplayName("indexes need not be contiguous; events and values come out in index order")
        void sparseIndexesAreOrdered() {
            KommoWebhook webhook = parser.parse(FORM, form(
                    "leads[update][7][id]", "70",
                    "leads[update][2][id]", "20",
                    "leads[update][2][custom_fields][9][id]", "9",
                    "leads[update][2][custom_fields][9][values][5][value]", "five",
                    "leads[update][2][custom_fields][9][values][1][value]", "one",
                    "leads[update][2][custom_fields][3][id]", "3",
                    "account[subdomain]", "x"));

            assertThat(webhook.events()).extracting(KommoWebhookEvent::entityId).containsExactly(20L, 70L);
            LeadUpdated first = (LeadUpdated) webhook.events().get(0);
            assertThat(first.lead().customFields()).extracting(WebhookCustomField::id).containsExactly(3L, 9L);
            assertThat(first.lead().customFields().get(1).values()).extracting(WebhookCustomFieldValue::value)
                    .containsExactly("one", "five");
        }
    }

    @Nested
    @DisplayName("what is ignored")
    class Ignored {

        @Test
        @DisplayName("unknown entities, actions and fields are skipped without error")
        void unknownKeysAreSkipped() {
            KommoWebhook webhook = parser.parse(FORM, form(
                    "task[add][0][id]", "1",
                    "message[add][0][text]", "hello",
                    "leads[note][0][note][text]", "a note",
                    "contacts[status][0][id]", "2",
                    "contacts[add][0][id]", "3", "contacts[add][0][type]", "customer",
                    "leads[update][0][id]", "4",
                    "leads[update][0][is_price_modified_by_robot]", "0",
                    "leads[update][0][loss_reason][0][id]", "9",
                    "leads[update][0][custom_fields][0][id]", "5",
                    "leads[update][0][custom_fields][0][values][0][subtype]", "x",
                    "leads[update][0][custom_fields][0][values][0][value]", "v",
                    "leads[update][0][custom_fields][0][settings][a]", "b",
                    "account[subdomain]", "x",
                    "account[_links][other]", "y",
                    "unsorted[add][0][uid]", "[broken"));

            assertThat(webhook.events()).hasSize(1);
            LeadUpdated update = (LeadUpdated) webhook.events().get(0);
            assertThat(update.leadId()).isEqualTo(4);
            assertThat(update.lead().customFields()).containsExactly(new WebhookCustomField(5, Optional.empty(),
                    Optional.empty(), List.of(WebhookCustomFieldValue.of("v"))));
        }

        @Test
        @DisplayName("a body with only an account and unmodelled events gives no events")
        void noModelledEvents() {
            KommoWebhook webhook = parser.parse(FORM, form("task[update][0][id]", "1", "account[subdomain]", "x"));

            assertThat(webhook.events()).isEmpty();
        }

        @Test
        @DisplayName("empty fields and a trailing '&' are skipped")
        void emptyFieldsAreSkipped() {
            KommoWebhook webhook = parser.parse("&&leads[add][0][id]=1&&account[subdomain]=x&"
                    .getBytes(StandardCharsets.US_ASCII));

            assertThat(webhook.events()).hasSize(1);
        }
    }

    @Nested
    @DisplayName("content type")
    class ContentType {

        @ParameterizedTest
        @ValueSource(strings = {"application/x-www-form-urlencoded", "Application/X-WWW-Form-URLEncoded",
                "application/x-www-form-urlencoded; charset=UTF-8",
                "application/x-www-form-urlencoded;charset=\"utf-8\"",
                "application/x-www-form-urlencoded ; foo=bar ; charset=utf-8"})
        @DisplayName("a form content type, with or without a UTF-8 charset, is accepted")
        void formIsAccepted(String contentType) {
            assertThat(parser.parse(contentType, form(LEAD_WON)).events()).hasSize(1);
        }

        @Test
        @DisplayName("the charset parameter selects the charset that percent escapes are decoded with")
        void charsetParameterIsHonoured() {
            Charset cp1251 = Charset.forName("windows-1251");
            String body = "leads[add][0][id]=1&leads[add][0][name]="
                    + java.net.URLEncoder.encode("Сделка", cp1251) + "&account[subdomain]=x";

            KommoWebhook webhook = parser.parse(FORM + "; charset=windows-1251",
                    body.getBytes(StandardCharsets.US_ASCII));

            assertThat(((LeadEvent) webhook.events().get(0)).lead().name()).contains("Сделка");
        }

        @ParameterizedTest
        @ValueSource(strings = {"application/json", "text/plain", "multipart/form-data; boundary=x", "",
                "application/x-www-form-urlencodedX", "application/x-www-form-urlencoded; charset=nope",
                "application/x-www-form-urlencoded; charset=UTF-16",
                "application/x-www-form-urlencoded; charset=utf-8; charset=utf-8"})
        @DisplayName("any other content type or charset is a typed error naming Content-Type")
        void otherContentTypesAreRejected(String contentType) {
            assertThatThrownBy(() -> parser.parse(contentType, form(LEAD_WON)))
                    .isInstanceOf(KommoWebhookFormatException.class)
                    .hasMessageStartingWith("Content-Type: ")
                    .extracting(e -> ((KommoWebhookFormatException) e).field()).isEqualTo("Content-Type");
        }

        @Test
        @DisplayName("a missing content type is a typed error")
        void missingContentTypeIsRejected() {
            assertThatThrownBy(() -> parser.parse(null, form(LEAD_WON)))
                    .isInstanceOf(KommoWebhookFormatException.class)
                    .hasMessage("Content-Type: is missing; expected application/x-www-form-urlencoded");
        }
    }

    @Nested
    @DisplayName("strict decoding")
    class StrictDecoding {

        @ParameterizedTest
        @ValueSource(strings = {"%", "%4", "%G1", "%4G", "abc%", "%%41"})
        @DisplayName("a bad percent escape in a value is a typed error naming the key")
        void badEscapeInValue(String value) {
            KommoWebhookFormatException e = rejection("leads[add][0][name]=" + value + "&leads[add][0][id]=1"
                    + "&account[subdomain]=x");

            assertThat(e.field()).isEqualTo("leads[add][0][name]");
            assertThat(e).hasMessageContaining("bad percent escape");
        }

        @Test
        @DisplayName("a bad percent escape in a key is a typed error naming the key's position")
        void badEscapeInKey() {
            assertThat(rejection("account[subdomain]=x&leads%5Xadd=1"))
                    .hasMessageStartingWith("key #2: has a bad percent escape '%5X'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"%C3%28", "%FF", "%C0%AF", "%ED%A0%80", "%E2%82", "%F4%90%80%80"})
        @DisplayName("percent-decoded bytes that are not UTF-8 are a typed error")
        void invalidUtf8IsRejected(String value) {
            KommoWebhookFormatException e = rejection("account[subdomain]=x&leads[add][0][name]=" + value);

            assertThat(e).hasMessage("leads[add][0][name]: is not valid UTF-8 once percent-decoded; expected text"
                    + " encoded as UTF-8");
        }

        @Test
        @DisplayName("raw bytes that are not UTF-8 are a typed error too")
        void invalidRawUtf8IsRejected() {
            byte[] body = {'a', '=', (byte) 0xC3, (byte) 0x28};

            assertThat(rejection(body)).hasMessageStartingWith("a: is not valid UTF-8");
        }

        @ParameterizedTest
        @ValueSource(strings = {"leads[add=1", "leads[add]]=1", "leads[add][0]x[id]=1", "leads[a[b]]=1",
                "leads[add][0][id]extra=1"})
        @DisplayName("malformed brackets under a modelled entity are a typed error")
        void malformedBracketsAreRejected(String field) {
            assertThat(rejection("account[subdomain]=x&" + field)).isNotNull();
        }

        @Test
        @DisplayName("a repeated key is a typed error, since its meaning would be ambiguous")
        void repeatedKeyIsRejected() {
            assertThat(rejection("leads[add][0][id]=1&leads[add][0][id]=2&account[subdomain]=x"))
                    .hasMessage("leads[add][0][id]: appears more than once; each key may appear once");
        }

        @Test
        @DisplayName("an empty key is a typed error")
        void emptyKeyIsRejected() {
            assertThat(rejection("account[subdomain]=x&=1")).hasMessageStartingWith("key #2: is empty");
        }
    }

    @Nested
    @DisplayName("field conversion")
    class FieldConversion {

        @Test
        @DisplayName("a status event without status_id is a typed error naming the key")
        void missingStatusId() {
            assertThatThrownBy(() -> parser.parse(form(with(LEAD_WON, "leads[status][0][status_id]", null))))
                    .isInstanceOf(KommoWebhookFormatException.class)
                    .hasMessage("leads[status][0][status_id]: is missing; this kind of event always carries it");
        }

        @Test
        @DisplayName("an event without an id is a typed error naming the key")
        void missingId() {
            assertThat(rejection(form(with(LEAD_WON, "leads[status][0][id]", null))))
                    .hasMessage("leads[status][0][id]: is missing; every event names its entity's id");
        }

        @Test
        @DisplayName("a non-numeric id names the key, what was expected and a short excerpt")
        void nonNumericStatusId() {
            assertThat(rejection(form(with(LEAD_WON, "leads[status][0][status_id]", "abc"))))
                    .hasMessage("leads[status][0][status_id]: expected a whole number, got 'abc'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"-1", "1.5", " 1", "1e3", "99999999999999999999", "0x10", "１"})
        @DisplayName("numbers must be plain non-negative whole numbers that fit a long")
        void numbersAreStrict(String value) {
            assertThat(rejection(form(with(LEAD_WON, "leads[status][0][pipeline_id]", value))))
                    .hasMessageStartingWith("leads[status][0][pipeline_id]: expected a whole number");
        }

        @Test
        @DisplayName("an entity id of zero is rejected as not a positive id")
        void zeroIdIsRejected() {
            assertThat(rejection(form(with(LEAD_WON, "leads[status][0][id]", "0"))))
                    .hasMessage("leads[status][0][id]: expected a positive id, got '0'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"12,50", "-5", "1e5", "abc", ".5", "5."})
        @DisplayName("a price that is not a plain decimal amount is rejected")
        void priceIsStrict(String price) {
            assertThat(rejection(form(with(LEAD_WON, "leads[status][0][price]", price))))
                    .hasMessageStartingWith("leads[status][0][price]: expected an amount such as 1500 or 1500.50");
        }

        @Test
        @DisplayName("empty optional numbers read as absent")
        void emptyOptionalNumbersAreAbsent() {
            LeadStatusChanged change = (LeadStatusChanged) parser.parse(form(
                    with(with(LEAD_WON, "leads[status][0][price]", ""), "leads[status][0][responsible_user_id]", "")))
                    .events().get(0);

            assertThat(change.lead().price()).isEmpty();
            assertThat(change.lead().responsibleUserId()).isEmpty();
        }

        @Test
        @DisplayName("a time beyond year 9999 is rejected")
        void timeIsBounded() {
            assertThat(rejection(form(with(LEAD_WON, "leads[status][0][updated_at]", "999999999999"))))
                    .hasMessage("leads[status][0][updated_at]: expected a unix time in seconds, got '999999999999'");
        }

        @Test
        @DisplayName("a custom field value with a non-numeric enum is rejected, naming the value's key")
        void enumMustBeNumeric() {
            assertThat(rejection(form(with(LEAD_WON, "leads[status][0][custom_fields][0][values][0][enum]",
                    "WORK")))).hasMessage("leads[status][0][custom_fields][0][values][0][enum]: expected a whole"
                    + " number, got 'WORK'");
        }

        @Test
        @DisplayName("a custom field without an id is rejected")
        void customFieldNeedsId() {
            assertThat(rejection(form(with(LEAD_WON, "leads[status][0][custom_fields][0][id]", null))))
                    .hasMessage("leads[status][0][custom_fields][0][id]: is missing; every custom field has an id");
        }

        @Test
        @DisplayName("a missing or malformed account subdomain or URL is rejected")
        void accountIsChecked() {
            assertThat(rejection(form(with(LEAD_WON, "account[subdomain]", null))))
                    .hasMessage("account[subdomain]: is missing; every Kommo webhook names its account");
            assertThat(rejection(form(with(LEAD_WON, "account[subdomain]", "evil.example/x"))))
                    .hasMessageStartingWith("account[subdomain]: expected a Kommo subdomain");
            assertThat(rejection(form(with(LEAD_WON, "account[_links][self]", "javascript:alert(1)"))))
                    .hasMessageStartingWith("account[_links][self]: expected an absolute https URL");
            assertThat(rejection(form(with(LEAD_WON, "account[id]", "x"))))
                    .hasMessage("account[id]: expected a whole number, got 'x'");
        }

        @Test
        @DisplayName("an error message quotes at most a short, sanitised excerpt of the value")
        void excerptIsShortAndSanitised() {
            String hostile = "abc\r\nFAKE LOG LINE \u202E" + "x".repeat(10_000);

            KommoWebhookFormatException e = rejection(form(with(LEAD_WON, "leads[status][0][status_id]", hostile)));

            assertThat(e.getMessage()).hasSizeLessThan(160).doesNotContain("\r", "\n", "\u202E")
                    .contains("abc\\u000D\\u000AFAKE LOG LINE \\u202E", "(" + hostile.length() + " chars)");
        }
    }

    @Nested
    @DisplayName("limits")
    class Limits {

        @Test
        @DisplayName("a body over maxBodyBytes is rejected before decoding")
        void oversizedBodyIsRejected() {
            KommoWebhookParser small = KommoWebhookParser.builder().withMaxBodyBytes(100).build();
            byte[] body = new byte[101]; // zero bytes: would be a decoding error if it were decoded

            assertThatThrownBy(() -> small.parse(body)).isInstanceOf(KommoWebhookFormatException.class)
                    .hasMessage("body: is 101 bytes; the limit is 100 (raise it with "
                            + "KommoWebhookParser.builder().withMaxBodyBytes(...))");
        }

        @Test
        @DisplayName("an empty body is rejected")
        void emptyBodyIsRejected() {
            assertThat(rejection(new byte[0])).hasMessageStartingWith("body: is empty");
        }

        @Test
        @DisplayName("a huge index is rejected without allocating for it")
        void hugeIndexIsRejected() {
            assertThat(rejection("leads[status][99999999999][id]=1&account[subdomain]=x"))
                    .hasMessage("leads[status][99999999999][id]: expected an index from 0 to 9999, got"
                            + " '99999999999'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"leads[status][-1][id]=1", "leads[status][01][id]=1", "leads[status][][id]=1",
                "leads[status][a][id]=1", "leads[status][0][tags][x][id]=1",
                "leads[status][0][custom_fields][1e3][id]=1"})
        @DisplayName("an index that is not a plain number is rejected")
        void indexesAreCanonical(String field) {
            assertThat(rejection("account[subdomain]=x&" + field)).hasMessageContaining("expected an index");
        }

        @Test
        @DisplayName("more events, keys, custom fields, depth or key length than allowed are rejected")
        void countsAreBounded() {
            KommoWebhookParser tight = KommoWebhookParser.builder().withMaxEvents(2).withMaxKeys(5)
                    .withMaxCustomFields(1).withMaxKeyDepth(3).withMaxKeyLength(30).build();

            assertThatThrownBy(() -> tight.parse(form("leads[add][0][id]", "1", "leads[add][1][id]", "2",
                    "leads[add][2][id]", "3", "account[subdomain]", "x")))
                    .hasMessageStartingWith("body: has more than 2 events");
            assertThatThrownBy(() -> tight.parse("a=&b=&c=&d=&e=&f=".getBytes(StandardCharsets.US_ASCII)))
                    .hasMessageStartingWith("body: has 6 fields; the limit is 5");
            assertThatThrownBy(() -> tight.toBuilder().withMaxKeyDepth(10).withMaxKeyLength(100).build()
                    .parse(form("leads[add][0][id]", "1", "leads[add][0][custom_fields][0][id]", "1",
                            "leads[add][0][custom_fields][1][id]", "2", "account[subdomain]", "x")))
                    .hasMessageStartingWith("leads[add][0][custom_fields]: has more than 1 custom fields");
            assertThatThrownBy(() -> tight.parse(form("leads[add][0][id][x]", "1")))
                    .hasMessageStartingWith("leads[add][0][id][x]: is nested deeper than 3 brackets");
            assertThatThrownBy(() -> tight.parse(form("x".repeat(31), "1")))
                    .hasMessageStartingWith("key #1: is 31 characters long; keys may have at most 30");
        }

        @Test
        @DisplayName("builder limits must be at least 1 and round-trip through toBuilder")
        void builderValidates() {
            assertThatThrownBy(() -> KommoWebhookParser.builder().withMaxEvents(0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("maxEvents must be at least 1, got 0");
            KommoWebhookParser custom = KommoWebhookParser.builder().withMaxIndex(5).build();

            assertThat(custom.toBuilder().build().toString()).isEqualTo(custom.toString());
            assertThat(KommoWebhookParser.defaults().maxBodyBytes()).isEqualTo(1024 * 1024);
        }
    }

    @Test
    @DisplayName("the format exception is a KommoException, so callers can catch one root type")
    void formatExceptionIsAKommoException() {
        assertThat(rejection("x")).isInstanceOf(KommoException.class);
    }

    @Test
    @DisplayName("one parser serves many threads at once with the same results as one thread")
    void parserIsThreadSafe() throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        RandomWebhooks random = new RandomWebhooks(new java.util.Random(7));
        for (int i = 0; i < 64; i++) {
            bodies.add(KommoWebhookBodies.encode(random.next()));
        }
        List<KommoWebhook> expected = bodies.stream().map(parser::parse).toList();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<KommoWebhook>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    List<KommoWebhook> parsed = new ArrayList<>();
                    for (int round = 0; round < 5; round++) {
                        for (byte[] body : bodies) {
                            parsed.add(parser.parse(body));
                        }
                    }
                    return parsed;
                }));
            }
            start.countDown();
            for (Future<List<KommoWebhook>> result : results) {
                List<KommoWebhook> parsed = result.get(30, TimeUnit.SECONDS);
                for (int i = 0; i < parsed.size(); i++) {
                    assertThat(parsed.get(i)).isEqualTo(expected.get(i % bodies.size()));
                }
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    @DisplayName("the JDK's form encoding of a sample parses identically to Kommo-style encoding")
    void jdkAndKommoEncodingsAgree() {
        KommoWebhook jdk = parser.parse(form(MULTI_EVENT));
        KommoWebhook ours = parser.parse(KommoWebhookBodies.encode(jdk));

        assertThat(ours).isEqualTo(jdk);
        assertThat(formString("k", "a b")).isEqualTo("k=a+b");
    }
}
