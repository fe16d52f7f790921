package org.trustgov.starter.mongo;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The in-process MongoDB wire-protocol server used when no {@code MONGODB_URI} is given
 * ({@code trustgov.mongodb.embedded.*}).
 *
 * @param dataDir    folder for the H2 MVStore file ({@code <database>.mv}); data survives restarts
 * @param persistent {@code false} keeps everything in memory (tests)
 * @param host       address the server binds to; loopback by default so it is never reachable from outside
 * @param port       0 picks a free port
 */
@ConfigurationProperties("trustgov.mongodb.embedded")
public record EmbeddedMongoProperties(
        @DefaultValue("data") Path dataDir,
        @DefaultValue("true") boolean persistent,
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("0") int port) {
}
