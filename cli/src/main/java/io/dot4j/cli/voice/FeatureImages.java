package io.dot4j.cli.voice;

import io.dot4j.cli.UserError;
import io.dot4j.core.data.Dataset;
import io.dot4j.runtime.audio.PcmAudio;
import io.dot4j.runtime.audio.Resampler;
import io.dot4j.runtime.audio.WavReader;
import io.dot4j.runtime.frontend.CenteredWindow;
import io.dot4j.runtime.frontend.LogMelFrontEnd;
import java.io.IOException;
import java.util.List;

/**
 * Recordings as a data set of front-end feature images: each file is read, resampled to the front end's rate if it
 * has another, centred in one window ({@link CenteredWindow}) and turned into a frames x bands 8-bit image, its label
 * the spoken digit.
 */
public final class FeatureImages {

    /** The digits 0..9. */
    public static final int CLASSES = 10;

    private FeatureImages() {
    }

    /** The feature image of one recording. */
    public static byte[] of(LogMelFrontEnd frontEnd, PcmAudio audio) {
        PcmAudio at = Resampler.resample(audio, frontEnd.parameters().sampleRate());
        return frontEnd.features(CenteredWindow.of(at.samples(), frontEnd.windowSamples()), 0);
    }

    /** The images of {@code recordings}, in order, as a data set named {@code name}. */
    public static Dataset of(String name, LogMelFrontEnd frontEnd, List<SpeakerCorpus.Recording> recordings)
            throws IOException {
        if (recordings.isEmpty()) {
            throw new UserError(name + ": no recordings");
        }
        int frames = frontEnd.parameters().frames();
        int bands = frontEnd.parameters().bands();
        byte[] pixels = new byte[recordings.size() * frames * bands];
        int[] labels = new int[recordings.size()];
        for (int i = 0; i < recordings.size(); i++) {
            SpeakerCorpus.Recording r = recordings.get(i);
            byte[] image = of(frontEnd, WavReader.read(r.file()));
            System.arraycopy(image, 0, pixels, i * image.length, image.length);
            labels[i] = r.name().digit();
        }
        return Dataset.of(name, pixels, labels, 1, frames, bands, CLASSES);
    }
}
