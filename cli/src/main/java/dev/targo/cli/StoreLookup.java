package dev.targo.cli;

import dev.targo.cli.client.TemplateStore;
import dev.targo.cli.connect.ConnectionOptions;
import dev.targo.cli.connect.TemporalConnection;
import dev.targo.translator.Document;
import dev.targo.translator.TemplateLookup;

/**
 * The template store as a lookup for commands that work without Temporal ({@code lint}): it
 * connects on the first template it is asked for, and when Temporal cannot be reached it finds
 * nothing and says why in {@link #incomplete()}.
 */
final class StoreLookup implements TemplateLookup, AutoCloseable {
  private final ConnectionOptions options;
  private TemporalConnection connection;
  private TemplateLookup store;
  private String unreachable;

  StoreLookup(ConnectionOptions options) {
    this.options = options;
  }

  @Override
  public Document find(boolean cluster, String namespace, String name) {
    if (store == null && unreachable == null) {
      try {
        connection = TemporalConnection.open(options);
        store = new TemplateStore(connection.client(), connection.taskQueue()).lookup();
      } catch (UserError e) {
        unreachable = e.getMessage();
      }
    }
    return store == null ? null : store.find(cluster, namespace, name);
  }

  @Override
  public String incomplete() {
    return unreachable == null
        ? null
        : "not among the files given, and the template store could not be asked: " + unreachable;
  }

  @Override
  public void close() {
    if (connection != null) {
      connection.close();
    }
  }
}
