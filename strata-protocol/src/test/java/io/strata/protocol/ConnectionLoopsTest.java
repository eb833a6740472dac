package io.strata.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link ConnectionLoops}: a loop and a thread of its own per connection, gone when the connection closes. */
class ConnectionLoopsTest {

    @Test
    void eachChannelRunsOnAThreadOfItsOwnThatEndsWithIt() throws Exception {
        ConnectionLoops loops = new ConnectionLoops("test-conn-");
        try {
            NioSocketChannel a = new NioSocketChannel();
            NioSocketChannel b = new NioSocketChannel();
            loops.register(a).sync();
            loops.register(b).sync();
            Thread ta = a.eventLoop().submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
            Thread tb = b.eventLoop().submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
            assertThat(ta).isNotSameAs(tb);
            // Netty's thread class: its thread-locals (buffer pool cache, recyclers) are fields, freed with the thread
            assertThat(ta).isInstanceOf(FastThreadLocalThread.class);
            assertThat(ta.getName()).startsWith("test-conn-");
            assertThat(ta.isDaemon()).isTrue();

            a.close().sync();
            ta.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(ta.isAlive()).as("the closed channel's thread ends").isFalse();
            assertThat(tb.isAlive()).isTrue();
            b.close().sync();
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
