package dev.targo.bench.jmh;

import dev.targo.translator.Translation;
import dev.targo.translator.Translator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Scenario 7's JMH benchmark: parse, validate and plan a generated workflow ({@link
 * GeneratedWorkflow}) with {@link Translator#translate}, as {@code targo submit} does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TranslatorBenchmark {

  @Param({"1000"})
  public int templates;

  @Param({"5000"})
  public int tasks;

  private String yaml;

  @Setup
  public void generate() {
    yaml = GeneratedWorkflow.yaml(templates, tasks);
    if (!(Translator.translate("generated.yaml", yaml) instanceof Translation.Ok)) {
      throw new IllegalStateException("the generated workflow does not translate");
    }
  }

  @Benchmark
  public Translation translate() {
    return Translator.translate("generated.yaml", yaml);
  }
}
