package dev.faultlock.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RulePagesTest {
  // A link to a relative address leads nowhere once the page is shipped outside the repository.
  private static final Pattern RELATIVE_LINK = Pattern.compile("\\]\\((?!https?:|#)[^)]*\\)");

  @ParameterizedTest
  @EnumSource(Rule.class)
  void everyRuleShipsItsPageFromDocsRules(Rule rule) throws Exception {
    String page = RulePages.markdown(rule);

    assertThat(page).startsWith("# " + rule.id() + "\n");
    // Built from the repository's one copy, not a second one kept by hand.
    assertThat(page).isEqualTo(Files.readString(Path.of("..").resolve(rule.docPath())));
    assertThat(RELATIVE_LINK.matcher(page).find()).as("relative link in " + rule.id()).isFalse();
  }
}
