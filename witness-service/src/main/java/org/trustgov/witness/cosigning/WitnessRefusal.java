package org.trustgov.witness.cosigning;

import org.springframework.http.HttpStatus;

/**
 * Why the witness does not cosign, with the status C2SP tlog-witness gives it: 400 a malformed request, 403 no
 * signature by the log's key, 404 an unknown log, 409 an old size that is not the witness's (with its size), 422 a
 * consistency proof that does not verify.
 */
public class WitnessRefusal extends RuntimeException {

    private final HttpStatus status;
    private final Long witnessedSize;

    WitnessRefusal(HttpStatus status, String reason) {
        this(status, reason, null);
    }

    WitnessRefusal(HttpStatus status, String reason, Long witnessedSize) {
        super(reason);
        this.status = status;
        this.witnessedSize = witnessedSize;
    }

    public HttpStatus status() {
        return status;
    }

    /** For 409: the size of the latest checkpoint the witness cosigned. */
    public Long witnessedSize() {
        return witnessedSize;
    }
}
