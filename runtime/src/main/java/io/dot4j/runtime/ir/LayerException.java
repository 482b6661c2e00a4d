package io.dot4j.runtime.ir;

/**
 * A layer's own field is out of range (thrown by layer constructors, which do not know their index yet).
 * {@link IntModel} and the file reader add the index and position.
 */
public final class LayerException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;
    private final String detail;

    public LayerException(String field, String detail) {
        super(describe(field, detail));
        this.field = field;
        this.detail = detail;
    }

    /** "'field' = 3, expected ..." for details that start with "= ", else "'field': detail". */
    static String describe(String field, String detail) {
        return "'" + field + "'" + (detail.startsWith("= ") ? " " : ": ") + detail;
    }

    public String field() {
        return field;
    }

    public String detail() {
        return detail;
    }

    static void check(boolean ok, String field, String detail) {
        if (!ok) {
            throw new LayerException(field, detail);
        }
    }

    static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new LayerException(field, "= " + value + ", expected " + min + ".." + max);
        }
        return value;
    }
}
