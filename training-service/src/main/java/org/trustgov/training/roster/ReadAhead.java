package org.trustgov.training.roster;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** An iterator over what an upload reader yields one at a time: {@link #read()} returns null at the end. */
abstract class ReadAhead<T> implements Iterator<T> {

    private T next;
    private boolean done;

    /** The next item, or null when there is none. */
    protected abstract T read();

    @Override
    public final boolean hasNext() {
        if (next == null && !done) {
            next = read();
            done = next == null;
        }
        return next != null;
    }

    @Override
    public final T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T item = next;
        next = null;
        return item;
    }
}
