#!/usr/bin/env bash
# Adds an EF Core migration for both databases of one module, e.g.
#   scripts/add-migration.sh Cases AddAssessments
# Each provider has its own context subclass and migrations folder (Data/Migrations/Sqlite, Data/Migrations/Postgres),
# because EF Core migrations are provider-specific.
set -euo pipefail
module=${1:?module, e.g. Cases}
name=${2:?migration name}
project="services/Samverkan.${module}"
[[ -d "$project" ]] || { echo "no project $project" >&2; exit 1; }
context=${3:-${module}DbContext}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project "$project" --startup-project "$project" \
    --context "${provider}${context}" --output-dir "Data/Migrations/${provider}"
done
