package org.trustgov.gateway;

/**
 * How many event loops (Reactor Netty I/O threads) serve the gateway's connections, both the callers' and the pooled
 * ones towards the services: {@code TRUSTGOV_GATEWAY_EVENT_LOOPS}, by default one per processor the JVM may use (in a
 * container, its CPU limit). Reactor Netty's own default is at least four, which on a one- or two-core pod only adds
 * thread switches. A proxied request whose pooled connection belongs to another loop is handed between threads
 * twice; with one loop it never is, so where the gateway shares a small machine with the services (the local run,
 * a single VM) one loop serves more requests per CPU second: see "Figures" in the README.
 * <p>
 * Reactor Netty reads its setting once, when its resources are first created, so this runs before Spring starts.
 * A {@code -Dreactor.netty.ioWorkerCount} given on the command line wins.
 */
final class EventLoops {

    static final String VARIABLE = "TRUSTGOV_GATEWAY_EVENT_LOOPS";
    static final String REACTOR_NETTY_PROPERTY = "reactor.netty.ioWorkerCount";
    static final int MAX = 256;

    private EventLoops() {}

    static void configure(String configured) {
        if (System.getProperty(REACTOR_NETTY_PROPERTY) == null) {
            System.setProperty(
                    REACTOR_NETTY_PROPERTY,
                    Integer.toString(count(configured, Runtime.getRuntime().availableProcessors())));
        }
    }

    /** The loops to run: the configured number, or one per processor when none is configured. */
    static int count(String configured, int processors) {
        if (configured == null || configured.isBlank()) {
            return Math.max(1, Math.min(processors, MAX));
        }
        try {
            int loops = Integer.parseInt(configured.strip());
            if (loops >= 1 && loops <= MAX) {
                return loops;
            }
        } catch (NumberFormatException notANumber) {
            // refused below, with the same message
        }
        throw new IllegalArgumentException(
                VARIABLE + " must be a whole number from 1 to " + MAX + ", not '" + configured + "'");
    }
}
