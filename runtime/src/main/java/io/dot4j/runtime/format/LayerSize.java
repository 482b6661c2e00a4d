package io.dot4j.runtime.format;

/**
 * Bytes one layer takes in a {@code .dot4j} file.
 *
 * @param recordBytes    the whole record: 5-byte record header, fixed fields and payload
 * @param weightBytes    of which weights and bias
 * @param thresholdBytes of which sign flags and thresholds
 */
public record LayerSize(int index, String kind, long recordBytes, long weightBytes, long thresholdBytes) {
}
