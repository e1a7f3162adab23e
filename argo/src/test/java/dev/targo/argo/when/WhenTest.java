package dev.targo.argo.when;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WhenTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiterString = " => ",
      quoteCharacter = '#',
      textBlock =
          """
          heads == heads => true
          tails == heads => false
          Succeeded != Succeeded => false
          Failed != Succeeded => true
          5 > 3 => true
          10 > 9 => true
          '10' > '9' => false
          "b" >= "a" => true
          2.5 <= 2.5 => true
          1 == 1 && 2 > 1 => true
          1 == 2 || 2 == 2 => true
          true || 1 => true
          false && 1 => false
          (1 + 2) * 3 == 9 => true
          2 ** 3 ** 2 == 64 => true
          10 - 4 - 3 == 3 => true
          7 % 4 == 3 => true
          'abc' =~ '^a.c$' => true
          'foo' !~ 'o+' => false
          2 in (1, 2, 3) => true
          four in (one, two) => false
          !(1 == 2) => true
          -1 < 0 => true
          1 / 0 > 1000 => true
          'a' + 1 == a1 => true
          0x1F == 31 => true
          (1 > 2 ? a : b) == b => true
          3 == '3' => false
          true => true
          it\\'s == 'it\\'s' => true
          """)
  void evaluatesConditionsAsGovaluateDoes(String when, boolean expected) {
    assertThat(When.shouldExecute(when)).isEqualTo(expected);
  }

  @Test
  void emptyConditionRuns() {
    assertThat(When.shouldExecute("")).isTrue();
    assertThat(When.shouldExecute(null)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " => ",
      quoteCharacter = '#',
      textBlock =
          """
          hello world == x => Invalid 'when' expression 'hello world == x': Cannot transition token types from VARIABLE [hello] to VARIABLE [world] => 6
          1 == => Invalid 'when' expression '1 ==': Unexpected end of expression => 2
          (1 == 1 => Invalid 'when' expression '(1 == 1': Unbalanced parenthesis => 0
          1 == 1) => Invalid 'when' expression '1 == 1)': Unbalanced parenthesis => 6
          1 = 1 => Invalid 'when' expression '1 = 1': Invalid token: '=' (hint: try wrapping the affected expression in quotes (")) => 2
          x == 'open => Invalid 'when' expression 'x == 'open': Unclosed string literal => 5
          v1.b == x => Invalid 'when' expression 'v1.b == x': Unable to access unexported field 'b' in token 'v1.b' => 0
          x == a. => Invalid 'when' expression 'x == a.': Hanging accessor on token 'a.' => 5
          f(1) == 1 => Invalid 'when' expression 'f(1) == 1': Undefined function f => 0
          1 (2) == 1 => Invalid 'when' expression '1 (2) == 1': Cannot transition token types from NUMERIC [1] to CLAUSE [40] => 2
          !heads => Failed to parse 'when' expression '!heads': Cannot transition token types from PREFIX [!] to STRING [heads] => 1
          x =~ '(' => Failed to parse 'when' expression 'x =~ '('': error parsing regexp: Unclosed group: `(` => 5
          """)
  void reportsSyntaxErrorsWithArgosMessageAndTheOffendingOffset(
      String when, String message, int offset) {
    WhenException e = catchThrowableOfType(WhenException.class, () -> When.checkSyntax(when));

    assertThat(e).hasMessage(message);
    assertThat(e.offset()).isEqualTo(offset);
  }

  @Test
  void aNumberThatIsNotOneIsASyntaxErrorWithGovaluatesTrailingNewline() {
    assertThatThrownBy(() -> When.shouldExecute("1.2.3 == 1"))
        .isInstanceOf(WhenException.class)
        .hasMessage(
            "Invalid 'when' expression '1.2.3 == 1': Unable to parse numeric value '1.2.3' to"
                + " float64\n");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " => ",
      quoteCharacter = '#',
      textBlock =
          """
          a > 1 => Failed to evaluate 'when' expresion 'a > 1': Value 'a' cannot be used with the comparator '>', it is not a number
          false || 1 => Failed to evaluate 'when' expresion 'false || 1': Value '1' cannot be used with the logical operator '||', it is not a bool
          a - 1 == 0 => Failed to evaluate 'when' expresion 'a - 1 == 0': Value 'a' cannot be used with the modifier '-', it is not a number
          2 in (3) => Failed to evaluate 'when' expresion '2 in (3)': Value '3' cannot be used with the comparator 'in', it is not a number
          a.B == x => Failed to evaluate 'when' expresion 'a.B == x': No parameter 'a' found.
          1 ? a : b => Failed to evaluate 'when' expresion '1 ? a : b': Value '1' cannot be used with the ternary operator '?', it is not a bool
          3 => Expected boolean evaluation for '3'. Got 3
          1.5 + 1 => Expected boolean evaluation for '1.5 + 1'. Got 2.5
          """)
  void reportsEvaluationErrorsWithArgosMessage(String when, String message) {
    assertThatThrownBy(() -> When.shouldExecute(when))
        .isInstanceOf(WhenException.class)
        .hasMessage(message);
  }

  @Test
  void syntaxCheckDoesNotEvaluate() {
    When.checkSyntax("a > 1");

    assertThatThrownBy(() -> When.shouldExecute("a > 1")).isInstanceOf(WhenException.class);
  }
}
