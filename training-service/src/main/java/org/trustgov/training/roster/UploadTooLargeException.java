package org.trustgov.training.roster;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A roster upload whose body went over the size limit part-way: 413 with the upload's id and what was applied
 * before the limit (the rows read until then were applied and are kept; the upload is recorded as interrupted,
 * never as done). HR sends the rest again, in smaller uploads.
 */
class UploadTooLargeException extends ErrorResponseException {

    UploadTooLargeException(String uploadId, long[] counts, Throwable cause) {
        super(HttpStatus.CONTENT_TOO_LARGE, problem(uploadId, counts, cause), cause);
    }

    private static ProblemDetail problem(String uploadId, long[] counts, Throwable cause) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONTENT_TOO_LARGE,
                cause.getMessage()
                        + ": the upload stopped at row " + counts[0]
                        + "; the rows before it were applied and the upload is "
                        + "recorded as interrupted. Send the rest in smaller uploads.");
        problem.setTitle("Upload too large");
        problem.setProperty("uploadId", uploadId);
        problem.setProperty("received", counts[0]);
        problem.setProperty("inserted", counts[1]);
        problem.setProperty("updated", counts[2]);
        problem.setProperty("unchanged", counts[3]);
        problem.setProperty("rejected", counts[4]);
        problem.setProperty("alreadyDisposed", counts[5]);
        return problem;
    }
}
