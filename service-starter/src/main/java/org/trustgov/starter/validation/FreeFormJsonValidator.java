package org.trustgov.starter.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.trustgov.starter.json.WellFormedText;

/** Checks a {@link FreeFormJson} value, walking it once; stops at the first problem and says where it is. */
public class FreeFormJsonValidator implements ConstraintValidator<FreeFormJson, Object> {

    static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private FreeFormJson limits;

    @Override
    public void initialize(FreeFormJson annotation) {
        this.limits = annotation;
    }

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        String problem = check(value, limits.maxDepth(), limits.maxEntries(), limits.maxStringLength());
        if (problem == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(escape(problem)).addConstraintViolation();
        return false;
    }

    /** The first problem with {@code value}, or {@code null} when it is acceptable. */
    public static String check(Object value, int maxDepth, int maxEntries, int maxStringLength) {
        return new Walk(maxDepth, maxEntries, maxStringLength).check(value, "", 1);
    }

    private static final class Walk {
        private final int maxDepth;
        private final int maxEntries;
        private final int maxStringLength;
        private int entries;

        Walk(int maxDepth, int maxEntries, int maxStringLength) {
            this.maxDepth = maxDepth;
            this.maxEntries = maxEntries;
            this.maxStringLength = maxStringLength;
        }

        String check(Object value, String at, int depth) {
            if (value == null
                    || value instanceof Boolean
                    || value instanceof Integer
                    || value instanceof Long
                    || value instanceof Short
                    || value instanceof Byte) {
                return null;
            }
            if (value instanceof Double d || value instanceof Float) {
                double x = ((Number) value).doubleValue();
                return Double.isFinite(x) ? null : where(at) + "is not a finite number";
            }
            if (value instanceof Number) { // BigInteger, BigDecimal: cannot be stored and hashed as the same number
                return where(at) + "is a number too large or too precise (at most 64 bits)";
            }
            if (value instanceof CharSequence text) {
                if (text.length() > maxStringLength) {
                    return where(at) + "is longer than " + maxStringLength + " characters";
                }
                return WellFormedText.isWellFormed(text) ? null : where(at) + "is not valid Unicode text";
            }
            if (value instanceof Map<?, ?> || value instanceof List<?>) {
                if (depth > maxDepth) {
                    return where(at) + "is nested more than " + maxDepth + " levels deep";
                }
                if (value instanceof Map<?, ?> map) {
                    for (Map.Entry<?, ?> e : map.entrySet()) {
                        if (++entries > maxEntries) {
                            return "has more than " + maxEntries + " values in all";
                        }
                        if (!(e.getKey() instanceof String key)
                                || !KEY.matcher(key).matches()) {
                            return where(at) + "has a key that is not 1-64 letters, digits, _ or -";
                        }
                        String inner = check(e.getValue(), at.isEmpty() ? key : at + "." + key, depth + 1);
                        if (inner != null) {
                            return inner;
                        }
                    }
                } else {
                    List<?> list = (List<?>) value;
                    for (int i = 0; i < list.size(); i++) {
                        if (++entries > maxEntries) {
                            return "has more than " + maxEntries + " values in all";
                        }
                        String inner = check(list.get(i), at + "[" + i + "]", depth + 1);
                        if (inner != null) {
                            return inner;
                        }
                    }
                }
                return null;
            }
            return where(at) + "is not a JSON value";
        }

        private static String where(String at) {
            return at.isEmpty() ? "" : "at " + at + " ";
        }
    }

    /** Bean Validation message templates treat braces and backslashes specially; keys are plain, but be safe. */
    private static String escape(String message) {
        return message.replace("\\", "\\\\")
                .replace("{", "\\{")
                .replace("}", "\\}")
                .replace("$", "\\$");
    }
}
