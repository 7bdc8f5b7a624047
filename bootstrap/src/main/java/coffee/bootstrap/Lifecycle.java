package coffee.bootstrap;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a role until the process is asked to stop (SIGINT, SIGTERM), then stops it in order on
 * the main thread, whatever asked.
 *
 * <p>The shutdown hook only signals the main thread and then holds the JVM open: the JVM would
 * otherwise exit (with 143) the moment the hook returns, racing the main thread's orderly stop
 * and losing its last log lines. The main thread ends the process itself through
 * {@link #exit(int)} once everything is closed and flushed, with the command's own exit code.
 *
 * <p>A stop asked for while a role still waits for Kafka at start-up ends the wait at once
 * ({@link #pauseUnlessStopped}): the role closes what it opened, and the command ends with 0,
 * instead of waiting up to a minute for a Kafka no one wants any more. The rest of a start is
 * short and runs to its end, then the role stops the usual way.
 */
final class Lifecycle {

    /**
     * A role's start and stop lines: ready, where it listens, stopping, stopped. {@link Logging}
     * keeps this logger at INFO whatever {@code LOG_LEVEL} says, so even a log quietened to
     * warnings shows where a role listens and when it stopped.
     */
    static final System.Logger ANNOUNCE = System.getLogger(Lifecycle.class.getName());
    private static final System.Logger LOG = System.getLogger(Lifecycle.class.getName() + ".start");
    /** Longer than any role needs to stop; past it the JVM exits anyway. */
    private static final long STOP_PATIENCE_SECONDS = 60;
    /** Never released: the hook holds the JVM until halt() or its patience runs out. */
    private static final CountDownLatch EXIT_ALLOWED = new CountDownLatch(1);
    private static volatile boolean shuttingDown;
    /** Released when the process is asked to stop. */
    private static final CountDownLatch STOP_ASKED = new CountDownLatch(1);

    private Lifecycle() {
    }

    static void runUntilStopped(Callable<? extends AutoCloseable> start) throws Exception {
        CountDownLatch stopRequested = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            shuttingDown = true;
            STOP_ASKED.countDown();
            stopRequested.countDown();
            try {
                EXIT_ALLOWED.await(STOP_PATIENCE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        AutoCloseable role;
        try {
            role = start.call();
        } catch (Exception | Error e) {
            if (!stoppedWhileStarting(e, shuttingDown)) {
                removeHook(hook);
                throw e;
            }
            ANNOUNCE.log(Level.INFO, "stopped before it was ready");
            LOG.log(Level.DEBUG, "the start ended with", e);
            return;
        }
        stopRequested.await();
        ANNOUNCE.log(Level.INFO, "stopping");
        role.close();
    }

    /**
     * Whether a start that failed so was really stopped: by a stop asked for while it waited, or
     * by anything it did after a stop was asked for. Once the JVM shuts down, libraries fail in
     * ways of their own (Helidon's web client cannot add its shutdown hook and its class fails to
     * initialise); that is the stop the user asked for, not an error to report with exit code 1.
     */
    static boolean stoppedWhileStarting(Throwable failure, boolean stopAsked) {
        return failure instanceof StoppedWhileStarting || stopAsked;
    }

    /**
     * Waits up to {@code pause} unless the process is asked to stop meanwhile, for a start-up
     * that waits for something: throws as soon as a stop is asked for.
     *
     * @throws StoppedWhileStarting when a stop was asked for, before or during the pause
     */
    static void pauseUnlessStopped(Duration pause) throws InterruptedException {
        if (STOP_ASKED.await(pause.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new StoppedWhileStarting();
        }
    }

    /** The process was asked to stop while a role was starting; not a failure. */
    static final class StoppedWhileStarting extends InterruptedException {

        StoppedWhileStarting() {
            super("stopped while starting");
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // a signal came during start-up: exit() below ends the process
        }
    }

    /**
     * Stops this process in order, as SIGTERM would, when the process {@code pid} ends: a Kafka
     * node of {@code coffee broker --nodes 3} goes with the process that started it, even one
     * killed with SIGKILL, instead of holding its ports as an orphan.
     */
    static void stopWhenEnds(long pid) {
        ProcessHandle.of(pid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> System.exit(0)),
                () -> System.exit(0));
    }

    /** Ends the process with {@code code}; the last thing {@code main} does. */
    static void exit(int code) {
        if (shuttingDown) {
            // the JVM is already exiting (exit() would block): end it now, with our code. The hook
            // is not released first: the moment it returns, the JVM would exit with 143 instead
            Runtime.getRuntime().halt(code);
        }
        System.exit(code);
    }
}
