package io.strata.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multi-page {@link Volume#write} is one log write (one record per page, appended together): what it
 * reads back, what survives a crash, and what a torn tail of such a write leaves.
 */
class MultiPageWriteTest {

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] read(Volume v, long pos, int n) {
        ByteBuffer dst = ByteBuffer.allocate(n);
        v.read(dst, pos);
        return dst.array();
    }

    @Test
    void aWriteOfSeveralPagesIsOneLogWriteAndReadsBack(@TempDir Path dir) {
        byte[] data = bytes(5 * 4096 + 100, 1);
        try (PageStore store = PageStore.open(dir, StoreDirs.testOptions())) {
            Volume v = store.createVolume("d", VolumeOptions.defaults());
            v.write(ByteBuffer.wrap(bytes(8192, 2)), 0);
            long writes = store.logWrites();
            v.write(ByteBuffer.wrap(data), 1000); // unaligned: 7 pages, the first and last partial
            assertThat(store.logWrites() - writes).isEqualTo(1);
            assertThat(read(v, 1000, data.length)).isEqualTo(data);
            assertThat(read(v, 0, 1000)).isEqualTo(java.util.Arrays.copyOf(bytes(8192, 2), 1000));
            v.mark();
        }
        try (PageStore store = PageStore.open(dir, StoreDirs.testOptions())) {
            Volume v = store.volume("d").orElseThrow();
            assertThat(read(v, 1000, data.length)).isEqualTo(data);
            assertThat(v.size()).isEqualTo(1000 + data.length);
        }
    }

    @Test
    void aWriteLongerThanOneRecordLocationCanSayIsStillOneLogWrite(@TempDir Path dir) {
        byte[] data = bytes(64 * 4096, 7); // a 256 KiB chunk, as H2 writes during a bulk load
        StoreOptions options = StoreDirs.testOptions().withSegmentBytes(4 << 20); // it fits the segment
        try (PageStore store = PageStore.open(dir, options)) {
            Volume v = store.createVolume("d", VolumeOptions.defaults());
            long writes = store.logWrites();
            v.write(ByteBuffer.wrap(data), 4096);
            assertThat(store.logWrites() - writes).isEqualTo(1);
            v.mark();
            assertThat(read(v, 4096, data.length)).isEqualTo(data);
        }
        try (PageStore store = PageStore.open(dir, options)) {
            assertThat(read(store.volume("d").orElseThrow(), 4096, data.length)).isEqualTo(data);
        }
    }

    @Test
    void aTornMultiPageWriteAfterTheLastPointLeavesThatPoint(@TempDir Path dir) throws Exception {
        byte[] first = bytes(4 * 4096, 3);
        byte[] second = bytes(4 * 4096, 4);
        try (PageStore store = PageStore.open(dir, StoreDirs.testOptions())) {
            Volume v = store.createVolume("d", VolumeOptions.defaults());
            v.write(ByteBuffer.wrap(first), 0);
            v.mark();
            v.write(ByteBuffer.wrap(second), 0);
            store.abandon(); // a crash: the second write has no point
        }
        Path segment;
        try (Stream<Path> files = Files.walk(dir)) {
            segment = files.filter(p -> p.toString().endsWith(".seg")).max(Comparator.naturalOrder()).orElseThrow();
        }
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 3000); // torn inside the last page record of the second write
        }
        try (PageStore store = PageStore.open(dir, StoreDirs.testOptions())) {
            Volume v = store.volume("d").orElseThrow();
            try (VolumeView view = v.openView(v.latestPoint().lsn())) {
                ByteBuffer dst = ByteBuffer.allocate(first.length);
                view.read(dst, 0);
                assertThat(dst.array()).isEqualTo(first);
            }
        }
    }

    @Test
    void aWriteThatDoesNotFitTheSegmentSpansTwo(@TempDir Path dir) {
        byte[] data = bytes(24 * 4096, 5); // random: LZ4 cannot shrink it, 24 records of ~4 KiB
        StoreOptions small = StoreDirs.testOptions().withSegmentBytes(64 * 1024);
        try (PageStore store = PageStore.open(dir, small)) {
            Volume v = store.createVolume("d", VolumeOptions.defaults());
            v.write(ByteBuffer.wrap(bytes(4096, 6)), 0); // the segment is not empty: the write must roll it
            v.write(ByteBuffer.wrap(data), 0);
            v.mark();
            assertThat(read(v, 0, data.length)).isEqualTo(data);
        }
        try (PageStore store = PageStore.open(dir, small)) {
            assertThat(read(store.volume("d").orElseThrow(), 0, data.length)).isEqualTo(data);
        }
    }
}
