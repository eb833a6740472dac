package io.strata.protocol;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/** A minimal hand-written client (no TLS, mysql_native_password) for sending malformed commands. */
final class RawClient {
    private RawClient() {}

    static Socket login(int port, String user, String password) throws Exception {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(5000);
        InputStream in = s.getInputStream();
        byte[] greeting = read(in);
        int p = 1;
        while (greeting[p] != 0) p++; // server version
        p += 1 + 4;
        byte[] nonce = new byte[20];
        System.arraycopy(greeting, p, nonce, 0, 8);
        p += 8 + 1 + 2 + 1 + 2 + 2 + 1 + 10;
        System.arraycopy(greeting, p, nonce, 8, 12);
        ByteArrayOutputStream r = new ByteArrayOutputStream();
        int caps = 0x200 | 0x8000 | 0x80000; // PROTOCOL_41, SECURE_CONNECTION, PLUGIN_AUTH
        r.write(new byte[] {(byte) caps, (byte) (caps >> 8), (byte) (caps >> 16), 0, 0, 0, 0, 1, 45});
        r.write(new byte[23]);
        r.write(user.getBytes(StandardCharsets.UTF_8));
        r.write(0);
        byte[] auth = nativeScramble(password, nonce);
        r.write(auth.length);
        r.write(auth);
        r.write("mysql_native_password".getBytes(StandardCharsets.US_ASCII));
        r.write(0);
        write(s.getOutputStream(), 1, r.toByteArray());
        byte[] reply = read(in);
        while (reply[0] == (byte) 0xFE) { // auth switch to mysql_native_password
            byte[] newNonce = Arrays.copyOfRange(reply, 1 + "mysql_native_password".length() + 1,
                    1 + "mysql_native_password".length() + 1 + 20);
            write(s.getOutputStream(), 3, nativeScramble(password, newNonce));
            reply = read(in);
        }
        if (reply[0] != 0) throw new IllegalStateException("login failed: " + new String(reply, StandardCharsets.UTF_8));
        return s;
    }

    static byte[] nativeScramble(String password, byte[] nonce) throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        byte[] s1 = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
        byte[] s2 = sha1.digest(s1);
        sha1.update(nonce);
        byte[] s3 = sha1.digest(s2);
        for (int i = 0; i < s1.length; i++) s1[i] ^= s3[i];
        return s1;
    }

    static void write(OutputStream out, int seq, byte[] payload) throws Exception {
        out.write(new byte[] {(byte) payload.length, (byte) (payload.length >> 8), (byte) (payload.length >> 16), (byte) seq});
        out.write(payload);
        out.flush();
    }

    static byte[] read(InputStream in) throws Exception {
        DataInputStream d = new DataInputStream(in);
        int len = d.readUnsignedByte() | d.readUnsignedByte() << 8 | d.readUnsignedByte() << 16;
        d.readUnsignedByte();
        byte[] payload = new byte[len];
        d.readFully(payload);
        return payload;
    }
}
