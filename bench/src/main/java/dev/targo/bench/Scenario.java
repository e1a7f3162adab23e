package dev.targo.bench;

import java.util.List;

/** One row group of the table. */
public interface Scenario {

  /** The scenario's number in the table. */
  int number();

  /** A few words: what it measures. */
  String title();

  /** Runs it and returns its figures; a leg that cannot run here is a skipped {@link Result}. */
  List<Result> run(Bench bench) throws Exception;
}
