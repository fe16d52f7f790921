package org.trustgov.policy.resources;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.trustgov.starter.mongo.ScheduledJobs;

/**
 * Checks every resource staff can see, when {@code trustgov.policy.resource-link-check.enabled}: a HEAD request (a
 * GET when HEAD is refused), redirects followed, and the answer kept on the resource ({@link LinkCheck}). A resource
 * that does not answer, or answers 400 or more, is flagged broken on governance's resources page; the count of broken
 * resources is logged (names and addresses are not). One instance of the service runs each check.
 */
@Component
@ConditionalOnProperty(name = "trustgov.policy.resource-link-check.enabled", havingValue = "true")
class ResourceLinkCheck implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ResourceLinkCheck.class);

    private final ResourceService resources;
    private final LinkCheckSettings settings;
    private final ScheduledJobs jobs;
    private final Clock clock;
    private final HttpClient http;

    ResourceLinkCheck(ResourceService resources, LinkCheckSettings settings, ScheduledJobs jobs, Clock clock) {
        this.resources = resources;
        this.settings = settings;
        this.jobs = jobs;
        this.clock = clock;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(settings.timeout()).build();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(() -> jobs.runExclusively("policy.resource-link-check", Duration.ofHours(1), this::checkAll),
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
                log.warn("resource link check: {} resource(s) did not answer or answered an error; governance sees them flagged", broken);
            }
        } catch (RuntimeException e) {
            log.warn("resource link check failed, will try again in {}: {}", settings.interval(), e.toString());
        }
        return broken;
    }

    LinkCheck check(URI url) {
        try {
            if (!settings.allowPrivateAddresses() && isPrivate(url.getHost())) {
                return new LinkCheck(clock.instant(), null, false, "not checked: the address is on a private network");
            }
            int status = send(url, "HEAD");
            if (status == 405 || status == 501) {
                status = send(url, "GET");
            }
            return new LinkCheck(clock.instant(), status, status >= 400, "answered " + status);
        } catch (IOException e) {
            return new LinkCheck(clock.instant(), null, true, "no answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new LinkCheck(clock.instant(), null, true, "check interrupted");
        } catch (IllegalArgumentException e) {
            return new LinkCheck(clock.instant(), null, true, "not an address that can be fetched");
        }
    }

    private int send(URI url, String method) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(settings.timeout()).header("User-Agent", "trust-social-media-governance link check").build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static boolean isPrivate(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress() || address.isMulticastAddress()) {
                    return true;
                }
            }
            return false;
        } catch (UnknownHostException e) {
            return false; // the fetch itself reports it as no answer
        }
    }
}
