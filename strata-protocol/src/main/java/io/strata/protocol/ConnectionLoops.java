package io.strata.protocol;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.AbstractEventExecutorGroup;
import io.netty.util.concurrent.DefaultPromise;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.Promise;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The event loops of client connections: one thread per connection, as MySQL and MariaDB run by default
 * ({@code thread_handling=one-thread-per-connection}). Each accepted channel is registered with an event loop
 * of its own, which reads the connection's packets, runs its statements and writes the responses, all on
 * that one thread, so a statement costs no hand-over between threads (measured: an event loop and a worker
 * pool cost two thread wake-ups per statement, which on one CPU made a point select 15% slower than
 * MariaDB's). A statement may block its thread (a lock wait, {@code SLEEP}, a commit's fsync): that blocks
 * only its own connection, since no other channel shares the loop. The loop ends when its channel closes.
 *
 * <p>Only {@link #register(Channel)} (what {@code ServerBootstrap} calls for each accepted channel) makes
 * sense for this group; {@link #next()} and the {@code ExecutorService} methods use a shared fallback loop
 * that no connection runs on.
 *
 * <p>Thread-safe.
 */
final class ConnectionLoops extends AbstractEventExecutorGroup implements EventLoopGroup {
    private final ThreadFactory threads;
    private final Set<NioEventLoopGroup> live = ConcurrentHashMap.newKeySet();
    private final NioEventLoopGroup fallback;
    private final Promise<Void> terminated = new DefaultPromise<>(GlobalEventExecutor.INSTANCE);
    private volatile boolean shuttingDown;

    ConnectionLoops(String threadPrefix) {
        AtomicLong n = new AtomicLong();
        // Netty's own thread class: its thread-locals (the buffer pool's per-thread cache, the recyclers) are
        // fields rather than ThreadLocal look-ups, and are released when the connection's thread ends.
        this.threads = r -> {
            Thread t = new FastThreadLocalThread(r, threadPrefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.fallback = new NioEventLoopGroup(1, threads);
    }

    /** Registers {@code channel} with a new event loop of its own, shut down when the channel closes. */
    @Override
    public ChannelFuture register(Channel channel) {
        if (shuttingDown) {
            return channel.newFailedFuture(new IllegalStateException("the server is stopping"));
        }
        NioEventLoopGroup own = new NioEventLoopGroup(1, threads);
        live.add(own);
        ChannelFuture registered = own.register(channel);
        channel.closeFuture().addListener(f -> {
            live.remove(own);
            own.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        });
        return registered;
    }

    @Override
    public ChannelFuture register(ChannelPromise promise) {
        return register(promise.channel()).addListener(f -> {
            if (f.isSuccess()) promise.setSuccess();
            else promise.setFailure(f.cause());
        });
    }

    @Override
    @Deprecated
    public ChannelFuture register(Channel channel, ChannelPromise promise) {
        return register(promise);
    }

    @Override
    public EventLoop next() {
        return fallback.next();
    }

    @Override
    public Iterator<EventExecutor> iterator() {
        List<EventExecutor> all = new ArrayList<>();
        for (NioEventLoopGroup g : live) g.forEach(all::add);
        fallback.forEach(all::add);
        return all.iterator();
    }

    @Override
    public boolean isShuttingDown() {
        return shuttingDown;
    }

    /** Shuts every connection loop and the fallback down; completes {@link #terminationFuture} when all ended. */
    @Override
    public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
        shuttingDown = true;
        List<Future<?>> ends = new ArrayList<>();
        for (NioEventLoopGroup g : live) ends.add(g.shutdownGracefully(quietPeriod, timeout, unit));
        ends.add(fallback.shutdownGracefully(quietPeriod, timeout, unit));
        AtomicLong remaining = new AtomicLong(ends.size());
        for (Future<?> f : ends) {
            f.addListener(x -> {
                if (remaining.decrementAndGet() == 0) terminated.trySuccess(null);
            });
        }
        return terminated;
    }

    @Override
    public Future<?> terminationFuture() {
        return terminated;
    }

    @Override
    @Deprecated
    public void shutdown() {
        shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }

    @Override
    public boolean isShutdown() {
        return shuttingDown && fallback.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return terminated.isDone();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }
}
