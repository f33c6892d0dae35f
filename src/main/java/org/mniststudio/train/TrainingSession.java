package org.mniststudio.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mniststudio.data.DatasetSplit;
import org.mniststudio.data.DigitAugmenter;
import org.mniststudio.model.EpochMetrics;
import org.mniststudio.model.HyperParameters;
import org.mniststudio.model.NativeThreads;
import org.mniststudio.model.NetworkFactory;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one training loop of MNIST Studio, in the order of the DL4J examples: configuration with a seed, data
 * iterators, listeners, fit, and the trained network at the end (saving is the caller's choice).
 *
 * <p>It runs on its own thread ({@link #start()}) or the caller's ({@link #run()}); {@link #pause()},
 * {@link #resume()} and {@link #stop()} may be called from any thread and take effect at the next batch
 * boundary, so the network is never left half-updated. Progress goes to the {@link TrainingObserver}s on
 * the training thread. After each epoch a copy of the network is published ({@link #latestEpochNetwork()})
 * that other threads may use for predictions while training goes on: the network being fitted is never
 * shared.
 */
public final class TrainingSession {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingSession.class);
    private static final int EVALUATION_BATCH = 500;

    public enum State { NEW, RUNNING, PAUSED, FINISHED }

    private final TrainingRequest request;
    private final List<TrainingObserver> observers = new CopyOnWriteArrayList<>();
    private final CompletableFuture<TrainingOutcome> outcome = new CompletableFuture<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition resumed = lock.newCondition();
    private volatile State state = State.NEW;
    private volatile boolean paused;
    private volatile boolean stopRequested;
    private volatile MultiLayerNetwork latestEpochNetwork;
    private volatile Predicate<String> interactiveThreads;
    private Thread thread;

    public TrainingSession(TrainingRequest request) {
        this.request = request;
    }

    public TrainingRequest request() {
        return request;
    }

    public void addObserver(TrainingObserver observer) {
        observers.add(observer);
    }

    public void removeObserver(TrainingObserver observer) {
        observers.remove(observer);
    }

    /**
     * Run the training at background CPU priority, giving way to the threads whose names {@code interactive}
     * accepts (a window's threads): see {@link CpuPriority}. Call before {@link #start()}.
     */
    public void yieldCpuTo(Predicate<String> interactive) {
        this.interactiveThreads = interactive;
    }

    /** Starts training on a new daemon thread (closing the application never waits for it). */
    public synchronized void start() {
        if (state != State.NEW || thread != null) {
            throw new IllegalStateException("a training session can be started once");
        }
        thread = new Thread(this::run, "training");
        thread.setDaemon(true);
        thread.start();
    }

    public State state() {
        return state;
    }

    public boolean isPaused() {
        return paused;
    }

    public void pause() {
        if (state == State.RUNNING) {
            paused = true;
            state = State.PAUSED;
        }
    }

    public void resume() {
        lock.lock();
        try {
            paused = false;
            if (state == State.PAUSED) {
                state = State.RUNNING;
            }
            resumed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Asks the run to end after the current batch; the outcome is then {@code STOPPED}. */
    public void stop() {
        lock.lock();
        try {
            stopRequested = true;
            paused = false;
            resumed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Completes when the run ends, however it ends. */
    public CompletableFuture<TrainingOutcome> outcome() {
        return outcome;
    }

    public TrainingOutcome awaitOutcome(long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
        try {
            return outcome.get(timeout, unit);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** A copy of the network as of the last finished epoch, safe to use from any one other thread; null before. */
    public MultiLayerNetwork latestEpochNetwork() {
        return latestEpochNetwork;
    }

    /** Trains on the calling thread and returns how it ended. Never throws for training faults. */
    public TrainingOutcome run() {
        synchronized (this) {
            if (state != State.NEW) {
                throw new IllegalStateException("a training session can be run once");
            }
            state = State.RUNNING;
        }
        TrainingOutcome result;
        try {
            result = train();
        } catch (IllegalArgumentException e) {
            // settings no run can use (hyper-parameters, split): the message says which
            result = new TrainingOutcome(TrainingOutcome.Status.FAILED, "cannot train: " + e.getMessage(), null,
                    List.of());
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.error("training failed", e);
            result = new TrainingOutcome(TrainingOutcome.Status.FAILED, "training failed: " + describe(e), null,
                    List.of());
        }
        state = State.FINISHED;
        for (TrainingObserver observer : observers) {
            observer.onFinished(result);
        }
        outcome.complete(result);
        return result;
    }

    private TrainingOutcome train() {
        HyperParameters hp = request.hyperParameters().validate();
        DatasetSplit split = DatasetSplit.of(request.trainingSet(), hp.validationShare(), hp.seed());
        MultiLayerNetwork net = prepareNetwork(hp);
        DigitBatchIterator batches = new DigitBatchIterator(split.training(), hp.batchSize(), true,
                hp.augment() ? DigitAugmenter.standard() : null, hp.seed());
        MetricsListener metrics = new MetricsListener(observers, request.publishEvery(), hp.epochs(),
                batches.batchesPerEpoch());
        net.setListeners(metrics);
        for (TrainingObserver observer : observers) {
            observer.onStarted(hp.epochs(), batches.batchesPerEpoch(), split.training().size(),
                    split.validation().size());
        }
        List<EpochMetrics> history = new ArrayList<>();
        double bestValidationLoss = Double.POSITIVE_INFINITY;
        INDArray bestParams = null;
        int epochsWithoutImprovement = 0;
        NativeThreads.Restore blasThreads = BlasThreads.forRun(net.getLayerWiseConfigurations(), hp.batchSize());
        try {
            for (int epoch = 1; epoch <= hp.epochs(); epoch++) {
                metrics.startEpoch(epoch);
                batches.reset();
                // lowered after the epoch's first batch (and again after the first validation), so that the
                // native thread pools the run uses exist and are lowered with it
                boolean lowerPriority = interactiveThreads != null && epoch <= 2;
                while (batches.hasNext()) {
                    if (!awaitNotPaused()) {
                        return new TrainingOutcome(TrainingOutcome.Status.STOPPED,
                                "stopped by request in epoch " + epoch, net, history);
                    }
                    DataSet batch = batches.next();
                    metrics.beforeBatch(labelIndices(batch));
                    net.fit(batch);
                    if (lowerPriority) {
                        lowerPriority = false;
                        CpuPriority.lowerAllThreadsExcept(interactiveThreads);
                    }
                    if (metrics.failure() != null) {
                        return new TrainingOutcome(TrainingOutcome.Status.FAILED, metrics.failure(), null, history);
                    }
                }
                net.incrementEpochCount();
                double seconds = metrics.epochSeconds();
                double[] validation = split.validation().size() == 0 ? new double[] {Double.NaN, Double.NaN}
                        : Evaluator.accuracyAndLoss(net, split.validation(), EVALUATION_BATCH);
                EpochMetrics epochMetrics = new EpochMetrics(epoch, metrics.epochLoss(), metrics.epochAccuracy(),
                        validation[1], validation[0], seconds, split.training().size() / seconds,
                        hp.learningRate() * Math.pow(hp.learningRateDecay(), epoch - 1));
                history.add(epochMetrics);
                LOG.debug("epoch {}: {}", epoch, epochMetrics);
                latestEpochNetwork = detachedCopy(net);
                for (TrainingObserver observer : observers) {
                    observer.onEpoch(epochMetrics);
                }
                if (hp.earlyStoppingPatience() > 0 && epochMetrics.hasValidation()) {
                    if (epochMetrics.validationLoss() < bestValidationLoss) {
                        bestValidationLoss = epochMetrics.validationLoss();
                        bestParams = net.params().dup();
                        epochsWithoutImprovement = 0;
                    } else if (++epochsWithoutImprovement >= hp.earlyStoppingPatience()) {
                        net.setParams(bestParams);
                        return new TrainingOutcome(TrainingOutcome.Status.EARLY_STOPPED,
                                "validation loss did not improve for " + hp.earlyStoppingPatience()
                                        + " epochs; kept the best epoch's network", net, history);
                    }
                }
            }
            return new TrainingOutcome(TrainingOutcome.Status.COMPLETED,
                    "trained " + hp.epochs() + " epochs", net, history);
        } finally {
            try {
                blasThreads.close();
            } finally {
                net.setListeners(new ArrayList<>());
            }
        }
    }

    private MultiLayerNetwork prepareNetwork(HyperParameters hp) {
        if (request.startFrom() == null) {
            return NetworkFactory.build(request.preset(), hp);
        }
        // Fine-tuning: work on a copy (the original may be in use elsewhere), restart the schedule.
        MultiLayerNetwork net = NetworkFactory.copy(request.startFrom());
        net.getLayerWiseConfigurations().setEpochCount(0);
        net.getLayerWiseConfigurations().setIterationCount(0);
        net.setLearningRate(new ExponentialSchedule(ScheduleType.EPOCH, hp.learningRate(), hp.learningRateDecay()));
        return net;
    }

    /** Blocks while paused; false when a stop was asked for. */
    private boolean awaitNotPaused() {
        if (!paused) {
            return !stopRequested;
        }
        lock.lock();
        try {
            while (paused && !stopRequested) {
                resumed.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
        return !stopRequested;
    }

    private static MultiLayerNetwork detachedCopy(MultiLayerNetwork net) {
        MultiLayerNetwork copy = NetworkFactory.copy(net);
        copy.setListeners(new ArrayList<>());
        return copy;
    }

    private static int[] labelIndices(DataSet batch) {
        return batch.getLabels().argMax(1).toIntVector();
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (e instanceof OutOfMemoryError) {
            return "out of memory (try a smaller batch size or network)";
        }
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
