#!/usr/bin/env bash
# vendor-validation-specs.sh: regenerate the pinned specifications the template and state machine
# tests validate against (tests/src/test/resources/aws-spec/, see its README.md).
#
#   scripts/aws/vendor-validation-specs.sh [--service-spec VERSION] [--asl-validator VERSION]
#
# 1. CloudFormation: `npm pack @aws-cdk/aws-service-spec@VERSION` (the AWS CDK team's database of
#    the CloudFormation resource types, built from CloudFormation's resource provider schemas), then
#    keep only the resource types scripts/aws/*.yaml declare (plus EXTRA_TYPES below) and the property
#    types they use, written in the CloudFormation resource specification layout (ResourceTypes /
#    PropertyTypes / Attributes, Required, PrimitiveType, Type, ItemType) without documentation.
# 2. Amazon States Language: `npm pack asl-validator@VERSION` and copy its JSON schemas as they are.
#
# Needs bash, node and npm (the npm registry); writes nothing outside aws-spec/. After a run, update
# the versions in aws-spec/README.md if you changed them, and review the diff like code.
set -euo pipefail

service_spec_version="0.1.216"
asl_validator_version="4.0.0"
# Types the templates do not use yet but a change soon may (same services, network and catalog):
# vendored too, so adding one does not need a re-run.
EXTRA_TYPES="AWS::Glue::Table AWS::Glue::Crawler AWS::Glue::Connection AWS::EC2::SecurityGroup
AWS::EC2::SecurityGroupIngress AWS::EC2::SecurityGroupEgress AWS::LakeFormation::Permissions
AWS::LakeFormation::PrincipalPermissions AWS::LakeFormation::Resource AWS::Events::Archive
AWS::Scheduler::Schedule AWS::KMS::Key AWS::KMS::Alias AWS::SSM::Parameter"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --service-spec) service_spec_version="$2"; shift 2 ;;
    --asl-validator) asl_validator_version="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$repo/tests/src/test/resources/aws-spec"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "@aws-cdk/aws-service-spec@$service_spec_version" \
  "asl-validator@$asl_validator_version" >/dev/null)
mkdir -p "$work/service-spec" "$work/asl" "$out/asl"
tar xzf "$work"/aws-cdk-aws-service-spec-*.tgz -C "$work/service-spec"
tar xzf "$work"/asl-validator-*.tgz -C "$work/asl"

types="$(grep -ohE '^\s+Type: AWS::[A-Za-z0-9]+::[A-Za-z0-9]+' "$repo"/scripts/aws/*.yaml \
  | awk '{print $2}'; printf '%s\n' $EXTRA_TYPES)"

SOURCE="@aws-cdk/aws-service-spec@$service_spec_version" TYPES="$types" \
node - "$work/service-spec/package/db.json.gz" "$out/cfn-resource-spec.json" <<'NODE'
const fs = require("fs");
const zlib = require("zlib");
const [dbFile, outFile] = process.argv.slice(2);
const db = JSON.parse(zlib.gunzipSync(fs.readFileSync(dbFile))).schema;
const wanted = new Set(process.env.TYPES.split(/\s+/).filter(Boolean));
const typeDefs = new Map(db.typeDefinition.entities.map((t) => [t.$id, t]));
const uses = db.usesType.forward;

const PRIMITIVES = { string: "String", integer: "Integer", number: "Double", boolean: "Boolean",
  json: "Json", "date-time": "Timestamp" };

// One service-spec type as resource-specification fields; refs become "<Resource>.<Name>" types.
function convert(t, owner, needed) {
  if (PRIMITIVES[t.type]) return { PrimitiveType: PRIMITIVES[t.type] };
  if (t.type === "tag") return { Type: "Tag" };
  if (t.type === "ref") {
    const def = typeDefs.get(t.reference.$ref);
    needed.push(def);
    return { Type: def.name };
  }
  if (t.type === "array" || t.type === "map") {
    const item = convert(t.element, owner, needed);
    const out = { Type: t.type === "array" ? "List" : "Map" };
    if (item.PrimitiveType) out.PrimitiveItemType = item.PrimitiveType;
    else if (item.Type) out.ItemType = item.Type;
    else out.PrimitiveItemType = "Json";
    return out;
  }
  if (t.type === "union") {
    // JSON-or-string policy documents and the like: any value (CloudFormation checks the rest).
    const scalar = t.types.every((u) => ["string", "integer", "number", "boolean"].includes(u.type));
    return { PrimitiveType: scalar ? "String" : "Json" };
  }
  process.stderr.write(`unknown service-spec type ${JSON.stringify(t)} in ${owner}, kept as Json\n`);
  return { PrimitiveType: "Json" };
}

function properties(props, owner, needed) {
  const out = {};
  for (const name of Object.keys(props).sort()) {
    const p = props[name];
    out[name] = { ...convert(p.type, `${owner}.${name}`, needed), Required: p.required === true };
  }
  return out;
}

const spec = {
  $comment: `Trimmed from ${process.env.SOURCE} (db.json.gz) by scripts/aws/vendor-validation-specs.sh; do not edit by hand.`,
  ResourceTypes: {},
  PropertyTypes: {
    Tag: { Properties: { Key: { PrimitiveType: "String", Required: true },
                         Value: { PrimitiveType: "String", Required: true } } },
  },
};
const found = new Set();
for (const r of db.resource.entities) {
  const type = r.cloudFormationType;
  if (!wanted.has(type)) continue;
  found.add(type);
  const needed = [];
  const attributes = {};
  for (const a of Object.keys(r.attributes || {}).sort()) {
    attributes[a] = convert(r.attributes[a].type, `${type}#${a}`, []);
  }
  spec.ResourceTypes[type] = { Attributes: attributes, Properties: properties(r.properties, type, needed) };
  // Every property type the resource uses (usesType), converted on the way.
  for (const ref of uses[r.$id] || []) needed.push(typeDefs.get(ref.$id));
  const done = new Set();
  while (needed.length) {
    const def = needed.pop();
    if (done.has(def.$id)) continue;
    done.add(def.$id);
    spec.PropertyTypes[`${type}.${def.name}`] = { Properties: properties(def.properties, `${type}.${def.name}`, needed) };
  }
}
const missing = [...wanted].filter((t) => !found.has(t));
if (missing.length) {
  process.stderr.write(`not in ${process.env.SOURCE}: ${missing.join(", ")}\n`);
  process.exit(1);
}
const sortKeys = (o) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
spec.ResourceTypes = sortKeys(spec.ResourceTypes);
spec.PropertyTypes = sortKeys(spec.PropertyTypes);
fs.writeFileSync(outFile, JSON.stringify(spec, null, 1) + "\n");
process.stdout.write(`${outFile}: ${found.size} resource types, ${Object.keys(spec.PropertyTypes).length} property types\n`);
NODE

rm -f "$out"/asl/*.json
cp "$work"/asl/package/src/schemas/*.json "$out/asl/"
cp "$work/asl/package/LICENSE" "$work/asl/package/NOTICE" "$out/asl/"
echo "$out/asl: $(ls "$out"/asl/*.json | wc -l) schemas of asl-validator@$asl_validator_version"
