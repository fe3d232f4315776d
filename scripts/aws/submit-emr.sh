#!/usr/bin/env bash
# submit-emr.sh: run one loglake job as a one-off step on an EMR 7 (EC2) cluster, through
# command-runner.jar and spark-submit.
#
#   scripts/aws/submit-emr.sh --cluster-id j-XXXX --job JOB --jar s3://BUCKET/KEY.jar
#                             [--stack NAME] [--region REGION] [--wait] [--dry-run] [-- JOB ARGS ...]
#
# JOB is raw-to-processed, quality, processed-to-curated, alb-status, pipeline or generate-sample-data.
# --stack NAME reads the zone buckets from the outputs of the deployed loglake stack and passes
# them as --loglake.aws.<zone>-bucket; without it, pass them yourself after --. Everything after --
# goes to the job (e.g. -- --date 2024-03-10). The cluster needs the Delta application (emr-7.8.0
# matches Glue 5.0: Spark 3.5.4, Delta 3.3.0). --dry-run prints the commands and the step, calls nothing.
# The step runs spark-submit in cluster deploy mode: the job's stdout (its SUMMARY line) is in the
# YARN container logs under the cluster's log URI, which the script prints after submitting.

set -euo pipefail

cluster=""
job=""
jar=""
stack=""
region="${AWS_REGION:-${AWS_DEFAULT_REGION:-}}"
wait_for_step=false
dry_run=false
job_args=()

# The comment block at the top of this file, without its '#'.
usage() { awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "${BASH_SOURCE[0]}"; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --cluster-id) cluster="$2"; shift 2 ;;
    --job) job="$2"; shift 2 ;;
    --jar) jar="$2"; shift 2 ;;
    --stack) stack="$2"; shift 2 ;;
    --region) region="$2"; shift 2 ;;
    --wait) wait_for_step=true; shift ;;
    --dry-run) dry_run=true; shift ;;
    -h|--help) usage; exit 0 ;;
    --) shift; job_args=("$@"); break ;;
    *) echo "submit-emr: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

case "$job" in
  raw-to-processed)     class=dev.loglake.jobs.rawtoprocessed.RawToProcessedJob ;;
  quality)              class=dev.loglake.jobs.quality.QualityJob ;;
  processed-to-curated) class=dev.loglake.jobs.processedtocurated.ProcessedToCuratedJob ;;
  alb-status)           class=dev.loglake.jobs.albstatus.AlbStatusJob ;;
  pipeline)             class=dev.loglake.jobs.pipeline.PipelineJob ;;
  generate-sample-data) class=dev.loglake.jobs.sample.GenerateSampleDataJob ;;
  *) echo "submit-emr: --job must be one of raw-to-processed, quality, processed-to-curated, alb-status," \
          "pipeline, generate-sample-data; got '$job'" >&2; exit 2 ;;
esac
[[ -n "$cluster" ]] || { echo "submit-emr: --cluster-id is required (aws emr list-clusters --active)" >&2; exit 2; }
[[ "$jar" == s3://*.jar ]] || { echo "submit-emr: --jar must be an s3://...jar (deploy.sh prints the JarKey it uploaded)" >&2; exit 2; }
if ! $dry_run && ! command -v aws >/dev/null 2>&1; then
  echo "submit-emr: the AWS CLI ('aws') is not installed or not on PATH; --dry-run shows the commands." >&2
  exit 2
fi

aws_args=()
[[ -n "$region" ]] && aws_args+=(--region "$region")

run() {
  printf '+'; printf ' %q' "$@"; printf '\n'
  if ! $dry_run; then "$@"; fi
}

# The zone buckets, from the stack's outputs.
bucket_args=()
if [[ -n "$stack" ]]; then
  for zone in raw processed curated quality report; do
    output="$(tr '[:lower:]' '[:upper:]' <<< "${zone:0:1}")${zone:1}Bucket"
    [[ "$zone" == report ]] && output="ReportsBucket"
    query="Stacks[0].Outputs[?OutputKey=='$output'].OutputValue"
    if $dry_run; then
      run aws "${aws_args[@]+"${aws_args[@]}"}" cloudformation describe-stacks --stack-name "$stack" --query "$query" --output text
      value="<$output of $stack>"
    else
      value="$(aws "${aws_args[@]+"${aws_args[@]}"}" cloudformation describe-stacks --stack-name "$stack" --query "$query" --output text)"
    fi
    bucket_args+=("--loglake.aws.$zone-bucket" "$value")
  done
fi

json_string() {
  local s="$1"
  s="${s//\\/\\\\}"
  s="${s//\"/\\\"}"
  printf '"%s"' "$s"
}

step_args=(
  spark-submit --deploy-mode cluster --class "$class"
  --jars /usr/share/aws/delta/lib/delta-spark.jar,/usr/share/aws/delta/lib/delta-storage.jar
  --conf spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension
  --conf spark.sql.catalog.spark_catalog=org.apache.spark.sql.delta.catalog.DeltaCatalog
  # The Glue Data Catalog as the Hive metastore; without catalogImplementation=hive Spark keeps the
  # tables the job registers in an in-memory catalog.
  --conf spark.sql.catalogImplementation=hive
  --conf spark.hadoop.hive.metastore.client.factory.class=com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory
  "$jar" --env aws
)
[[ -n "$region" ]] && step_args+=(--loglake.aws.region "$region")
step_args+=("${bucket_args[@]+"${bucket_args[@]}"}" "${job_args[@]+"${job_args[@]}"}")

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
{
  printf '[{"Type": "CUSTOM_JAR", "Name": %s, "ActionOnFailure": "CONTINUE", "Jar": "command-runner.jar", "Args": [' \
    "$(json_string "loglake $job")"
  sep=""
  for a in "${step_args[@]}"; do printf '%s%s' "$sep" "$(json_string "$a")"; sep=", "; done
  printf ']}]\n'
} > "$tmp/steps.json"
echo "Step (steps.json):"
cat "$tmp/steps.json"

# Where the step's output lands. In cluster deploy mode the driver runs in the application's first
# YARN container, so its stdout is in the container logs, not in the step's logs; EMR uploads both
# to <log URI>/<cluster id>/ every 5 minutes
# (https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-manage-view-web-log-files.html).
print_log_locations() {
  local step="$1" log_uri="$2"
  local base="${log_uri%/}/$cluster"
  echo "The job's stdout, with its SUMMARY line: $base/containers/<application id>/<container id>/stdout.gz"
  echo "  (the driver is the application's first container, container_..._01_000001; the application id,"
  echo "  application_..., is in the step's spark-submit output: $base/steps/$step/stderr.gz)."
}

if $dry_run; then
  run aws "${aws_args[@]+"${aws_args[@]}"}" emr add-steps --cluster-id "$cluster" --steps "file://$tmp/steps.json" \
    --query 'StepIds[0]' --output text
  $wait_for_step && run aws "${aws_args[@]+"${aws_args[@]}"}" emr wait step-complete --cluster-id "$cluster" --step-id "<step id>"
  print_log_locations "<step id>" "<LogUri of $cluster>"
  echo "(dry run: no step was submitted)"
  exit 0
fi
printf '+ aws emr add-steps --cluster-id %q --steps file://%s\n' "$cluster" "$tmp/steps.json"
step_id="$(aws "${aws_args[@]+"${aws_args[@]}"}" emr add-steps --cluster-id "$cluster" \
  --steps "file://$tmp/steps.json" --query 'StepIds[0]' --output text)"
echo "step $step_id submitted."
log_uri="$(aws "${aws_args[@]+"${aws_args[@]}"}" emr describe-cluster --cluster-id "$cluster" \
  --query 'Cluster.LogUri' --output text)"
if [[ -z "$log_uri" || "$log_uri" == None ]]; then
  echo "The cluster has no log URI, so no logs reach S3: read the driver's stdout with" \
       "yarn logs -applicationId <application id> on the primary node."
else
  print_log_locations "$step_id" "${log_uri/#s3n:/s3:}"
fi
if $wait_for_step; then
  run aws "${aws_args[@]+"${aws_args[@]}"}" emr wait step-complete --cluster-id "$cluster" --step-id "$step_id"
fi
