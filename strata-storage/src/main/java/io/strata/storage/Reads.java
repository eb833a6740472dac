package io.strata.storage;

import io.strata.storage.index.Timeline;
import io.strata.storage.log.Loc;
import io.strata.storage.log.LogRecord;
import io.strata.storage.log.SegmentGoneException;

import java.nio.ByteBuffer;

/** The read path shared by a volume's head and its point-in-time views. */
final class Reads {
    private static final int RETRIES = 8;

    private Reads() {
    }

    /**
     * Reads from {@code t} as of {@code lsn} into {@code dst} at byte {@code pos}, with FileChannel's contract:
     * -1 at or past the end, else min(remaining, size - pos) bytes.
     */
    static int read(PageStore store, String volume, Timeline t, long lsn, ByteBuffer dst, long pos) {
        long size = t.sizeAt(lsn);
        if (pos >= size) {
            return -1;
        }
        int n = (int) Math.min(dst.remaining(), size - pos);
        byte[] page = new byte[PageCodec.PAGE];
        int done = 0;
        while (done < n) {
            long at = pos + done;
            long pageNo = at / PageCodec.PAGE;
            int inPage = (int) (at % PageCodec.PAGE);
            int len = Math.min(n - done, PageCodec.PAGE - inPage);
            readPage(store, volume, t, lsn, pageNo, page);
            dst.put(page, inPage, len);
            done += len;
        }
        return n;
    }

    /** The page's content as of {@code lsn}; zeros if never written. */
    static void readPage(PageStore store, String volume, Timeline t, long lsn, long pageNo, byte[] page) {
        for (int attempt = 0; ; attempt++) {
            long loc = t.resolve(pageNo, lsn);
            if (loc == Loc.ZERO || loc == Loc.NONE) {
                java.util.Arrays.fill(page, (byte) 0);
                return;
            }
            try {
                LogRecord r = store.log.read(loc);
                PageCodec.decode(r.flags(), r.payload(), page);
                return;
            } catch (SegmentGoneException e) {
                // GC moved the record after we looked it up: the index already has its new place.
                if (attempt >= RETRIES) {
                    throw new StorageException("page " + pageNo + " of volume " + volume + " kept moving during GC");
                }
                t.clearInheritedCache();
            } catch (CorruptDataException e) {
                throw new CorruptDataException("corrupt page " + pageNo + " of volume " + volume + " in "
                        + store.log.fileOf(loc) + ": " + e.getMessage());
            } catch (StorageException e) {
                throw new StorageException("cannot read page " + pageNo + " of volume " + volume + " from "
                        + store.log.fileOf(loc) + ": " + e.getMessage(), e);
            }
        }
    }
}
