package org.nd4j.nativeblas;

/**
 * Compatibility shim: this class exists only so that DL4J 1.0.0-M2.1 can switch on its oneDNN
 * layer helpers. It is not part of ND4J and nothing in MNIST Studio calls it directly.
 *
 * <p>{@code org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled()} (deeplearning4j-nn
 * 1.0.0-M2.1) decides whether the MKLDNN/oneDNN helpers of ConvolutionLayer, SubsamplingLayer and
 * BatchNormalization may be used by doing, reflectively:
 *
 * <pre>
 *   Class c = Class.forName("org.nd4j.nativeblas.Nd4jCpu$Environment");
 *   Object env = c.getMethod("getInstance").invoke(null);
 *   return (Boolean) c.getMethod("isUseMKLDNN").invoke(env);
 * </pre>
 *
 * That was the binding class of older ND4J releases. In M2.1 the binding moved to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment} and the flag was renamed
 * {@code isUseONEDNN()}, so the lookup throws, DL4J records the failure for good
 * ({@code FAILED_CHECK}) and every helper is dropped, whatever native build is loaded.
 *
 * <p>This class provides exactly the two members that lookup needs, under the old name, and
 * delegates to the real native environment flag (which {@code ND4J_MKL_FALLBACK=true} or
 * {@code Nd4jCpu.Environment.setUseONEDNN(false)} still turn off). Helpers are still only created
 * when {@code org.eclipse.deeplearning4j.helpers.disable=false}, see
 * {@code org.mniststudio.model.NativeSetup}. Delete this file when moving to a DL4J release whose
 * helper lookup uses the new binding name.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {
    }

    /** Stand-in for the pre-M1 {@code Nd4jCpu.Environment}; only what DL4J's helper check calls. */
    public static final class Environment {

        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        /** Called reflectively by {@code BaseMKLDNNHelper.mklDnnEnabled()}. */
        public static Environment getInstance() {
            return INSTANCE;
        }

        /**
         * Called reflectively by {@code BaseMKLDNNHelper.mklDnnEnabled()}: whether libnd4j may use
         * oneDNN, read from the native environment each time (no caching here; DL4J caches nothing
         * either, it asks once per layer it creates).
         */
        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }
    }
}
