package dev.loglake.jobs.sample;

import java.util.List;

/**
 * One backend service behind the load balancer: its listener rule, target group and targets.
 *
 * @param name service name; the target group is {@code <name>-tg}
 * @param targetGroupArn full ARN of the target group
 * @param targets {@code ip:port} of the registered targets
 * @param rulePriority priority of the listener rule that routes {@code /api/v1/<name>...} here
 * @param medianLatencyMs typical target processing time
 * @param resources sub-resources used to build realistic paths
 */
record AlbApi(
    String name,
    String targetGroupArn,
    List<String> targets,
    int rulePriority,
    int medianLatencyMs,
    List<String> resources) {

  AlbApi {
    targets = List.copyOf(targets);
    resources = List.copyOf(resources);
  }
}
