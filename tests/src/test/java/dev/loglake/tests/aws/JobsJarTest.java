package dev.loglake.tests.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazon.deequ.VerificationSuite;
import dev.loglake.jobs.core.Jobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The deployable jar (jobs/target/loglake-jobs-*.jar, built by {@code mvn package -pl jobs -am}):
 * nothing Glue 5.0 or EMR 7 provide is inside, and what they lack is, relocated where needed.
 */
class JobsJarTest {

  @Test
  void carriesOurJobsAndNoPlatformClasses() throws IOException {
    Path jar = Path.of(System.getProperty("loglake.jobs.jar", "../jobs/target/loglake-jobs-0.1.0-SNAPSHOT.jar"));
    assertThat(Files.isRegularFile(jar)).as(
        "build the jar first: mvn -q -DskipTests package -pl jobs -am (looked for " + jar + ")").isTrue();
    Set<String> entries = entries(jar);
    Set<String> deequOwnSpark = new TreeSet<>();
    Path deequ = Path.of(VerificationSuite.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    for (String e : entries(deequ)) {
      if (e.startsWith("org/apache/spark/") && e.endsWith(".class")) {
        deequOwnSpark.add(e);
      }
    }

    List<String> platform = new ArrayList<>();
    for (String e : entries) {
      if (!e.endsWith(".class")) {
        continue;
      }
      boolean spark = e.startsWith("org/apache/spark/") && !deequOwnSpark.contains(e);
      if (spark || e.startsWith("org/apache/hadoop/") || e.startsWith("scala/") || e.startsWith("io/delta/")
          || e.startsWith("com/typesafe/config/")) {
        platform.add(e);
      }
    }
    long size = Files.size(jar);
    System.out.printf("jobs jar %s: %,d bytes (%.1f MiB), %,d entries, %d Deequ classes in org/apache/spark%n",
        jar.getFileName(), size, size / 1048576.0, entries.size(), deequOwnSpark.size());

    assertThat(platform).as("Spark/Hadoop/Scala/Delta/unrelocated Typesafe Config classes").isEmpty();
    assertThat(deequOwnSpark).as("Deequ ships a few classes in Spark's packages").isNotEmpty();
    Jobs.all().forEach(j ->
        assertThat(entries).contains(j.getClass().getName().replace('.', '/') + ".class"));
    assertThat(entries).contains("dev/loglake/jobs/core/JobRunner.class",
        "dev/loglake/shaded/com/typesafe/config/ConfigFactory.class",
        "com/amazon/deequ/VerificationSuite.class", "conf/application.conf", "conf/env/aws.conf",
        "software/amazon/awssdk/services/cloudwatch/CloudWatchClient.class",
        "software/amazon/awssdk/services/glue/GlueClient.class",
        "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class",
        "reference.conf");
    assertThat(entries.stream().filter(e -> e.startsWith("com/typesafe/config/"))).isEmpty();
    assertThat(size).as("jar size").isLessThan(100L * 1024 * 1024);
  }

  private static Set<String> entries(Path jar) throws IOException {
    Set<String> out = new TreeSet<>();
    try (JarFile f = new JarFile(jar.toFile())) {
      Enumeration<JarEntry> en = f.entries();
      while (en.hasMoreElements()) {
        out.add(en.nextElement().getName());
      }
    }
    return out;
  }
}
