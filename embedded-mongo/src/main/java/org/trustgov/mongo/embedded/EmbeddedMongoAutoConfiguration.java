package org.trustgov.mongo.embedded;

import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * For local runs and tests: with {@code trustgov.mongodb.embedded.enabled=true} and no {@code MONGODB_URI}, start
 * mongo-java-server in this process, on loopback, with its H2 file backend made durable ({@link DurableH2Backend}),
 * and point the real MongoDB driver at it. Code above the driver cannot tell the difference, so it must stay within
 * what real MongoDB does (declared indexes, no server-side JavaScript, no transactions).
 */
@AutoConfiguration(before = MongoAutoConfiguration.class)
@ConditionalOnClass(MongoServer.class)
@Conditional(OnNoMongoUri.class)
@EnableConfigurationProperties({EmbeddedMongoProperties.class, MongoProperties.class})
public class EmbeddedMongoAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoAutoConfiguration.class);

    @Bean(destroyMethod = "shutdownNow")
    MongoServer embeddedMongoServer(EmbeddedMongoProperties properties, MongoProperties mongo) {
        MongoBackend backend;
        if (properties.persistent()) {
            Path file =
                    properties.dataDir().resolve(databaseName(mongo) + ".mv").toAbsolutePath();
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the data folder " + file.getParent(), e);
            }
            if (properties.autoCompactFillRate() < 0 || properties.autoCompactFillRate() > 100) {
                throw new IllegalArgumentException("trustgov.mongodb.embedded.auto-compact-fill-rate must be from 0 to"
                        + " 100 (percent), not " + properties.autoCompactFillRate());
            }
            backend = new CompactableH2Backend(file, properties.fsync(), properties.autoCompactFillRate());
            log.info(
                    "Embedded MongoDB server on H2 file {} (every write committed before it is acknowledged{}; "
                            + "compact rewrites it with only its live data)",
                    file,
                    properties.fsync() ? ", and forced to disk" : "");
        } else {
            backend = UniqueIndexesOnly.inMemory();
            log.info("Embedded MongoDB server in memory (nothing is kept after shutdown)");
        }
        return bind(new MongoServer(backend), properties);
    }

    /**
     * Binds {@code server} as {@code properties} say, with a thread for each connection up to
     * {@link EmbeddedMongoProperties#connectionThreads()}: the server answers a command on its connection's thread, so
     * connections sharing one wait for each other, and a long find (the retention job's daily look through every
     * incident) held back every report whose connection shared its thread until it had answered.
     */
    static MongoServer bind(MongoServer server, EmbeddedMongoProperties properties) {
        if (properties.connectionThreads() < 1) {
            throw new IllegalArgumentException("trustgov.mongodb.embedded.connection-threads must be at least 1, not "
                    + properties.connectionThreads());
        }
        server.bind(new InetSocketAddress(properties.host(), properties.port()), 1, properties.connectionThreads());
        return server;
    }

    @Bean
    MongoConnectionDetails embeddedMongoConnectionDetails(MongoServer server, MongoProperties mongo) {
        InetSocketAddress address = server.getLocalAddress();
        ConnectionString uri = new ConnectionString(
                "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + databaseName(mongo));
        return () -> uri;
    }

    private static String databaseName(MongoProperties mongo) {
        return mongo.getDatabase() != null ? mongo.getDatabase() : "trustgov";
    }
}
