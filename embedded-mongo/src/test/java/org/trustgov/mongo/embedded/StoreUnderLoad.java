package org.trustgov.mongo.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;

/**
 * The process {@link EmbeddedStoreEnduranceBenchmark} starts and kills: the durable embedded store under the writes
 * of an incident report (an outbox message, the reference counter, the incident, its snapshot, a log entry with two
 * unique keys, the message removed), from many writers at once, for a number of seconds or until killed. Prints
 * {@code ack <number>} for every log entry whose insert was acknowledged, then {@code closed} after a clean stop.
 *
 * <p>Arguments: the store's file, seconds, writers, and the first log number of this run.
 */
final class StoreUnderLoad {

    private StoreUnderLoad() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long seconds = Long.parseLong(args[1]);
        int writers = Integer.parseInt(args[2]);
        AtomicLong numbers = new AtomicLong(Long.parseLong(args[3]));
        PrintStream out = new PrintStream(System.out, true);

        MongoServer server = new MongoServer(new CompactableH2Backend(file, false));
        server.bind("127.0.0.1", 0);
        MongoClient client = MongoClients.create(
                "mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        MongoDatabase db = client.getDatabase("audit");
        MongoCollection<Document> log = db.getCollection("audit_log");
        log.createIndex(Indexes.ascending("number"), new IndexOptions().unique(true));
        log.createIndex(Indexes.ascending("eventId"), new IndexOptions().unique(true));
        MongoCollection<Document> incidents = db.getCollection("incidents");
        incidents.createIndex(Indexes.ascending("reference"), new IndexOptions().unique(true));
        MongoCollection<Document> outbox = db.getCollection("outbox");
        MongoCollection<Document> counters = db.getCollection("counters");

        String text = "x".repeat(600);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Thread writer = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long number = numbers.getAndIncrement();
                    String event = UUID.randomUUID().toString();
                    outbox.insertOne(new Document("_id", event)
                            .append("state", "pending")
                            .append("body", text));
                    counters.findOneAndUpdate(
                            Filters.eq("_id", "incident"),
                            Updates.inc("next", 1),
                            new FindOneAndUpdateOptions().upsert(true));
                    String reference = "INC-" + number;
                    incidents.insertOne(new Document("reference", reference)
                            .append("summary", text)
                            .append("snapshot", "pending"));
                    incidents.updateOne(
                            Filters.eq("reference", reference), Updates.set("snapshot", new Document("text", text)));
                    log.insertOne(new Document("number", number)
                            .append("eventId", event)
                            .append("hash", text.substring(0, 64)));
                    out.println("ack " + number);
                    outbox.deleteOne(Filters.eq("_id", event));
                }
            });
            writer.start();
            threads.add(writer);
        }
        for (Thread writer : threads) {
            writer.join();
        }
        client.close();
        server.shutdownNow();
        out.println("closed");
    }
}
