package org.trustgov.audit.log.chain;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * A stream's elements in batches, read one batch ahead on a thread of its own: while the caller works on one batch,
 * the next is read (for a cursor: fetched from the store and decoded). The reader stops when it is closed, so a
 * caller may stop early; a failure of the reader is thrown to the caller at the batch where it happened. Close it
 * before closing what it reads.
 */
final class BatchesAhead<S, T> implements AutoCloseable {

    private static final Object END = new Object();

    private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(2);
    private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "audit-verify-reader");
        thread.setDaemon(true);
        return thread;
    });
    private final Future<?> reading;
    private volatile boolean closed;

    BatchesAhead(Iterator<S> source, int size, Function<S, T> read) {
        reading = reader.submit(() -> {
            try {
                List<T> batch = new ArrayList<>(size);
                while (!closed && source.hasNext()) {
                    batch.add(read.apply(source.next()));
                    if (batch.size() == size) {
                        ready.put(batch);
                        batch = new ArrayList<>(size);
                    }
                }
                if (!batch.isEmpty()) {
                    ready.put(batch);
                }
                ready.put(END);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException failure) {
                putQuietly(failure);
            }
            return null;
        });
    }

    private void putQuietly(RuntimeException failure) {
        try {
            ready.put(failure);
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next batch, or {@code null} after the last. */
    @SuppressWarnings("unchecked")
    List<T> next() {
        try {
            Object next = ready.take();
            if (next == END) {
                ready.put(END); // asked again, it is still the end
                return null;
            }
            if (next instanceof RuntimeException failure) {
                throw failure;
            }
            return (List<T>) next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the audit log", e);
        }
    }

    /** Stops the reader and waits until it has let go of the source. */
    @Override
    public void close() {
        closed = true;
        reader.shutdown();
        try {
            while (!reading.isDone()) {
                ready.poll(); // a reader waiting to hand over a batch is let go, and then sees it is closed
                try {
                    reading.get(10, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException stillReading) {
                    // fetching a batch: it sees it is closed when that is done
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException cannotHappen) {
            // the reader hands its failures over through the queue
        }
    }
}
