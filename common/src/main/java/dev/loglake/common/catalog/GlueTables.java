package dev.loglake.common.catalog;

import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Puts table definitions into the Glue Data Catalog: GetTable, then CreateTable when the table is
 * missing, UpdateTable when it differs, nothing when it is already right. Credentials come from the
 * SDK's default chain (the job's IAM role: glue:GetTable, CreateTable and UpdateTable on the
 * database and its tables).
 */
final class GlueTables implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GlueTables.class);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  private final GlueClient glue;

  GlueTables(GlueCatalogSettings settings) {
    var builder =
        GlueClient.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT));
    settings.region().map(Region::of).ifPresent(builder::region);
    settings.endpoint().ifPresent(builder::endpointOverride);
    this.glue = builder.build();
  }

  /** Makes {@code database.<wanted name>} the {@code wanted} table; true when the catalog changed. */
  boolean put(String database, TableInput wanted) {
    Optional<Table> current = get(database, wanted.name());
    if (current.isEmpty()) {
      try {
        glue.createTable(r -> r.databaseName(database).tableInput(wanted));
      } catch (EntityNotFoundException e) {
        throw new IllegalStateException("the Glue database '" + database + "' does not exist (" + e.awsErrorDetails()
            .errorMessage() + "); create it (scripts/aws/loglake.yaml does) or set loglake.catalog.databases.* to"
            + " an existing one", e);
      }
      return true;
    }
    TableInput merged = GlueDeltaTable.merged(wanted, current.get());
    if (GlueDeltaTable.matches(current.get(), merged)) {
      return false;
    }
    LOG.info("Updating the Glue table {}.{} to its Delta schema and location", database, wanted.name());
    glue.updateTable(r -> r.databaseName(database).tableInput(merged));
    return true;
  }

  private Optional<Table> get(String database, String table) {
    try {
      return Optional.of(glue.getTable(r -> r.databaseName(database).name(table)).table());
    } catch (EntityNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    glue.close();
  }
}
