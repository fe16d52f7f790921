package org.trustgov.starter.problem;

import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.trustgov.problem.BadRequestException;
import org.trustgov.problem.ConflictException;
import org.trustgov.problem.ProblemBodies;
import org.trustgov.starter.limits.BodyTooLargeException;
import tools.jackson.core.JacksonException;

/**
 * One place that turns exceptions into RFC 9457 problem responses. Spring MVC's own exceptions (404 for an
 * unknown path, 405, 413, 415, unreadable JSON...) come from {@link ResponseEntityExceptionHandler}; validation
 * failures get an {@code errors} list naming each field. Anything unexpected falls through to
 * {@link ProblemErrorController}, which answers 500 without a stack trace.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (FieldError field : ex.getBindingResult().getFieldErrors()) {
            errors.add(fieldError(field.getField(), field.getDefaultMessage()));
        }
        ex.getBindingResult()
                .getGlobalErrors()
                .forEach(global -> errors.add(fieldError(global.getObjectName(), global.getDefaultMessage())));
        ProblemDetail problem = validationProblem(errors);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /**
     * Unreadable JSON is 400 naming the field where reading stopped (a wrong type, a number out of range, nesting
     * too deep, text that is not valid Unicode), unless it was unreadable because the body ran over the size
     * limit: 413. Nothing of the value is echoed.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        BodyTooLargeException tooLarge = BodyTooLargeException.in(ex);
        if (tooLarge != null) {
            ProblemDetail problem =
                    ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
            return handleExceptionInternal(ex, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
        }
        JacksonException jackson = cause(ex, JacksonException.class);
        if (jackson == null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.BAD_REQUEST, "The request body is not valid JSON for this endpoint");
            problem.setTitle(ProblemBodies.INVALID_REQUEST);
            return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
        }
        String field = JsonProblems.field(jackson);
        return handleExceptionInternal(
                ex,
                validationProblem(List.of(fieldError(field, JsonProblems.message(jackson)))),
                headers,
                HttpStatus.BAD_REQUEST,
                request);
    }

    /** An unknown path: 404 without echoing it (and without calling it a "static resource"). */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such API path");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.NOT_FOUND, request);
    }

    /** A path variable or parameter that cannot be converted (a huge number, a malformed date): 400 naming it. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        String type = ex.getRequiredType() == null ? "value" : describe(ex.getRequiredType());
        return handleExceptionInternal(
                ex,
                validationProblem(List.of(fieldError(name == null ? "parameter" : name, "must be " + type))),
                headers,
                HttpStatus.BAD_REQUEST,
                request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        return handleExceptionInternal(
                ex,
                validationProblem(List.of(fieldError(ex.getParameterName(), "is required"))),
                headers,
                HttpStatus.BAD_REQUEST,
                request);
    }

    private static String describe(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number in range";
        }
        if (type == java.time.LocalDate.class) {
            return "a date such as 2026-11-30";
        }
        if (type == java.time.Instant.class) {
            return "a time such as 2026-11-30T09:00:00Z";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return "a valid " + type.getSimpleName();
    }

    private static <T extends Throwable> T cause(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, Object>> errors = new ArrayList<>();
        ex.getParameterValidationResults()
                .forEach(result -> result.getResolvableErrors().forEach(error -> {
                    String name = result.getMethodParameter().getParameterName();
                    if (error instanceof FieldError field) {
                        name = field.getField();
                    }
                    errors.add(fieldError(name, error.getDefaultMessage()));
                }));
        return handleExceptionInternal(ex, validationProblem(errors), headers, HttpStatus.BAD_REQUEST, request);
    }

    /**
     * A body read as a stream by the endpoint itself (a roster upload) that turned out over the limit: 413, never a
     * 500. Any other I/O failure is not the client's: it goes on to the 500 answer.
     */
    @ExceptionHandler(java.io.UncheckedIOException.class)
    ResponseEntity<ProblemDetail> streamedBodyFailed(java.io.UncheckedIOException ex) {
        BodyTooLargeException tooLarge = BodyTooLargeException.in(ex);
        if (tooLarge == null) {
            throw ex;
        }
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage()));
    }

    /**
     * A parameter the container could not decode (a form body's {@code %FF}: a query's is refused before, naming it,
     * by the parameter filter): 400, without the stack trace the container would log for each such request.
     */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ProblemDetail undecodableParameter(org.apache.tomcat.util.http.InvalidParameterException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST,
                "A parameter of the request (in its query or form body) is not percent-encoded UTF-8 text");
        problem.setTitle(ProblemBodies.INVALID_REQUEST);
        return problem;
    }

    /** A unique key said no: the record exists already (or another request created it a moment ago). */
    @ExceptionHandler(DuplicateKeyException.class)
    ProblemDetail duplicate(DuplicateKeyException ex) {
        return new ConflictException("A record with the same key already exists").getBody();
    }

    /** Someone else changed the record between this request's read and its write; nothing was written. */
    @ExceptionHandler(OptimisticLockingFailureException.class)
    ProblemDetail concurrentChange(OptimisticLockingFailureException ex) {
        return new ConflictException(
                        "The record was changed by another request at the same time; reload it and try again")
                .getBody();
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraintViolation(ConstraintViolationException ex) {
        List<Map<String, Object>> errors = new ArrayList<>();
        ex.getConstraintViolations().forEach(v -> {
            String path = v.getPropertyPath().toString();
            errors.add(fieldError(path.substring(path.lastIndexOf('.') + 1), v.getMessage()));
        });
        return validationProblem(errors);
    }

    /** The most field errors one problem lists (its OpenAPI schema says so too); the rest are left out. */
    /** The most field errors one problem lists. */
    public static final int MAX_FIELD_ERRORS = BadRequestException.MAX_FIELD_ERRORS;

    public static ProblemDetail validationProblem(List<Map<String, Object>> errors) {
        return BadRequestException.validationProblem(errors);
    }

    static Map<String, Object> fieldError(String field, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        return error;
    }
}
