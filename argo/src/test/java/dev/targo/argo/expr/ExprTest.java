package dev.targo.argo.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExprTest {

  /** Argo's scope after a failed attempt: every value a string. */
  private static final Map<String, Object> SCOPE =
      Map.of(
          "retries", "2",
          "lastRetry.exitCode", "3",
          "lastRetry.status", "Failed",
          "lastRetry.duration", "6.5",
          "lastRetry.message", "main: Error (exit code 3)");

  private static Object eval(String source) {
    return Expr.parse(source).evaluate(SCOPE);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " => ",
      quoteCharacter = '`',
      value = {
        "asInt(lastRetry.exitCode) > 1 && lastRetry.status != \"Error\" && asFloat(lastRetry.duration) < 120 => true",
        "asInt(lastRetry.exitCode) > 3 => false",
        "lastRetry.status == 'Failed' and not (retries == '5') => true",
        "lastRetry.status == \"Error\" || lastRetry.status == \"Failed\" => true",
        "lastRetry.status == \"Error\" or false => false",
        "!true => false",
        "not false => true",
        "1 + 2 * 3 => 7",
        "(1 + 2) * 3 => 9",
        "7 % 3 => 1",
        "-7 % 3 => -1",
        "2 ** 3 ** 2 => 512.0",
        "2 ^ 3 => 8.0",
        "7 / 2 => 3.5",
        "6 / 2 => 3.0",
        "1 + 2.5 => 3.5",
        "-(1 + 2) => -3",
        "1 < 2 < 3 => true",
        "3 > 2 > 2 => false",
        "1 <= 1 && 2 >= 3 => false",
        "1 == 1.0 => true",
        "\"a\" + 'b' => ab",
        "'abc' < 'abd' => true",
        "lastRetry.message contains 'exit code' => true",
        "lastRetry.message startsWith 'main' => true",
        "lastRetry.message endsWith '3)' => true",
        "lastRetry.message not contains 'OOM' => true",
        "lastRetry.message matches 'exit code [0-9]+' => true",
        "lastRetry.message matches '^exit' => false",
        "lastRetry.message not matches '^exit' => true",
        "lastRetry.exitCode in ['1', '3'] => true",
        "asInt(lastRetry.exitCode) in [1, 2] => false",
        "asInt(lastRetry.exitCode) not in [1, 2] => true",
        "true ? 'yes' : 'no' => yes",
        "false ? 1 : 2 > 1 ? 'x' : 'y' => x",
        "asInt(retries) > 1 ? 'late' : 'early' => late",
        "len(lastRetry.status) => 6",
        "lower(lastRetry.status) == 'failed' => true",
        "upper('ab') => AB",
        "trim('  a ') => a",
        "string(asFloat(lastRetry.duration)) => 6.5",
        "int(lastRetry.exitCode) + 1 => 4",
        "float('2') / 4 => 0.5",
        "asInt(6.9) => 6",
        "lastRetry.missing == nil => true",
        "lastRetry.exitCode == 3 => false",
        "0x1F + 1_000 => 1031",
        "1e3 => 1000.0",
        "'tab\\there' => tab\there",
        "\"quote\\\"d\" => quote\"d",
        "'\\u00e9' => é",
        "retries /* a comment */ == '2' => true",
        "['a', 1][1] => 1",
      })
  void evaluatesLikeExprLang(String source, String expected) {
    assertThat(String.valueOf(eval(source))).isEqualTo(expected);
  }

  @Test
  void evaluatesArgosDocumentedExampleToTrueOnAShortFailure() {
    Map<String, Object> scope =
        Map.of(
            "retries", "0",
            "lastRetry.exitCode", "2",
            "lastRetry.status", "Failed",
            "lastRetry.duration", "6",
            "lastRetry.message", "main: Error (exit code 2)");
    Expr e =
        Expr.parse(
            "asInt(lastRetry.exitCode) > 1 && lastRetry.status != \"Error\" && asInt(lastRetry.duration) < 120");
    assertThat(e.evaluateBool(scope)).isTrue();
  }

  @Test
  void argosDocumentedExampleFailsOnAFractionalDuration() {
    Expr e = Expr.parse("asInt(lastRetry.exitCode) > 1 && asInt(lastRetry.duration) < 120");
    ExprException ex = catchThrowableOfType(ExprException.class, () -> e.evaluateBool(SCOPE));
    assertThat(ex.getMessage()).isEqualTo("invalid operation: int(6.5)");
    assertThat(ex.column()).isEqualTo(34);
    assertThat(ex.argoText())
        .isEqualTo(
            "unable to evaluate expression 'asInt(lastRetry.exitCode) > 1 && asInt(lastRetry.duration) < 120': "
                + "invalid operation: int(6.5) (1:34)\n"
                + " | asInt(lastRetry.exitCode) > 1 && asInt(lastRetry.duration) < 120\n"
                + " | "
                + ".".repeat(33)
                + "^");
  }

  @Test
  void comparingAStringNameWithAnIntIsACompileError() {
    ExprException ex = catchThrowableOfType(ExprException.class, () -> eval("retries == 1"));
    assertThat(ex.argoText())
        .isEqualTo(
            "invalid operation: == (mismatched types string and int) (1:9)\n"
                + " | retries == 1\n"
                + " | ........^");
  }

  @Test
  void orderingAStringMemberAgainstAnIntFailsWhenEvaluated() {
    assertThatThrownBy(() -> eval("lastRetry.exitCode > 1"))
        .isInstanceOf(ExprException.class)
        .hasMessage("invalid operation: string > int");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " => ",
      quoteCharacter = '`',
      value = {
        "unknown > 1 => unknown name unknown => 1",
        "'a' + 1 => invalid operation: + (mismatched types string and int) => 5",
        "!'a' => invalid operation: ! (mismatched type string) => 1",
        "retries && true => invalid operation: && (mismatched types string and bool) => 9",
        "nope(1) => unknown name nope => 1",
        "asInt() => not enough arguments to call asInt => 1",
        "asInt(1, 2) => too many arguments to call asInt => 1",
        "len(1) => invalid argument for len (type int) => 1",
        "retries.x => type string has no field x => 9",
        "1 ? 2 : 3 => non-bool expression (type int) used as condition => 1",
        "'a' matches '(' => error parsing regexp: Unclosed group: `(` => 5",
        "1 % 2.0 => invalid operation: % (mismatched types int and float64) => 3",
        "1 in 'abc' => invalid operation: in (mismatched types int and string) => 3",
        "lastRetry.exitCode contains 1 => invalid operation: contains (mismatched types interface {} and int) => 20",
      })
  void reportsTypeErrorsBeforeEvaluating(String source, String message, int column) {
    ExprException ex = catchThrowableOfType(ExprException.class, () -> eval(source));
    assertThat(ex.getMessage()).isEqualTo(message);
    assertThat(ex.column()).isEqualTo(column);
    assertThat(ex.argoText()).startsWith(message + " (1:" + column + ")");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " => ",
      quoteCharacter = '`',
      value = {
        "asInt('x') => invalid operation: int(x)",
        "asFloat('1.2.3') => invalid operation: float(1.2.3)",
        "asInt(lastRetry.missing) => invalid operation: int(<nil>)",
        "asInt(retries) % 0 => runtime error: integer divide by zero",
        "lastRetry.status && true => interface conversion: interface {} is string, not bool",
        "lastRetry.exitCode + 1 => invalid operation: string + int",
        "1 in lastRetry.status => operator \"in\" not defined on string",
        "asInt(retries) contains lastRetry.status => interface conversion: interface {} is int, not string",
        "['a'][3] => index out of range: 3 (array length is 1)",
      })
  void reportsEvaluationErrorsWithArgosPrefix(String source, String message) {
    ExprException ex = catchThrowableOfType(ExprException.class, () -> eval(source));
    assertThat(ex.getMessage()).isEqualTo(message);
    assertThat(ex.argoText())
        .startsWith("unable to evaluate expression '" + source + "': " + message + " (1:");
  }

  @Test
  void nonBooleanResultCannotBeCastToBool() {
    assertThatThrownBy(() -> Expr.parse("asInt(retries)").evaluateBool(SCOPE))
        .isInstanceOf(ExprException.class)
        .hasMessage("unable to cast expression result '%!s(int=2)' to bool");
  }

  @Test
  void stringResultCannotBeCastToBool() {
    assertThatThrownBy(() -> Expr.parse("lastRetry.status").evaluateBool(SCOPE))
        .hasMessage("unable to cast expression result 'Failed' to bool");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " => ",
      quoteCharacter = '`',
      value = {
        "a > => unexpected token EOF => 3",
        "a > > b => unexpected token Operator(\">\") => 5",
        "(a => unexpected token EOF => 2",
        "a b => unexpected token Identifier(\"b\") => 3",
        "a @ b => unrecognized character: U+0040 '@' => 3",
        "a not b => unexpected token Identifier(\"b\") => 7",
        "1a => bad number syntax: \"1a\" => 2",
        "a .. b => unexpected token Operator(\"..\") => 3",
        "x.y() => method calls are not supported by targo => 3",
      })
  void reportsSyntaxErrorsWithTheirColumn(String source, String message, int column) {
    ExprException ex = catchThrowableOfType(ExprException.class, () -> Expr.parse(source));
    assertThat(ex.getMessage()).isEqualTo(message);
    assertThat(ex.column()).isEqualTo(column);
  }

  @Test
  void unterminatedStringIsReportedPastItsEnd() {
    ExprException ex = catchThrowableOfType(ExprException.class, () -> Expr.parse("'open"));
    assertThat(ex.getMessage()).isEqualTo("literal not terminated");
    assertThat(ex.column()).isEqualTo(6);
  }

  @Test
  void emptyExpressionIsAnUnexpectedEnd() {
    ExprException ex = catchThrowableOfType(ExprException.class, () -> Expr.parse(""));
    assertThat(ex.argoText()).isEqualTo("unexpected token EOF");
  }

  @Test
  void columnsCountCharactersNotBytes() {
    ExprException ex = catchThrowableOfType(ExprException.class, () -> Expr.parse("'é' +"));
    assertThat(ex.column()).isEqualTo(5);
  }

  @Test
  void errorsOnLaterLinesReportTheirLine() {
    ExprException ex =
        catchThrowableOfType(ExprException.class, () -> Expr.parse("true &&\n  a >"));
    assertThat(ex.line()).isEqualTo(2);
    assertThat(ex.argoText()).isEqualTo("unexpected token EOF (2:5)\n |   a >\n | ....^");
  }

  @Test
  void refusesOverlongInput() {
    assertThatThrownBy(() -> Expr.parse("1+".repeat(6000) + "1"))
        .isInstanceOf(ExprException.class)
        .hasMessage("expression is too long (12001 characters, at most 10000)");
  }

  @Test
  void refusesDeepNesting() {
    assertThatThrownBy(() -> Expr.parse("(".repeat(150) + "1" + ")".repeat(150)))
        .isInstanceOf(ExprException.class)
        .hasMessage("expression is nested too deeply (more than 100 levels)");
  }

  @Test
  void refusesDeeplyNestedUnaryOperators() {
    assertThatThrownBy(() -> Expr.parse("!".repeat(5000) + "true"))
        .isInstanceOf(ExprException.class)
        .hasMessage("expression is nested too deeply (more than 100 levels)");
  }

  @Test
  void cutsOffCatastrophicRegularExpressions() {
    Map<String, Object> scope = Map.of("s", "a".repeat(40) + "!");
    assertThatThrownBy(() -> Expr.parse("s matches '(.*a){25}'").evaluate(scope))
        .isInstanceOf(ExprException.class)
        .hasMessage("regular expression too expensive to evaluate (more than 1000000 steps)");
  }

  @Test
  void checkFindsCompileErrorsWithoutEvaluating() {
    Expr e = Expr.parse("asInt('not a number') > 1 && retries == 1");
    assertThatThrownBy(() -> e.check(SCOPE))
        .hasMessage("invalid operation: == (mismatched types string and int)");
  }

  @Test
  void scopeAcceptsJavaNumbersAndLists() {
    Map<String, Object> scope = Map.of("n", 3, "f", 1.5f, "xs", List.of(1, 2));
    assertThat(Expr.parse("n * f").evaluate(scope)).isEqualTo(4.5);
    assertThat(Expr.parse("3 in xs").evaluate(scope)).isEqualTo(false);
  }

  @Test
  void evaluationIsRepeatable() {
    Expr e = Expr.parse("asInt(retries) + 1");
    assertThat(e.evaluate(SCOPE)).isEqualTo(3L);
    assertThat(e.evaluate(SCOPE)).isEqualTo(3L);
  }
}
