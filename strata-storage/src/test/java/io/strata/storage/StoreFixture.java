package io.strata.storage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A fresh store per test, in the directory kind a subclass names (real files or an in-memory file system),
 * and the page helpers the scenario suites share: a page is 4 KiB of bytes seeded by an int.
 */
abstract class StoreFixture {
    static final int PAGE = 4096;
    Path dir;
    PageStore store;

    abstract StoreDirs dirs();

    @BeforeEach
    void open() throws Exception {
        dir = dirs().newDir();
        store = PageStore.open(dir, StoreDirs.testOptions());
    }

    @AfterEach
    void close() throws Exception {
        store.close();
        StoreDirs.release(dir);
    }

    static byte[] page(int seed) {
        byte[] b = new byte[PAGE];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    static void writePage(Volume v, long pageNo, int seed) {
        v.write(ByteBuffer.wrap(page(seed)), pageNo * PAGE);
    }

    static byte[] readPage(Volume v, long pageNo) {
        ByteBuffer b = ByteBuffer.allocate(PAGE);
        v.read(b, pageNo * PAGE);
        return b.array();
    }

    static byte[] readPage(VolumeView v, long pageNo) {
        ByteBuffer b = ByteBuffer.allocate(PAGE);
        v.read(b, pageNo * PAGE);
        return b.array();
    }

    Volume create(String name) {
        return store.createVolume(name, VolumeOptions.withRetention(Duration.ofHours(1)));
    }
}
