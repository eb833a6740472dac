package io.strata.engine.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.storage.PageStore;
import io.strata.storage.Volume;
import io.strata.storage.VolumeOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.h2.store.fs.FilePath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrataFilePathTest {

    @TempDir
    Path dir;
    PageStore store;
    Volume volume;
    AttachedVolume attached;

    @BeforeEach
    void setUp() {
        store = PageStore.open(dir);
        volume = store.createVolume("v", VolumeOptions.defaults());
        attached = VolumeRegistry.attach(volume, true);
    }

    @AfterEach
    void tearDown() {
        VolumeRegistry.detach(attached);
        store.close();
    }

    @Test
    void theMainFileIsTheVolumeAfterItsRedoRegion() throws IOException {
        FilePath main = FilePath.get(attached.databaseName() + ".mv.db");
        assertThat(main.exists()).isFalse();
        try (FileChannel ch = main.open("rw")) {
            ch.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.ISO_8859_1)), 4096);
            assertThat(ch.size()).isEqualTo(4101);
            ByteBuffer sub = ByteBuffer.allocate(3);
            assertThat(ch.read(sub, 4097)).isEqualTo(3);
            assertThat(new String(sub.array(), StandardCharsets.ISO_8859_1)).isEqualTo("ell");
            assertThat(ch.read(ByteBuffer.allocate(8), 5000)).isEqualTo(-1);
            ch.truncate(4098);
        }
        assertThat(volume.size()).isEqualTo(RedoRegion.SIZE + 4098);
        ByteBuffer onVolume = ByteBuffer.allocate(5);
        volume.read(onVolume, RedoRegion.SIZE + 4096);
        assertThat(new String(onVolume.array(), 0, 2, StandardCharsets.ISO_8859_1)).isEqualTo("he");
        assertThat(main.exists()).isTrue();
        assertThat(FilePath.get("strata:").newDirectoryStream()).extracting(FilePath::getName)
                .contains(attached.key() + ".mv.db");
    }

    @Test
    void onlyOneChannelHoldsTheFileLock() throws IOException {
        FilePath main = FilePath.get(attached.databaseName() + ".mv.db");
        try (FileChannel first = main.open("rw"); FileChannel second = main.open("rw")) {
            FileLock lock = first.tryLock(0, Long.MAX_VALUE, false);
            assertThat(lock).isNotNull();
            assertThat(lock.isValid()).isTrue();
            assertThat(second.tryLock(0, Long.MAX_VALUE, false)).isNull();
            lock.release();
            assertThat(second.tryLock(0, Long.MAX_VALUE, false)).isNotNull();
        }
    }

    @Test
    void sideFilesNeverTouchTheVolume() throws IOException {
        FilePath trace = FilePath.get(attached.databaseName() + ".trace.db");
        try (FileChannel ch = trace.open("rw")) {
            ch.write(ByteBuffer.wrap("trace line\n".getBytes(StandardCharsets.ISO_8859_1)));
        }
        assertThat(trace.exists()).isTrue();
        assertThat(volume.size()).isZero();
        trace.delete();
        assertThat(trace.exists()).isFalse();
    }

    @Test
    void aFileWithNoAttachedVolumeCannotBeOpened() {
        assertThatThrownBy(() -> FilePath.get("strata:nosuch.mv.db").open("rw"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no volume is attached");
    }

    @Test
    void aVolumeIsAttachedAtMostOnce() {
        Volume sameVolume = store.volume("v").orElseThrow();
        assertThatThrownBy(() -> VolumeRegistry.attach(sameVolume, true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already attached");
    }
}
