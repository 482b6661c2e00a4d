/**
 * Audio input for the front end: a bounded, validating WAV reader (PCM mono 8/16-bit) and a deterministic
 * windowed-sinc resampler to the model's rate. JDK only, like the rest of the runtime, so a deployed model can read a
 * recording without the training modules.
 */
package io.dot4j.runtime.audio;
