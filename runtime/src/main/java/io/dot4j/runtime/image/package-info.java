/** The fixed, integer-only policy that turns a {@link java.awt.image.BufferedImage} into model pixels. */
package io.dot4j.runtime.image;
