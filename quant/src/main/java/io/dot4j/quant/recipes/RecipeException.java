package io.dot4j.quant.recipes;

/** A recipe that cannot be used, with a message naming the file and the key path: {@code recipe.json: layers[2].bits: ...}. */
public final class RecipeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RecipeException(String message) {
        super(message);
    }

    public RecipeException(String message, Throwable cause) {
        super(message, cause);
    }
}
