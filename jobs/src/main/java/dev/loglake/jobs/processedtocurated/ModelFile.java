package dev.loglake.jobs.processedtocurated;

import java.util.Optional;

/**
 * The text of one model as found on disk or in the jar: {@code <name>.sql} and its optional sibling
 * {@code <name>.conf}.
 *
 * @param name the model (curated table) name
 * @param origin where the SQL file is, for messages
 * @param sql the SQL file's text
 * @param conf the sibling .conf file's text, when there is one
 */
public record ModelFile(String name, String origin, String sql, Optional<String> conf) {}
