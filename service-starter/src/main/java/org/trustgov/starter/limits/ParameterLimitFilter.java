package org.trustgov.starter.limits;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import org.trustgov.problem.ProblemBodies;
import org.trustgov.starter.paging.PagingParameters;

/**
 * Refuses, with a 400 problem naming the parameter, a path segment or query parameter value longer than
 * {@link RequestLimitProperties#maxParameterLength()} or a query parameter repeated more than
 * {@link RequestLimitProperties#maxParameterValues()} times, before anything looks them up; and a paging parameter
 * that is not one ({@link PagingParameters}). Only the URL is read: a body is never parsed as parameters here.
 */
public class ParameterLimitFilter extends OncePerRequestFilter {

    /** Between the parameter's name and why, in a paging refusal (answered with the parameter named in errors). */
    private static final String PAGING = " \u0000 ";

    private final int maxLength;
    private final int maxValues;

    public ParameterLimitFilter(RequestLimitProperties limits) {
        this.maxLength = limits.maxParameterLength();
        this.maxValues = limits.maxParameterValues();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String refusal = refusal(request.getRequestURI(), request.getQueryString());
        if (refusal != null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType(ProblemBodies.MEDIA_TYPE);
            int paging = refusal.indexOf(PAGING);
            response.getOutputStream()
                    .write(
                            paging < 0
                                    ? ProblemBodies.body(HttpStatus.BAD_REQUEST, refusal, request.getRequestURI())
                                    : ProblemBodies.invalid(
                                            refusal.substring(0, paging),
                                            refusal.substring(paging + PAGING.length()),
                                            request.getRequestURI()));
            return;
        }
        chain.doFilter(request, response);
    }

    /** Why this URL is refused, or null. */
    String refusal(String path, String query) {
        for (String segment : path.split("/")) {
            if (decodedLength(segment) > maxLength) {
                return "A path segment is longer than " + maxLength + " characters";
            }
        }
        if (query == null || query.isEmpty()) {
            return null;
        }
        MultiValueMap<String, String> parameters =
                UriComponentsBuilder.newInstance().query(query).build().getQueryParams();
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String shownName = wellFormed(parameter.getKey());
            if (shownName == null) {
                return "A query parameter name is not percent-encoded UTF-8 text";
            }
            if (shownName.length() > maxLength) {
                return "A query parameter name is longer than " + maxLength + " characters";
            }
            if (parameter.getValue().size() > maxValues) {
                return "Query parameter '" + shownName + "' is given more than " + maxValues + " times";
            }
            for (String value : parameter.getValue()) {
                String text = value == null ? "" : wellFormed(value);
                if (text == null) {
                    return shownName + PAGING + "is not percent-encoded UTF-8 text";
                }
                if (text.length() > maxLength) {
                    return "Query parameter '" + shownName + "' is longer than " + maxLength + " characters";
                }
                String paging = PagingParameters.refusal(shownName, text);
                if (paging != null) {
                    return shownName + PAGING + paging;
                }
            }
        }
        return null;
    }

    /**
     * The text a query parameter's name or value stands for, as the container gives it to the application ({@code +}
     * is a space), or {@code null} when it has a malformed escape or its bytes are not UTF-8 ({@code %FF}): Tomcat
     * would throw on reading it, and Spring would replace them with U+FFFD.
     */
    static String wellFormed(String encoded) {
        if (encoded.indexOf('%') < 0) {
            return encoded.replace('+', ' ');
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); ) {
            if (encoded.charAt(i) == '%') {
                int high = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(encoded.charAt(i + 2), 16);
                if (low < 0) {
                    return null;
                }
                bytes.write(high << 4 | low);
                i += 3;
            } else {
                int next = encoded.indexOf('%', i);
                int end = next < 0 ? encoded.length() : next;
                bytes.writeBytes(encoded.substring(i, end).replace('+', ' ').getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException notUtf8) {
            return null;
        }
    }

    private static int decodedLength(String encoded) {
        if (encoded.indexOf('%') < 0 && encoded.indexOf('+') < 0) {
            return encoded.length();
        }
        try {
            return UriUtils.decode(encoded, StandardCharsets.UTF_8).length();
        } catch (IllegalArgumentException malformed) {
            return encoded.length(); // Tomcat refuses malformed escapes itself; count the raw text meanwhile
        }
    }
}
