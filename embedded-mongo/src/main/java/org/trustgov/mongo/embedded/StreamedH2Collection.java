package org.trustgov.mongo.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;

/**
 * mongo-java-server's H2 collection, whose whole-collection read (the input of every aggregation) goes through the
 * map one document at a time. The stock read collects every document of the collection into a list first, so an
 * aggregation that reduces 150,000 incidents to a few counts held all 150,000 in the service's heap at once.
 *
 * <p>The map is read from the version current when the read starts (H2 keeps it whole while it is read). An update
 * changes the stored document object in place while it holds the collection, so each document is copied while this
 * read holds the collection too: a stage after it never sees a document half updated.
 */
class StreamedH2Collection extends H2Collection {

    StreamedH2Collection(
            MongoDatabase database,
            String collectionName,
            CollectionOptions options,
            MVMap<Object, Document> dataMap,
            MVMap<String, Object> metaMap,
            CursorRegistry cursorRegistry) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
    }

    @Override
    public Stream<Document> queryAllAsStream() {
        return streamAllDocumentsWithPosition().map(stored -> {
            synchronized (this) {
                return stored.getDocument().cloneDeeply();
            }
        });
    }
}
