package org.mniststudio.model;

import java.lang.reflect.Field;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DL4J's max-pooling layer, run by libnd4j's own implementation of {@code maxpool2d} and
 * {@code maxpool2d_bp} instead of oneDNN's.
 *
 * <p>Why: with the layer helpers on (which the convolutions need, see {@link NativeSetup}), libnd4j sends every
 * pooling op to oneDNN, and on this kind of CPU that is 5-6x slower forward and about 3x slower backward than
 * libnd4j's own code for the same op, with identical results ({@code src/bench/PoolingOps.java}). DL4J has no
 * per-layer switch: {@code SubsamplingLayer} builds its forward op itself and runs it without an
 * {@link OpContext}, so this subclass runs both passes with a context that refuses helpers for that one op.
 *
 * <p>Only the layer <em>implementation</em> is replaced ({@link #useIn}), never its configuration: saved models
 * still name DL4J's own {@code SubsamplingLayer} and load anywhere. Average and p-norm pooling, and NHWC data,
 * take DL4J's path unchanged. {@code -Dmniststudio.ownMaxPooling=false} keeps DL4J's layer everywhere (for
 * A/B measurements).
 */
public final class OwnMaxPoolingLayer extends SubsamplingLayer {
    public static final String SWITCH = "mniststudio.ownMaxPooling";
    private static final Logger LOG = LoggerFactory.getLogger(OwnMaxPoolingLayer.class);
    private static final Field LAYER_MAP = layerMapField();

    private OwnMaxPoolingLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        // The oneDNN helper would run the backward pass; this layer runs both passes itself.
        helper = null;
    }

    /**
     * Replaces each of DL4J's max-pooling layer implementations in {@code net} (after {@code init()}, a load
     * or a {@code clone()}, which all make DL4J's own) by this one. Returns how many were replaced.
     */
    public static int useIn(MultiLayerNetwork net) {
        if (!Boolean.parseBoolean(System.getProperty(SWITCH, "true"))) {
            return 0;
        }
        Map<String, Layer> byName = layerMap(net);
        if (byName == null) {
            return 0;
        }
        Layer[] layers = net.getLayers();
        DataType dataType = net.getLayerWiseConfigurations().getDataType();
        int replaced = 0;
        for (int i = 0; i < layers.length; i++) {
            if (layers[i].getClass() != SubsamplingLayer.class || !handles((SubsamplingLayer) layers[i])) {
                continue;
            }
            Layer old = layers[i];
            OwnMaxPoolingLayer own = new OwnMaxPoolingLayer(old.conf(), dataType);
            own.setIndex(old.getIndex());
            own.setListeners(old.getListeners());
            layers[i] = own;
            byName.replaceAll((name, layer) -> layer == old ? own : layer);
            replaced++;
        }
        return replaced;
    }

    private static boolean handles(SubsamplingLayer layer) {
        org.deeplearning4j.nn.conf.layers.SubsamplingLayer conf = layer.layerConf();
        return conf.getPoolingType() == PoolingType.MAX && conf.getCnn2dDataFormat() == CNN2DFormat.NCHW;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        if (input.rank() != 4) {
            return super.activate(training, workspaceMgr); // DL4J's message for the wrong rank
        }
        INDArray in = input.castTo(dataType);
        Geometry g = geometry(in, null);
        long[] outShape = {in.size(0), in.size(1), g.outSize[0], g.outSize[1]};
        INDArray output = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, in.dataType(), outShape, 'c');
        execWithoutHelpers("maxpool2d", g, output, in);
        return output;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray in = input.castTo(dataType);
        INDArray eps = epsilon.dataType() == dataType ? epsilon : epsilon.castTo(dataType);
        Geometry g = geometry(in, new int[] {(int) eps.size(2), (int) eps.size(3)});
        INDArray epsAtInput = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, in.dataType(),
                in.shape(), 'c');
        execWithoutHelpers("maxpool2d_bp", g, epsAtInput, in, eps);
        return new Pair<>(new DefaultGradient(), epsAtInput); // no parameters, so no gradient of its own
    }

    /** Kernel, strides, padding and output size, worked out as DL4J's SubsamplingLayer does (NCHW). */
    private Geometry geometry(INDArray in, int[] knownOutSize) {
        org.deeplearning4j.nn.conf.layers.SubsamplingLayer conf = layerConf();
        int[] kernel = conf.getKernelSize();
        int[] strides = conf.getStride();
        int[] dilation = conf.getDilation();
        boolean same = convolutionMode == ConvolutionMode.Same;
        int[] inSize = {(int) in.size(2), (int) in.size(3)};
        int[] outSize = knownOutSize != null ? knownOutSize
                : ConvolutionUtils.getOutputSize(in, kernel, strides, same ? null : conf.getPadding(),
                        convolutionMode, dilation, CNN2DFormat.NCHW);
        int[] pad = same ? ConvolutionUtils.getSameModeTopLeftPadding(outSize, inSize, kernel, strides, dilation)
                : conf.getPadding();
        return new Geometry(kernel, strides, pad, dilation, same, outSize);
    }

    private static void execWithoutHelpers(String opName, Geometry g, INDArray output, INDArray... inputs) {
        try (OpContext context = Nd4j.getExecutioner().buildContext()) {
            context.allowHelpers(false);
            context.setIArguments(g.kernel[0], g.kernel[1], g.strides[0], g.strides[1], g.pad[0], g.pad[1],
                    g.dilation[0], g.dilation[1], g.same ? 1 : 0, 0, 0); // extra 0 (unused by max), 0 = NCHW
            for (int i = 0; i < inputs.length; i++) {
                context.setInputArray(i, inputs[i]);
            }
            context.setOutputArray(0, output);
            Nd4j.exec(DynamicCustomOp.builder(opName).build(), context);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) { // OpContext.close() declares Exception
            throw new IllegalStateException(opName + " failed: " + e.getMessage(), e);
        }
    }

    private record Geometry(int[] kernel, int[] strides, int[] pad, int[] dilation, boolean same, int[] outSize) {
    }

    /** The network's layers by name, or null when DL4J's field cannot be read (then nothing is replaced). */
    @SuppressWarnings("unchecked")
    private static Map<String, Layer> layerMap(MultiLayerNetwork net) {
        if (LAYER_MAP == null) {
            return null;
        }
        try {
            return (Map<String, Layer>) LAYER_MAP.get(net);
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    /**
     * MultiLayerNetwork keeps its layers by name too (for getLayer(String)) and has no setter for that map;
     * without access to it the replacement is not made at all, so the two views never disagree.
     */
    private static Field layerMapField() {
        try {
            Field f = MultiLayerNetwork.class.getDeclaredField("layerMap");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("DL4J's own max pooling stays in use: {}", e.toString());
            return null;
        }
    }
}
