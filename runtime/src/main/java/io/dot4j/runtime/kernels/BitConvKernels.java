package io.dot4j.runtime.kernels;

import io.dot4j.runtime.kernels.spi.BitConvKernel;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Chooses the {@link BitConvKernel}: the first usable one that {@link ServiceLoader} finds (the
 * {@code dot4j-runtime-vector} jar provides one when {@code jdk.incubator.vector} is resolvable, e.g. with
 * {@code --add-modules jdk.incubator.vector}), else the portable kernel. The system property
 * {@code dot4j.vector=false} forces the portable kernel; it is read whenever an engine is built.
 */
public final class BitConvKernels {
    private static volatile BitConvKernel found;
    private static volatile boolean searched;

    private BitConvKernels() {
    }

    /** The kernel engines built now will use. */
    public static BitConvKernel select() {
        if ("false".equalsIgnoreCase(System.getProperty("dot4j.vector"))) {
            return PortableBitConvKernel.INSTANCE;
        }
        if (!searched) {
            synchronized (BitConvKernels.class) {
                if (!searched) {
                    found = search();
                    searched = true;
                }
            }
        }
        return found != null ? found : PortableBitConvKernel.INSTANCE;
    }

    /** The portable kernel (always available). */
    public static BitConvKernel portable() {
        return PortableBitConvKernel.INSTANCE;
    }

    private static BitConvKernel search() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null; // a provider would fail to link without the module
        }
        try {
            for (BitConvKernel k : ServiceLoader.load(BitConvKernel.class, BitConvKernels.class.getClassLoader())) {
                if (k.usable()) {
                    return k;
                }
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            return null; // a broken or unlinkable provider: the portable kernel gives the same results
        }
        return null;
    }
}
