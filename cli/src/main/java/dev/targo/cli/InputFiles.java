package dev.targo.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a workflow file, or standard input for {@code -}, with a bounded size. */
public final class InputFiles {
  private InputFiles() {}

  /** Larger inputs are refused before parsing; the translator has its own, smaller limits. */
  static final int MAX_BYTES = 8 * 1024 * 1024;

  /** The display name used in problems: the path as given, or {@code <stdin>}. */
  public static String displayName(String path) {
    return "-".equals(path) ? "<stdin>" : path;
  }

  /** The text of {@code path} ({@code -} = {@code stdin}); a {@link UserError} when unreadable. */
  public static String read(String path, InputStream stdin) {
    try {
      if ("-".equals(path)) {
        return decode(stdin.readNBytes(MAX_BYTES + 1), path);
      }
      Path file = Path.of(path);
      if (Files.isDirectory(file)) {
        throw new UserError(ExitCodes.BAD_INPUT, path + ": is a directory, not a workflow file");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw tooLarge(path);
      }
      return decode(Files.readAllBytes(file), path);
    } catch (NoSuchFileException e) {
      throw new UserError(ExitCodes.BAD_INPUT, path + ": no such file");
    } catch (IOException e) {
      throw new UserError(ExitCodes.BAD_INPUT, path + ": cannot read: " + e.getMessage());
    }
  }

  private static String decode(byte[] bytes, String path) {
    if (bytes.length > MAX_BYTES) {
      throw tooLarge(path);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static UserError tooLarge(String path) {
    return new UserError(
        ExitCodes.BAD_INPUT,
        displayName(path) + ": larger than " + (MAX_BYTES / (1024 * 1024)) + " MiB, not read");
  }
}
