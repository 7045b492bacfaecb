package io.honkerj.jdbi.worker;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor that runs handlers: a virtual thread per runner when the runtime has them (Java 21+, found
 * reflectively so the library still targets 17), else one platform thread per runner.
 */
final class WorkerThreads {
    private WorkerThreads() {}

    static ExecutorService newExecutor(String name, int threads) {
        try {
            Method m = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return (ExecutorService) m.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Executors.newFixedThreadPool(threads, named(name, false));
        }
    }

    static ThreadFactory named(String name, boolean daemon) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(daemon);
            return t;
        };
    }
}
