#!/usr/bin/env bash
# archive.sh LIST ARCHIVE LIB [JVM FLAGS...]: writes ARCHIVE, the class data sharing archive of the
# classes LIST names, from the JDK and the jars in LIB (java -Xshare:dump), with the JVM flags the
# launcher runs jobs with. mvn package runs it (jobs/pom.xml); scripts/loglake maps the archive.
# Nothing to do when ARCHIVE is newer than LIST and every jar in LIB.
set -euo pipefail

list="$1" archive="$2" lib="$3"
shift 3
if [[ -f "$archive" && -z "$(find "$list" "$lib" -newer "$archive" -print -quit)" ]]; then
  echo "The class data archive $archive is up to date"
  exit 0
fi
# Written under a name of this build's own, then renamed: a job starting meanwhile never maps half
# an archive.
tmp="$archive.$$.tmp"
trap 'rm -f "$tmp"' EXIT
# -Xlog:all=error: the dump's warnings (a class the list names that a jar no longer has, the classes
# of signed jars, which CDS leaves out) are thousands of lines.
# The archive only saves time: a JVM that cannot write it leaves the build as it is, and jobs then
# run without it.
if ! java "$@" -Xshare:dump -Xlog:all=error -XX:SharedClassListFile="$list" -XX:SharedArchiveFile="$tmp" \
    -cp "$lib/*"; then
  rm -f "$archive"
  echo "WARNING: could not write the class data archive $archive (java -Xshare:dump failed, above);" \
    "scripts/loglake runs jobs without it"
  exit 0
fi
mv -f "$tmp" "$archive"
echo "Wrote the class data archive $archive"
