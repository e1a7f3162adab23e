package dev.targo.argo.pod;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Argo's {@code SaveParameters}: exactly one trailing newline trimmed. */
class SavedParametersTest {

  @ParameterizedTest(name = "[{0}] is saved as [{1}]")
  @CsvSource(
      delimiter = '|',
      value = {
        "hello\\n|hello",
        "hello\\n\\n|hello\\n",
        "hello|hello",
        "\\n|''",
        "''|''",
        "a\\r\\n|a\\r",
        "two\\nlines\\n|two\\nlines",
        "' spaced \\n'|' spaced '"
      })
  void trimsExactlyOneTrailingNewline(String written, String saved) {
    assertThat(SavedParameters.saved(unescape(written))).isEqualTo(unescape(saved));
  }

  private static String unescape(String s) {
    return s.replace("\\n", "\n").replace("\\r", "\r");
  }
}
