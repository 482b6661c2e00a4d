package io.dot4j.runtime.analysis;

import io.dot4j.runtime.ir.ThresholdActivation;
import java.util.Arrays;
import java.util.List;

/**
 * The thresholds of one {@link ThresholdActivation} as every back end compares against them: per channel the
 * thresholds clamped to the range of the values that can reach that channel, so that every key and every incoming
 * value fit one comparator width ({@link #keyBits()}), and the sign flag.
 *
 * <p>With the channel's incoming range [lo, hi], a positive channel's key is {@code clamp(t, lo, hi + 1)} and a
 * negative channel's {@code clamp(t, lo - 1, hi)}. For every v in [lo, hi] this changes no comparison: a positive
 * threshold below lo is reached by every v (so is lo), one above hi + 1 by none (nor is hi + 1); likewise for
 * negative channels. The level is then, exactly as {@link ThresholdActivation#level}:
 * <ul>
 *   <li>positive channel: the number of keys k with {@code v >= k};</li>
 *   <li>negative channel: the number of keys k with {@code v <= k}.</li>
 * </ul>
 * Keys stay sorted non-decreasing per channel (clamping is monotone).
 */
public final class ThresholdKeys {
    private final int channels, perChannel;
    private final int[] keys;
    private final boolean[] negative;
    private final List<ValueRange> incoming;

    ThresholdKeys(ThresholdActivation t, List<ValueRange> incoming) {
        this.channels = t.channels();
        this.perChannel = t.perChannel();
        this.negative = t.negative();
        this.incoming = incoming instanceof RangeList ? incoming : List.copyOf(incoming);
        this.keys = new int[channels * perChannel];
        for (int c = 0; c < channels; c++) {
            ValueRange r = incoming.get(c);
            long lo = negative[c] ? r.min() - 1 : r.min(), hi = negative[c] ? r.max() : r.max() + 1;
            for (int i = 0; i < perChannel; i++) {
                keys[c * perChannel + i] = (int) Math.max(lo, Math.min(hi, t.threshold(c, i)));
            }
        }
    }

    public int channels() {
        return channels;
    }

    /** Keys per channel, 2^bits - 1. */
    public int perChannel() {
        return perChannel;
    }

    /** Key i of channel c (sorted non-decreasing in i). */
    public int key(int channel, int i) {
        checkChannel(channel);
        if (i < 0 || i >= perChannel) {
            throw new IndexOutOfBoundsException("key " + i + ", expected 0.." + (perChannel - 1));
        }
        return keys[channel * perChannel + i];
    }

    /** The keys of channel c, ascending (a copy). */
    public int[] keys(int channel) {
        checkChannel(channel);
        return Arrays.copyOfRange(keys, channel * perChannel, (channel + 1) * perChannel);
    }

    /** All keys, channel-major: key(c, i) at c * perChannel() + i (a copy). */
    public int[] keys() {
        return keys.clone();
    }

    public boolean isNegative(int channel) {
        checkChannel(channel);
        return negative[channel];
    }

    /** The range of the values that reach channel c: the one the keys are clamped to. */
    public ValueRange incoming(int channel) {
        checkChannel(channel);
        return incoming.get(channel);
    }

    /** The smallest range holding every key and every incoming value of every channel. */
    public ValueRange keyRange() {
        ValueRange r = incoming.get(0);
        for (ValueRange v : incoming) {
            r = r.union(v);
        }
        for (int k : keys) {
            r = r.including(k);
        }
        return r;
    }

    /** Signed width of a comparator that holds every key and every incoming value: {@code keyRange().signedBits()}. */
    public int keyBits() {
        return keyRange().signedBits();
    }

    /**
     * The level of {@code value} on channel {@code channel}, counted against the keys; equals
     * {@link ThresholdActivation#level} for every value in {@link #incoming(int)}.
     *
     * @throws IllegalArgumentException for a value outside the channel's incoming range (the keys do not decide it)
     */
    public int level(int channel, long value) {
        checkChannel(channel);
        ValueRange r = incoming.get(channel);
        if (!r.contains(value)) {
            throw new IllegalArgumentException("value " + value + " cannot reach channel " + channel
                    + ": expected one in " + r);
        }
        int count = 0;
        for (int i = channel * perChannel; i < (channel + 1) * perChannel; i++) {
            if (negative[channel] ? value <= keys[i] : value >= keys[i]) {
                count++;
            }
        }
        return count;
    }

    private void checkChannel(int channel) {
        if (channel < 0 || channel >= channels) {
            throw new IndexOutOfBoundsException("channel " + channel + ", expected 0.." + (channels - 1));
        }
    }

    @Override
    public String toString() {
        return "ThresholdKeys[" + channels + " channels x " + perChannel + ", " + keyBits() + "-bit keys]";
    }
}
