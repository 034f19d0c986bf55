package dev.faultlock.cli;

import dev.faultlock.catalog.Rule;
import dev.faultlock.catalog.RulePages;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code faultlock explain RULE}: prints the rule's page, which javac's {@code (see ...)} line
 * points to, so a finding explains itself wherever faultlock is installed, with no web site.
 */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    header = "Print a rule's page: what it finds, why it deadlocks, how to fix it.",
    footer = {"", "Example:", "  faultlock explain FaultUnderLock"})
final class ExplainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RULE", description = "A rule id, as in [FaultUnderLock].")
  String ruleId;

  @Override
  public Integer call() {
    Rule rule =
        Rule.byId(ruleId)
            .orElseThrow(
                () ->
                    new ParameterException(
                        spec.commandLine(),
                        "no rule named '"
                            + ruleId
                            + "'; the rules are "
                            + Stream.of(Rule.values())
                                .map(Rule::id)
                                .collect(Collectors.joining(", "))));
    spec.commandLine().getOut().print(RulePages.markdown(rule));
    spec.commandLine().getOut().flush();
    return Main.OK;
  }
}
