package dev.faultlock.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/** The OASIS SARIF 2.1.0 schema (draft-04), from the test resources, with format checks on. */
public final class SarifSchema {
  private static final JsonSchema SCHEMA = load();

  private SarifSchema() {}

  /** What is wrong with {@code log}; empty when it is valid SARIF 2.1.0. */
  public static Set<ValidationMessage> validate(JsonNode log) {
    return SCHEMA.validate(log);
  }

  private static JsonSchema load() {
    try (InputStream in = SarifSchema.class.getResourceAsStream("sarif-schema-2.1.0.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
          .getSchema(in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
