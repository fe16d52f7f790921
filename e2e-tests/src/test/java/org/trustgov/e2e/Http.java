package org.trustgov.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the tests: JSON in and out, tokens from the real Keycloak. */
final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PASSWORD = "Trust-Demo-2026";

    private final HttpClient client;

    Http() {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    private Http(HttpClient client) {
        this.client = client;
    }

    /** A client that keeps cookies and follows redirects, as a browser does. */
    static Http browser() {
        return new Http(HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .cookieHandler(new LocalhostCookieJar())
                .followRedirects(HttpClient.Redirect.ALWAYS)
                .build());
    }

    HttpResponse<String> get(String url, String bearer) {
        return get(url, bearer, Map.of());
    }

    HttpResponse<String> get(String url, String bearer, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(request::header);
        return send(request.build());
    }

    HttpResponse<String> postForm(String url, Map<String, String> form) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(form)))
                .build());
    }

    HttpResponse<String> postJson(String url, String bearer, Object body) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build());
    }

    HttpResponse<String> postJsonWithHeaders(String url, String bearer, Map<String, String> headers, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        headers.forEach(request::header);
        return send(request.build());
    }

    HttpResponse<String> postCsv(String url, String bearer, String csv) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "text/csv")
                .header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString(csv))
                .build());
    }

    HttpResponse<String> post(String url, String bearer) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    /** A person's access token through the demo-cli client (password grant: demo and tests only). */
    String personToken(String username) {
        return token(
                Map.of("grant_type", "password", "client_id", "demo-cli", "username", username, "password", PASSWORD));
    }

    String personToken(String clientId, String username) {
        return token(
                Map.of("grant_type", "password", "client_id", clientId, "username", username, "password", PASSWORD));
    }

    /** A client's own token (client credentials), e.g. the HR system's. */
    String clientToken(String clientId, String secret) {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    private String token(Map<String, String> form) {
        HttpResponse<String> response = postForm(Platform.REALM + "/protocol/openid-connect/token", form);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Token request failed: " + response.statusCode() + " " + response.body());
        }
        return json(response).get("access_token").asString();
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    static String formBody(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
