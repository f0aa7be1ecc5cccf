package io.kommosync.examples.spring;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads a webhook's raw body before anything else can touch it and hands it on as the request attribute
 * {@link #RAW_BODY}. Signatures are computed over the exact bytes, and a form post's body is gone once anyone asks
 * the servlet container for a request parameter (Spring MVC's own debug logging does), so the body is taken here,
 * first. Bodies over {@link #MAX_BODY} bytes are refused with 413 before they are read whole.
 */
final class RawBodyFilter extends OncePerRequestFilter {

    /** The request attribute holding the body, a {@code byte[]}. */
    static final String RAW_BODY = "io.kommosync.examples.spring.RawBodyFilter.body";

    /** The largest body accepted: 1 MiB. */
    static final int MAX_BODY = 1 << 20;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            response.setStatus(413);
            response.setContentType("text/plain; charset=utf-8");
            response.getWriter().write("body too large");
            return;
        }
        request.setAttribute(RAW_BODY, body);
        chain.doFilter(request, response);
    }
}
