#!/bin/sh
# Entrypoint of the test PostgreSQL image. It keeps the official postgres image's contract where
# Testcontainers relies on it:
#  - POSTGRES_USER, POSTGRES_PASSWORD and POSTGRES_DB create the role and database on first start;
#  - arguments starting with "-" (Testcontainers passes "-c fsync=off" and the like) go to postgres;
#  - *.sql and *.sh files in /docker-entrypoint-initdb.d run once, after the database exists;
#  - nothing listens on TCP until initialisation is complete, because PostgreSqlBuilder treats a
#    successful `pg_isready --host localhost` as "ready for the tests".
set -eu

if [ "${1#-}" != "$1" ]; then
    set -- postgres "$@"
fi

if [ "$1" = postgres ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
    : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set (Testcontainers sets it to postgres by default)}"
    user="${POSTGRES_USER:-postgres}"
    db="${POSTGRES_DB:-$user}"

    pwfile="$(mktemp)"
    printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
    initdb --username="$user" --pwfile="$pwfile" --encoding=UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 > /dev/null
    rm -f "$pwfile"
    # Clients reach the server through a mapped port, so from outside the container's loopback.
    echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
    echo "listen_addresses = '*'" >> "$PGDATA/postgresql.conf"

    # Initialise through the Unix socket only; TCP stays closed until the real server starts.
    pg_ctl --silent --wait --timeout=60 -o "-c listen_addresses=''" start
    psql_run() { psql --quiet --no-psqlrc -v ON_ERROR_STOP=1 --username "$user" --dbname "$1"; }
    if [ "$db" != postgres ]; then
        printf 'CREATE DATABASE "%s";\n' "$db" | psql_run postgres
    fi
    for f in /docker-entrypoint-initdb.d/*; do
        case "$f" in
            *.sql) psql_run "$db" < "$f" ;;
            *.sh) . "$f" ;;
        esac
    done
    pg_ctl --silent --wait --timeout=60 -m fast stop
    echo "PostgreSQL init process complete; ready for start up."
fi

exec "$@"
