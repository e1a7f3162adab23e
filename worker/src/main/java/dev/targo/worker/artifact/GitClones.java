package dev.targo.worker.artifact;

import dev.targo.argo.plan.Artifact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Argo's {@code git} input artifacts ({@code workflow/artifacts/git}): the repository cloned with
 * this machine's {@code git} ({@code depth}, {@code branch} with {@code singleBranch}, submodules
 * unless {@code disableSubmodules}), then {@code revision} checked out. No credentials: private
 * repositories are not supported yet (their secret fields are refused at lint).
 */
final class GitClones {
  private GitClones() {}

  private static final long TIMEOUT_MINUTES = 30;

  static void clone(Artifact.Git git, Path dir) throws IOException {
    List<String> clone = new ArrayList<>(List.of("git", "clone", "--quiet"));
    if (git.depth() != null && git.depth() > 0) {
      clone.addAll(List.of("--depth", git.depth().toString()));
    }
    if (git.branch() != null && !git.branch().isEmpty()) {
      clone.addAll(List.of("--branch", git.branch()));
    }
    if (Boolean.TRUE.equals(git.singleBranch())) {
      clone.add("--single-branch");
    }
    if (!Boolean.TRUE.equals(git.disableSubmodules())) {
      clone.add("--recurse-submodules");
    }
    clone.addAll(List.of("--", git.repo(), dir.toString()));
    run(clone, null);
    if (git.revision() != null && !git.revision().isEmpty()) {
      run(List.of("git", "checkout", "--quiet", git.revision(), "--"), dir);
    }
  }

  private static void run(List<String> command, Path dir) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (dir != null) {
      builder.directory(dir.toFile());
    }
    // Never ask for credentials on a terminal the worker does not have.
    builder.environment().put("GIT_TERMINAL_PROMPT", "0");
    Process p;
    try {
      p = builder.start();
    } catch (IOException e) {
      throw new IOException("git is not installed on this worker: " + e.getMessage(), e);
    }
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    try {
      if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " took longer than 30 minutes");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    }
    if (p.exitValue() != 0) {
      String text = new String(out, StandardCharsets.UTF_8).strip();
      throw new IOException(
          String.join(" ", command.subList(0, 2))
              + " failed (exit "
              + p.exitValue()
              + "): "
              + text);
    }
  }
}
