package dev.loglake.jobs.rawtoprocessed;

import java.util.List;
import java.util.Map;

/** Some datasets failed; the others were ingested. Carries every dataset's outcome. */
final class DatasetsFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  DatasetsFailedException(List<String> failed, Map<String, Object> outcomes) {
    super("raw-to-processed failed for dataset(s) " + failed + "; the others were ingested. Outcomes: " + outcomes);
  }
}
