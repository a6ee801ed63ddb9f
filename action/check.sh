#!/usr/bin/env bash
# Step 2 of the GitHub Action: runs labelbox-import on the inputs (passed as environment
# variables, never spliced into the script) and writes the counts as the step's outputs.
set -euo pipefail
args=(validate --summary-to "$GITHUB_OUTPUT")
case "$LABELBOX_FORMAT" in
  github) args+=(--format github) ;;
  sarif) args+=(--format sarif) ;;
  *) echo "::error title=labelbox-import::The format input is github or sarif, not \"$LABELBOX_FORMAT\"."; exit 2 ;;
esac
case "$LABELBOX_FAIL_ON_WARNINGS" in
  true) args+=(--fail-on-warnings) ;;
  false | '') ;;
  *) echo "::error title=labelbox-import::The fail-on-warnings input is true or false, not \"$LABELBOX_FAIL_ON_WARNINGS\"."; exit 2 ;;
esac
if [ -n "$LABELBOX_METADATA_SCHEMA" ]; then args+=(--metadata-schema "$LABELBOX_METADATA_SCHEMA"); fi
# Patterns are split on spaces and new lines, and not expanded by the shell: the validator does it.
set -f
# shellcheck disable=SC2206
patterns=($LABELBOX_FILES)
set +f
args+=("${patterns[@]}")
status=0
if [ "$LABELBOX_FORMAT" = sarif ]; then
  labelbox-import "${args[@]}" > "$LABELBOX_SARIF_FILE" || status=$?
  echo "sarif-file=$LABELBOX_SARIF_FILE" >> "$GITHUB_OUTPUT"
else
  labelbox-import "${args[@]}" || status=$?
  echo "sarif-file=" >> "$GITHUB_OUTPUT"
fi
exit "$status"
