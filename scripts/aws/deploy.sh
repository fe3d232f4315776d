#!/usr/bin/env bash
# deploy.sh: build the jobs jar, upload it (with conf/ and the Step Functions definitions) to the
# artifacts bucket, and deploy the loglake CloudFormation stack.
#
#   scripts/aws/deploy.sh [--stack NAME] [--region REGION] [--engine glue|emr-serverless]
#                         [--alert-email ADDRESS] [--param Key=Value ...] [--skip-build] [--dry-run]
#
# Two stacks: <NAME>-artifacts (scripts/aws/artifacts.yaml, the bucket everything below is uploaded
# to; it must exist before the main stack) and <NAME> (scripts/aws/loglake.yaml). The jar and the
# definitions get content-hashed keys, so every change is a new key and CloudFormation updates the
# Glue jobs and the state machine. --dry-run prints every command and the rendered parameters and
# calls nothing (no AWS, no build); it works without the AWS CLI installed. With --engine
# emr-serverless, pass the application's subnets (--param EmrSubnetIds=subnet-a,subnet-b
# --param EmrSecurityGroupIds=sg-c): without a VPC its jobs reach no SNS and no CloudWatch metrics.

set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
aws_dir="$repo/scripts/aws"
stack="loglake"
region="${AWS_REGION:-${AWS_DEFAULT_REGION:-}}"
engine="glue"
alert_email=""
skip_build=false
dry_run=false
extra_params=()

# The comment block at the top of this file, without its '#'.
usage() { awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "${BASH_SOURCE[0]}"; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --stack) stack="$2"; shift 2 ;;
    --region) region="$2"; shift 2 ;;
    --engine) engine="$2"; shift 2 ;;
    --alert-email) alert_email="$2"; shift 2 ;;
    --param) extra_params+=("$2"); shift 2 ;;
    --skip-build) skip_build=true; shift ;;
    --dry-run) dry_run=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "deploy: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

case "$engine" in
  glue|emr-serverless) ;;
  *) echo "deploy: --engine must be glue or emr-serverless, got '$engine'" >&2; exit 2 ;;
esac
if [[ ! "$stack" =~ ^[a-z][a-z0-9-]{0,40}$ ]]; then
  # Lower case: the stack name prefixes Glue job and log group names.
  echo "deploy: --stack must be lower case letters, digits and '-' (at most 41), got '$stack'" >&2
  exit 2
fi
for p in "${extra_params[@]+"${extra_params[@]}"}"; do
  [[ "$p" == *=* ]] || { echo "deploy: --param takes Key=Value, got '$p'" >&2; exit 2; }
done

if ! $dry_run && ! command -v aws >/dev/null 2>&1; then
  echo "deploy: the AWS CLI ('aws') is not installed or not on PATH. Install it (https://aws.amazon.com/cli/)," \
       "or run with --dry-run to see the commands." >&2
  exit 2
fi

aws_args=()
[[ -n "$region" ]] && aws_args+=(--region "$region")

# EMR Serverless without a VPC reaches only some AWS services of its Region, and SNS and CloudWatch
# metrics are not among them (README, On AWS). An existing stack keeps the subnets it was given.
emr_subnets=""
for p in "${extra_params[@]+"${extra_params[@]}"}"; do
  case "$p" in EmrSubnetIds=*) emr_subnets="${p#EmrSubnetIds=}" ;; esac
done
if [[ "$engine" == emr-serverless && -z "$emr_subnets" ]] && ! $dry_run; then
  emr_subnets="$(aws "${aws_args[@]+"${aws_args[@]}"}" cloudformation describe-stacks --stack-name "$stack" \
    --query "Stacks[0].Parameters[?ParameterKey=='EmrSubnetIds'].ParameterValue" --output text 2>/dev/null || true)"
  [[ "$emr_subnets" == None ]] && emr_subnets=""
fi
if [[ "$engine" == emr-serverless && -z "$emr_subnets" ]]; then
  echo "deploy: warning: --engine emr-serverless without EmrSubnetIds: the EMR Serverless jobs get no VPC, so they" \
       "reach neither SNS (the alb-status report e-mail) nor CloudWatch metrics. Pass --param EmrSubnetIds=subnet-a,subnet-b" \
       "--param EmrSecurityGroupIds=sg-c (private subnets with a NAT gateway or VPC endpoints; see README, On AWS)." >&2
fi

# Prints a command (shell-quoted), and runs it unless --dry-run.
run() {
  printf '+'; printf ' %q' "$@"; printf '\n'
  if ! $dry_run; then "$@"; fi
}

sha12() { sha256sum "$1" | cut -c1-12; }

version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$repo/pom.xml" | head -n 1)"
jar="$repo/jobs/target/loglake-jobs-$version.jar"

# 1. Build.
if ! $skip_build; then
  if $dry_run; then
    run mvn -q -DskipTests package -pl jobs -am
  else
    (cd "$repo" && run mvn -q -DskipTests package -pl jobs -am)
  fi
fi
if [[ -f "$jar" ]]; then
  jar_key="jars/loglake-jobs-$version-$(sha12 "$jar").jar"
elif $dry_run; then
  jar_key="jars/loglake-jobs-$version-<sha256 of the built jar>.jar"
else
  echo "deploy: $jar does not exist; build it with: mvn -q -DskipTests package -pl jobs -am" >&2
  exit 2
fi
glue_asl="$aws_dir/pipeline.asl.json"
emr_asl="$aws_dir/pipeline-emr-serverless.asl.json"
glue_asl_key="asl/$(sha12 "$glue_asl")/pipeline.asl.json"
emr_asl_key="asl/$(sha12 "$emr_asl")/pipeline-emr-serverless.asl.json"
placeholder_key="glue/placeholder.scala"

# 2. The artifacts bucket (its own stack: everything below must be in S3 before the main stack).
run aws "${aws_args[@]+"${aws_args[@]}"}" cloudformation deploy --stack-name "$stack-artifacts" \
  --template-file "$aws_dir/artifacts.yaml" --no-fail-on-empty-changeset --tags project=loglake
if $dry_run; then
  bucket="<artifacts-bucket>"
  run aws "${aws_args[@]+"${aws_args[@]}"}" cloudformation describe-stacks --stack-name "$stack-artifacts" \
    --query "Stacks[0].Outputs[?OutputKey=='ArtifactsBucket'].OutputValue" --output text
else
  printf '+ aws cloudformation describe-stacks --stack-name %q (ArtifactsBucket output)\n' "$stack-artifacts"
  bucket="$(aws "${aws_args[@]+"${aws_args[@]}"}" cloudformation describe-stacks --stack-name "$stack-artifacts" \
    --query "Stacks[0].Outputs[?OutputKey=='ArtifactsBucket'].OutputValue" --output text)"
fi

# 3. Upload: jar, conf/ (a readable copy; the jar carries its own), definitions, Glue's placeholder script.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
: > "$tmp/placeholder.scala"
run aws "${aws_args[@]+"${aws_args[@]}"}" s3 cp "$jar" "s3://$bucket/$jar_key"
run aws "${aws_args[@]+"${aws_args[@]}"}" s3 sync "$repo/conf/" "s3://$bucket/conf/" --delete
run aws "${aws_args[@]+"${aws_args[@]}"}" s3 cp "$glue_asl" "s3://$bucket/$glue_asl_key"
run aws "${aws_args[@]+"${aws_args[@]}"}" s3 cp "$emr_asl" "s3://$bucket/$emr_asl_key"
run aws "${aws_args[@]+"${aws_args[@]}"}" s3 cp "$tmp/placeholder.scala" "s3://$bucket/$placeholder_key"

# 4. The main stack.
params=(
  "Engine=$engine"
  "ArtifactsBucket=$bucket"
  "JarKey=$jar_key"
  "PlaceholderScriptKey=$placeholder_key"
  "GlueDefinitionKey=$glue_asl_key"
  "EmrServerlessDefinitionKey=$emr_asl_key"
)
[[ -n "$alert_email" ]] && params+=("AlertEmail=$alert_email")
params+=("${extra_params[@]+"${extra_params[@]}"}")
echo "Parameters of stack $stack (others keep their template defaults or current values):"
for p in "${params[@]}"; do echo "  $p"; done
run aws "${aws_args[@]+"${aws_args[@]}"}" cloudformation deploy --stack-name "$stack" \
  --template-file "$aws_dir/loglake.yaml" --s3-bucket "$bucket" --s3-prefix cfn \
  --capabilities CAPABILITY_IAM CAPABILITY_AUTO_EXPAND --no-fail-on-empty-changeset --tags project=loglake \
  --parameter-overrides "${params[@]}"
run aws "${aws_args[@]+"${aws_args[@]}"}" cloudformation describe-stacks --stack-name "$stack" \
  --query "Stacks[0].Outputs" --output table
if $dry_run; then
  echo "(dry run: nothing was built, uploaded or deployed)"
fi
