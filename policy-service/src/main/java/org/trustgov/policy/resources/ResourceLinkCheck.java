package org.trustgov.policy.resources;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.trustgov.starter.mongo.ScheduledJobs;

/**
 * Checks every resource staff can see, when {@code trustgov.policy.resource-link-check.enabled}: a HEAD request (a
 * GET when HEAD is refused), redirects followed here, hop by hop (at most {@value #MAX_REDIRECTS}, http and https
 * only), and only whether the address is broken kept on the resource ({@link LinkCheck}). Every connection goes
 * through a DNS resolver that refuses any address not on the public internet ({@link PublicAddresses}), so the
 * address checked is the address connected to, on every hop. A resource that does not answer, answers 400 or more,
 * or leads to an address the check may not reach is flagged broken on governance's resources page; the count of
 * broken resources is logged (names and addresses are not). One instance of the service runs each check.
 */
@Component
@ConditionalOnProperty(name = "trustgov.policy.resource-link-check.enabled", havingValue = "true")
class ResourceLinkCheck implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ResourceLinkCheck.class);
    static final int MAX_REDIRECTS = 5;

    private final ResourceService resources;
    private final LinkCheckSettings settings;
    private final ScheduledJobs jobs;
    private final Clock clock;
    private final CloseableHttpClient http;

    @Autowired
    ResourceLinkCheck(ResourceService resources, LinkCheckSettings settings, ScheduledJobs jobs, Clock clock) {
        this(
                resources,
                settings,
                jobs,
                clock,
                settings.allowPrivateAddresses() ? address -> true : PublicAddresses::isPublic);
    }

    /** With the rule for which addresses may be reached (a test's own). */
    ResourceLinkCheck(
            ResourceService resources,
            LinkCheckSettings settings,
            ScheduledJobs jobs,
            Clock clock,
            Predicate<InetAddress> reachable) {
        this.resources = resources;
        this.settings = settings;
        this.jobs = jobs;
        this.clock = clock;
        Timeout timeout = Timeout.of(settings.timeout());
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(PublicAddresses.resolver(reachable))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout)
                                .setSocketTimeout(timeout)
                                .build())
                        .build())
                .setDefaultRequestConfig(
                        RequestConfig.custom().setResponseTimeout(timeout).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .setUserAgent("trust-social-media-governance link check")
                .build();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(
                () -> jobs.runExclusively("policy.resource-link-check", Duration.ofHours(1), this::checkAll),
                settings.interval());
    }

    /** Checks every resource not retired; returns how many are broken. */
    int checkAll() {
        int broken = 0;
        try {
            for (SignpostingResource resource : resources.list(false)) {
                LinkCheck check = check(resource.getUrl());
                resources.recordCheck(resource.getId(), check);
                if (check.broken()) {
                    broken++;
                }
            }
            if (broken > 0) {
                log.warn(
                        "resource link check: {} resource(s) did not answer, answered an error or lead off the public "
                                + "internet; governance sees them flagged",
                        broken);
            }
        } catch (RuntimeException e) {
            log.warn("resource link check failed, will try again in {}: {}", settings.interval(), e.toString());
        }
        return broken;
    }

    LinkCheck check(URI url) {
        return new LinkCheck(clock.instant(), !answersBelow400(url));
    }

    /** Whether the address, followed hop by hop, ends in an answer below 400. */
    boolean answersBelow400(URI url) {
        URI at = url;
        try {
            for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
                if (at.getScheme() == null
                        || !List.of("http", "https").contains(at.getScheme().toLowerCase())
                        || at.getHost() == null) {
                    return false;
                }
                Answer answer = send(at, "HEAD");
                if (answer.status() == 405 || answer.status() == 501) {
                    answer = send(at, "GET");
                }
                if (answer.status() < 300 || answer.status() >= 400 || answer.location() == null) {
                    return answer.status() < 400;
                }
                at = at.resolve(answer.location());
            }
            return false; // too many redirects
        } catch (IOException | IllegalArgumentException e) {
            return false; // no answer, not a public address, or not an address that can be fetched
        }
    }

    private record Answer(int status, URI location) {}

    private Answer send(URI url, String method) throws IOException {
        return http.execute(new BasicClassicHttpRequest(method, url), response -> {
            Header location = response.getFirstHeader("Location");
            return new Answer(
                    response.getCode(),
                    location == null ? null : URI.create(location.getValue().strip()));
        });
    }
}
