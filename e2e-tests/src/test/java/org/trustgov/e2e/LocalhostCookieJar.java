package org.trustgov.e2e;

import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Cookies as a browser keeps them for http://localhost: per host and port, {@code Secure} cookies included
 * (browsers treat localhost as a secure context; Java's CookieManager does not, and would drop Keycloak's
 * session cookies).
 */
final class LocalhostCookieJar extends CookieHandler {

    private final Map<String, Map<String, String>> jars = new ConcurrentHashMap<>();

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
        Map<String, String> jar = jars.getOrDefault(origin(uri), Map.of());
        if (jar.isEmpty()) {
            return Map.of();
        }
        return Map.of(
                "Cookie",
                List.of(jar.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("; "))));
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) {
        responseHeaders.forEach((name, values) -> {
            if (name != null && name.equalsIgnoreCase("Set-Cookie")) {
                for (String value : values) {
                    for (HttpCookie cookie : HttpCookie.parse(value)) {
                        Map<String, String> jar = jars.computeIfAbsent(origin(uri), k -> new ConcurrentHashMap<>());
                        if (cookie.getMaxAge() == 0) {
                            jar.remove(cookie.getName());
                        } else {
                            jar.put(cookie.getName(), cookie.getValue());
                        }
                    }
                }
            }
        });
    }

    private static String origin(URI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }
}
