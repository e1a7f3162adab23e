package dev.targo.bench.scenario;

import dev.targo.bench.Bench;
import dev.targo.bench.Result;
import dev.targo.bench.Scenario;
import dev.targo.bench.Target;
import dev.targo.bench.jmh.GeneratedWorkflow;
import dev.targo.bench.jmh.TranslatorBenchmark;
import dev.targo.translator.Translation;
import dev.targo.translator.Translator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Scenario 7: the translator (parse + validate + plan) on a generated workflow of 1,000 templates
 * and 5,000 DAG tasks, measured by JMH in a forked JVM (average time per translation after
 * warm-up), and once as the first call in the suite's JVM for comparison.
 */
public final class TranslatorTime implements Scenario {
  static final Target TIME = Target.atMost(100);
  static final int TEMPLATES = 1_000;
  static final int TASKS = 5_000;

  @Override
  public int number() {
    return 7;
  }

  @Override
  public String title() {
    return "translator, generated workflow of 1,000 templates and 5,000 DAG tasks (JMH)";
  }

  @Override
  public List<Result> run(Bench bench) throws Exception {
    String scenario = "7 translator, 1,000 templates / 5,000 tasks";
    String yaml = GeneratedWorkflow.yaml(TEMPLATES, TASKS);
    long t0 = System.nanoTime();
    Translation first = Translator.translate("generated.yaml", yaml);
    double cold = (System.nanoTime() - t0) / 1e6;
    if (!(first instanceof Translation.Ok)) {
      throw new IllegalStateException("generated workflow rejected: " + first.all());
    }
    int iterations = bench.size(5, 1);
    Collection<RunResult> results =
        new Runner(
                new OptionsBuilder()
                    .include(TranslatorBenchmark.class.getName())
                    .forks(1)
                    .warmupIterations(bench.size(3, 1))
                    .warmupTime(TimeValue.seconds(bench.size(2, 1)))
                    .measurementIterations(iterations)
                    .measurementTime(TimeValue.seconds(bench.size(2, 1)))
                    .verbosity(VerboseMode.SILENT)
                    .build())
            .run();
    double score = results.iterator().next().getPrimaryResult().getScore();
    double error = results.iterator().next().getPrimaryResult().getScoreError();
    bench.progress(
        "7 translator: "
            + Math.round(score)
            + " ms per translation (JMH), "
            + Math.round(cold)
            + " ms on a first call, "
            + yaml.length() / 1024
            + " KiB of YAML");
    List<Result> out = new ArrayList<>();
    out.add(
        new Result(
            scenario,
            "parse + validate + plan (JMH average, warm)",
            score,
            "ms",
            TIME,
            null,
            Double.isNaN(error) ? null : "+/- " + Math.round(error) + " ms (99.9 %)"));
    out.add(Result.info(scenario, "the same, first call in the suite JVM", cold, "ms"));
    return out;
  }
}
