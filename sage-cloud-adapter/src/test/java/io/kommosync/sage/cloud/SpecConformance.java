package io.kommosync.sage.cloud;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.kommosync.sandbox.http.JournalEntry;
import io.kommosync.sandbox.http.RequestJournal;
import io.kommosync.sandbox.sage.SageAccountingSpec;
import io.kommosync.sandbox.sage.SpecViolation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks requests WireMock received against Sage's published v3.1 specification
 * ({@code sage-accounting-v3.1.swagger.strict.json}, through {@link SageAccountingSpec}). Two kinds of request are
 * outside that specification and are skipped: the OAuth token endpoint ({@code /token}, a form post to another
 * host) and Sage's "core" {@code GET /v3.1/businesses}, described in a specification not held here.
 */
final class SpecConformance {

    private SpecConformance() {
    }

    /** Whether a request is one the Accounts specification describes. */
    static boolean inAccountsSpec(LoggedRequest request) {
        String path = path(request);
        return !path.equals("/token") && !SageAccountingSpec.isCoreApi(path);
    }

    /**
     * Every violation of every request the specification describes, each prefixed with the request line.
     *
     * @param requests the requests, for example WireMock's serve log
     * @return the violations, empty when every request conforms
     */
    static List<String> violations(List<LoggedRequest> requests) {
        List<String> problems = new ArrayList<>();
        for (LoggedRequest request : requests) {
            if (!inAccountsSpec(request)) {
                continue;
            }
            for (SpecViolation v : violations(request)) {
                problems.add(request.getMethod().getName() + " " + request.getUrl() + " -> " + v);
            }
        }
        return problems;
    }

    /**
     * Every violation of every API request a simulator's journal holds (the token endpoint, the core API and the
     * invoices' web pages are skipped).
     *
     * @param journal the simulator's journal
     * @return the violations, empty when every request conforms
     */
    static List<String> violations(RequestJournal journal) {
        List<String> problems = new ArrayList<>();
        for (JournalEntry entry : journal.entries()) {
            if (!entry.path().startsWith(SageAccountingSpec.BASE_PATH + "/") || SageAccountingSpec.isCoreApi(entry.path())) {
                continue;
            }
            for (SpecViolation v : SageAccountingSpec.shared().validate(entry.method(), entry.path(), entry.rawQuery(),
                    entry.headers(), entry.body())) {
                problems.add(entry.method() + " " + entry.path() + (entry.rawQuery() == null ? "" : "?" + entry.rawQuery())
                        + " -> " + v);
            }
        }
        return problems;
    }

    static List<SpecViolation> violations(LoggedRequest request) {
        return violations(request.getMethod().getName(), request.getUrl(), headers(request), request.getBody());
    }

    static List<SpecViolation> violations(String method, String url, Map<String, List<String>> headers, byte[] body) {
        int at = url.indexOf('?');
        String path = at < 0 ? url : url.substring(0, at);
        String query = at < 0 ? null : url.substring(at + 1);
        return SageAccountingSpec.shared().validate(method, path, query, headers, body == null ? new byte[0] : body);
    }

    static Map<String, List<String>> headers(LoggedRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpHeader header : request.getHeaders().all()) {
            headers.put(header.key(), List.copyOf(header.values()));
        }
        return headers;
    }

    private static String path(LoggedRequest request) {
        String url = request.getUrl();
        int at = url.indexOf('?');
        return at < 0 ? url : url.substring(0, at);
    }
}
