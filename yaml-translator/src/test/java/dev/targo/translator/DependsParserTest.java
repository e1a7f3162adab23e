package dev.targo.translator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.targo.argo.plan.TaskResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DependsParserTest {

  @Test
  void notBindsTighterThanAndWhichBindsTighterThanOr() {
    DependsParser.Term term = DependsParser.parse("!a || b.Failed && c");

    assertThat(term)
        .isEqualTo(
            new DependsParser.Or(
                new DependsParser.Not(new DependsParser.Name("a", null, 1)),
                new DependsParser.And(
                    new DependsParser.Name("b", TaskResult.Failed, 6),
                    new DependsParser.Name("c", null, 18))));
  }

  @Test
  void parenthesesGroupAndNamesKeepTheirHyphens() {
    DependsParser.Term term = DependsParser.parse("(task-1 || b) && !(c.AllFailed)");

    assertThat(DependsParser.names(term))
        .extracting(DependsParser.Name::task)
        .containsExactly("task-1", "b", "c");
    assertThat(term).isInstanceOf(DependsParser.And.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " => ",
      quoteCharacter = '#',
      textBlock =
          """
          a &&             => expected a task name at the end                                 => 4
          a b              => expected `&&`, `||` or the end, found `b`                         => 2
          (a || b          => the `(` at column 1 is never closed                               => 0
          (a || b c)       => expected `)`, found `c)`                                         => 8
          && a             => expected a task name, found `&&`                                  => 0
          a & b            => expected `&&`, `||` or the end, found `&`                         => 2
          """)
  void reportsSyntaxErrorsWithTheirOffset(String text, String message, int offset) {
    DependsParser.Error e =
        catchThrowableOfType(DependsParser.Error.class, () -> DependsParser.parse(text));

    assertThat(e).hasMessage(message);
    assertThat(e.offset).isEqualTo(offset);
  }

  @Test
  void anUnknownResultIsAnErrorWithASuggestion() {
    DependsParser.Error e =
        catchThrowableOfType(DependsParser.Error.class, () -> DependsParser.parse("a.Faild"));

    assertThat(e)
        .hasMessage(
            "task result `Faild` for task `a` is invalid; use one of Succeeded, Failed, Errored,"
                + " Skipped, Omitted, Daemoned, AnySucceeded, AllFailed; did you mean `Failed`?");
    assertThat(e.offset).isEqualTo(2);
  }
}
