package io.strata.control.testing;

import io.strata.storage.Volume;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Test helpers: does an endpoint answer; write and read small records in a volume. */
public final class Probe {
    /** Each record takes one 64-byte slot of the volume: slot n holds record n, zero-padded. */
    public static final int SLOT = 64;

    private Probe() {
    }

    /** True iff something accepts a TCP connection on 127.0.0.1:port and sends its first line. */
    public static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            s.setSoTimeout(2_000);
            return s.getInputStream().read() >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first line the endpoint on {@code port} sends (the volume name for {@link TcpClusterRuntime}). */
    public static String greeting(int port) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(2_000);
            InputStream in = s.getInputStream();
            StringBuilder sb = new StringBuilder();
            for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
                sb.append((char) c);
            }
            return sb.toString();
        }
    }

    /** Sends one command line to the {@link TcpClusterRuntime} endpoint on {@code port}; returns its answer line. */
    public static String send(int port, String command) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            in.readLine();
            s.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            return in.readLine();
        }
    }

    /** Writes {@code text} into slot {@code n} and marks a durable point (as the engine does at a commit). */
    public static void put(Volume v, int n, String text) {
        byte[] b = new byte[SLOT];
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(t, 0, b, 0, Math.min(t.length, SLOT));
        v.write(ByteBuffer.wrap(b), (long) n * SLOT);
        v.mark();
    }

    /** The text in slot {@code n}, or "" when the slot is empty or past the end. */
    public static String get(Volume v, int n) {
        ByteBuffer b = ByteBuffer.allocate(SLOT);
        int read = v.read(b, (long) n * SLOT);
        if (read <= 0) {
            return "";
        }
        int len = 0;
        while (len < read && b.get(len) != 0) {
            len++;
        }
        return new String(b.array(), 0, len, StandardCharsets.UTF_8);
    }
}
