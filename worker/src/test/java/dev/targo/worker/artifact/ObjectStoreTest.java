package dev.targo.worker.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store that refuses a request before it has read the body, as S3 servers do when the signature
 * is wrong: it answers 403 and closes the connection, so the client can only say that it could not
 * write. The upload's error must still carry the store's own words.
 */
@Timeout(60)
class ObjectStoreTest {
  private static final String REFUSAL =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SignatureDoesNotMatch</Code>"
          + "<Message>The request signature we calculated does not match the signature you"
          + " provided.</Message></Error>";

  @TempDir Path dir;
  private ServerSocket server;
  private final CopyOnWriteArrayList<String> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual()
        .start(
            () -> {
              while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                  refuse(s);
                } catch (IOException closed) {
                  // the client hung up, or the test is over
                }
              }
            });
  }

  /** Reads the request line and headers, never the body, answers 403 and closes. */
  private void refuse(Socket s) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
    String line = in.readLine();
    requests.add(line);
    while (line != null && !line.isEmpty()) {
      line = in.readLine();
    }
    byte[] body = REFUSAL.getBytes(StandardCharsets.UTF_8);
    OutputStream out = s.getOutputStream();
    out.write(
        ("HTTP/1.1 403 Forbidden\r\nContent-Type: application/xml\r\nContent-Length: "
                + body.length
                + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  @Test
  void anUploadCutShortByARefusalSaysWhatTheStoreAnswered() throws Exception {
    Path big = dir.resolve("big");
    Files.write(big, new byte[32 * 1024 * 1024]);
    try (ObjectStore store =
        new ObjectStore("127.0.0.1:" + server.getLocalPort(), true, null, "a", "wrong")) {
      assertThatThrownBy(() -> store.put("b", "k", big))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("SignatureDoesNotMatch");
    }
    assertThat(requests).anyMatch(r -> r.startsWith("PUT /b/k"));
  }
}
