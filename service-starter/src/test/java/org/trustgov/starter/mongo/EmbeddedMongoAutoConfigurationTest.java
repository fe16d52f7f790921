package org.trustgov.starter.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.mongodb.core.MongoTemplate;

class EmbeddedMongoAutoConfigurationTest {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EmbeddedMongoAutoConfiguration.class,
                    MongoAutoConfiguration.class, DataMongoAutoConfiguration.class, MongoHealthAutoConfiguration.class))
            .withPropertyValues("spring.mongodb.database=policy");

    @Test
    void withoutAUriTheRealDriverTalksToTheEmbeddedServerAndDataSurvivesARestart(@TempDir Path data) {
        ApplicationContextRunner onDisk = contexts.withPropertyValues("trustgov.mongodb.embedded.data-dir=" + data);

        onDisk.run(context -> {
            assertThat(context).hasSingleBean(MongoServer.class);
            context.getBean(MongoTemplate.class).insert(new Document("code", "SM-001"), "policies");
        });
        assertThat(data.resolve("policy.mv")).exists();

        onDisk.run(context -> assertThat(context.getBean(MongoTemplate.class).findAll(Document.class, "policies"))
                .extracting(d -> d.getString("code")).containsExactly("SM-001"));
    }

    @Test
    void theHealthIndicatorPingsTheDatabase() {
        contexts.withPropertyValues("trustgov.mongodb.embedded.persistent=false").run(context ->
                assertThat(context.getBean(MongoPingHealthIndicator.class).health(true).getStatus().getCode())
                        .isEqualTo("UP"));
    }

    @Test
    void aConfiguredUriMeansNoEmbeddedServer() {
        contexts.withPropertyValues("spring.mongodb.uri=mongodb://db.example.internal:27017/policy").run(context -> {
            assertThat(context).doesNotHaveBean(MongoServer.class);
            assertThat(context.getBean(MongoConnectionDetails.class).getConnectionString().getHosts())
                    .containsExactly("db.example.internal:27017");
        });
    }
}
