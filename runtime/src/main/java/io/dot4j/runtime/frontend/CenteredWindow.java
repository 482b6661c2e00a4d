package io.dot4j.runtime.frontend;

/**
 * Places a recording of any length in a window of fixed length: a shorter one in the middle with zeros (silence) on
 * both sides, a longer one cut to its middle part. When the lengths differ by an odd count the extra sample of
 * padding goes at the end, the extra sample cut at the start. Used to turn a trimmed word recording into the
 * one-window input of a word classifier.
 */
public final class CenteredWindow {

    private CenteredWindow() {
    }

    /** {@code pcm} centred in {@code length} samples. */
    public static short[] of(short[] pcm, int length) {
        if (length < 1) {
            throw new IllegalArgumentException("window length " + length + ", expected >= 1");
        }
        short[] out = new short[length];
        if (pcm.length <= length) {
            System.arraycopy(pcm, 0, out, (length - pcm.length) / 2, pcm.length);
        } else {
            System.arraycopy(pcm, (pcm.length - length + 1) / 2, out, 0, length);
        }
        return out;
    }
}
