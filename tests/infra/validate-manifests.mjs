#!/usr/bin/env node
// Validates the manifests `helm template charts/samverkan` renders, without a cluster:
//  - every built-in object against the Kubernetes OpenAPI schemas (npm package kubernetes-models);
//  - the Dapr Component and Configuration (CRDs, so no schema is at hand) by their documented shape;
//  - the platform's rules across objects: references resolve (ServiceAccounts, ConfigMaps, Roles, Dapr
//    configuration, ports named by probes and Services), pods meet the restricted Pod Security Standard,
//    gRPC Services are headless, Orleans silos have the downward-API variables and RBAC they need,
//    and the pub/sub component's scopes and topic scopes name exactly the rendered apps.
// Usage: node tests/infra/validate-manifests.mjs RENDERED.yaml   (npm packages come from .tools/)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const modules = join(root, ".tools", "node_modules");
const { parseAllDocuments } = createRequire(join(root, ".tools", "package.json"))("yaml");

const file = process.argv[2];
if (!file) {
  console.error("usage: validate-manifests.mjs RENDERED.yaml");
  process.exit(2);
}

const errors = [];
const objects = [];
const id = (o) => `${o?.kind ?? "?"}/${o?.metadata?.name ?? "?"}`;
const fail = (o, message) => errors.push(`${id(o)}: ${message}`);

for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
  for (const e of doc.errors) errors.push(`YAML: ${e.message}`);
  const value = doc.toJS();
  if (value !== null && value !== undefined) objects.push(value);
}
if (objects.length === 0) errors.push("no objects rendered");

// ---------------------------------------------------------------------------------------------------
// Every object: identity, names, labels
// ---------------------------------------------------------------------------------------------------
const dnsSubdomain = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const dnsLabel = /^(?=.{1,63}$)[a-z]([-a-z0-9]*[a-z0-9])?$/;
const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;
const labelKey = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const seen = new Set();

for (const o of objects) {
  if (typeof o.apiVersion !== "string" || typeof o.kind !== "string") {
    fail(o, "apiVersion and kind are required");
    continue;
  }
  const name = o.metadata?.name;
  if (typeof name !== "string" || !dnsSubdomain.test(name)) fail(o, `metadata.name '${name}' is not a DNS subdomain`);
  if (o.kind === "Service" && !dnsLabel.test(name ?? "")) fail(o, "a Service name must be a DNS-1035 label");
  if (!o.metadata?.namespace) fail(o, "metadata.namespace is missing (the chart sets it explicitly)");
  for (const [k, v] of Object.entries(o.metadata?.labels ?? {})) {
    if (!labelKey.test(k) || typeof v !== "string" || !labelValue.test(v)) fail(o, `invalid label ${k}=${v}`);
  }
  const key = `${o.apiVersion}|${o.kind}|${o.metadata?.namespace}|${name}`;
  if (seen.has(key)) fail(o, "rendered twice");
  seen.add(key);
}

// ---------------------------------------------------------------------------------------------------
// Built-in kinds against the Kubernetes schemas
// ---------------------------------------------------------------------------------------------------
async function loadModel(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const path = join(modules, "kubernetes-models", ...(group ? [group] : []), version, `${kind}.js`);
  try {
    return (await import(pathToFileURL(path).href))[kind];
  } catch {
    return undefined;
  }
}

for (const o of objects) {
  if (typeof o.apiVersion !== "string" || o.apiVersion.startsWith("dapr.io/")) continue;
  const Model = await loadModel(o.apiVersion, o.kind);
  if (!Model) {
    fail(o, `unknown kind ${o.apiVersion} ${o.kind}`);
    continue;
  }
  try {
    new Model(o).validate();
  } catch (e) {
    fail(o, `schema: ${e.message}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Dapr CRDs, by the shape the Dapr documentation gives
// ---------------------------------------------------------------------------------------------------
const onlyKeys = (o, where, value, allowed) => {
  for (const k of Object.keys(value ?? {})) if (!allowed.includes(k)) fail(o, `${where}: unknown field '${k}'`);
};
const duration = /^([0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h))+$/;
const componentCategories = ["bindings", "configuration", "conversation", "crypto", "lock", "middleware",
  "nameresolution", "pubsub", "secretstores", "state", "workflows"];

function checkComponent(o) {
  if (o.apiVersion !== "dapr.io/v1alpha1") fail(o, `apiVersion ${o.apiVersion} is not dapr.io/v1alpha1`);
  onlyKeys(o, "Component", o, ["apiVersion", "kind", "metadata", "spec", "scopes", "auth"]);
  const spec = o.spec ?? {};
  onlyKeys(o, "spec", spec, ["type", "version", "metadata", "initTimeout", "ignoreErrors"]);
  const [category] = String(spec.type ?? "").split(".");
  if (!componentCategories.includes(category) || !/^[a-z]+\.[a-z0-9]+([.-][a-z0-9]+)*$/.test(spec.type ?? "")) {
    fail(o, `spec.type '${spec.type}' is not a Dapr component type`);
  }
  if (!/^v[0-9]+$/.test(spec.version ?? "")) fail(o, `spec.version '${spec.version}' must look like v1`);
  if (!Array.isArray(spec.metadata)) fail(o, "spec.metadata must be a list");
  const names = new Set();
  for (const m of spec.metadata ?? []) {
    onlyKeys(o, "spec.metadata[]", m, ["name", "value", "secretKeyRef"]);
    if (typeof m.name !== "string" || !m.name) fail(o, "spec.metadata[] needs a name");
    if (names.has(m.name)) fail(o, `spec.metadata ${m.name} given twice`);
    names.add(m.name);
    if (("value" in m) === ("secretKeyRef" in m)) fail(o, `spec.metadata ${m.name}: exactly one of value and secretKeyRef`);
    // An unquoted true or 5 in values would reach Dapr as a non-string; the component wants strings.
    if ("value" in m && typeof m.value !== "string") fail(o, `spec.metadata ${m.name}: value must be a string`);
    if ("secretKeyRef" in m) {
      onlyKeys(o, `spec.metadata ${m.name}.secretKeyRef`, m.secretKeyRef, ["name", "key"]);
      if (!dnsSubdomain.test(m.secretKeyRef?.name ?? "") || !m.secretKeyRef?.key) {
        fail(o, `spec.metadata ${m.name}: secretKeyRef needs a Secret name and key`);
      }
    }
  }
  if (o.scopes !== undefined) {
    if (!Array.isArray(o.scopes) || o.scopes.some((s) => !dnsSubdomain.test(s))) fail(o, "scopes must be a list of app-ids");
    else if (new Set(o.scopes).size !== o.scopes.length) fail(o, "scopes lists an app-id twice");
  }
}

function checkConfiguration(o) {
  if (o.apiVersion !== "dapr.io/v1alpha1") fail(o, `apiVersion ${o.apiVersion} is not dapr.io/v1alpha1`);
  onlyKeys(o, "Configuration", o, ["apiVersion", "kind", "metadata", "spec"]);
  const spec = o.spec ?? {};
  onlyKeys(o, "spec", spec, ["tracing", "mtls", "metric", "metrics", "features", "api", "accessControl",
    "nameResolution", "secrets", "components", "logging", "httpPipeline", "appHttpPipeline", "wasm"]);
  if (spec.tracing) {
    onlyKeys(o, "spec.tracing", spec.tracing, ["samplingRate", "stdout", "otel", "zipkin"]);
    const rate = Number(spec.tracing.samplingRate);
    if (typeof spec.tracing.samplingRate !== "string" || !(rate >= 0 && rate <= 1)) {
      fail(o, "spec.tracing.samplingRate must be a string holding a number in [0, 1]");
    }
    const otel = spec.tracing.otel;
    if (otel) {
      onlyKeys(o, "spec.tracing.otel", otel, ["endpointAddress", "isSecure", "protocol", "headers", "timeout"]);
      if (!/^[a-z0-9.-]+:[0-9]{1,5}$/.test(otel.endpointAddress ?? "")) {
        fail(o, `spec.tracing.otel.endpointAddress '${otel.endpointAddress}' must be host:port without a scheme`);
      }
      if (typeof otel.isSecure !== "boolean") fail(o, "spec.tracing.otel.isSecure must be a boolean");
      if (!["grpc", "http"].includes(otel.protocol)) fail(o, "spec.tracing.otel.protocol must be grpc or http");
    }
  }
  if (spec.mtls) {
    // Sidecars ignore mtls in an app configuration; only the control plane's daprsystem reads it.
    if (o.metadata?.name !== "daprsystem") fail(o, "spec.mtls only takes effect in the Configuration named daprsystem");
    onlyKeys(o, "spec.mtls", spec.mtls, ["enabled", "workloadCertTTL", "allowedClockSkew", "controlPlaneTrustDomain",
      "sentryAddress", "tokenValidators"]);
    if (typeof spec.mtls.enabled !== "boolean") fail(o, "spec.mtls.enabled must be a boolean");
    for (const k of ["workloadCertTTL", "allowedClockSkew"]) {
      if (spec.mtls[k] !== undefined && !duration.test(spec.mtls[k])) fail(o, `spec.mtls.${k} '${spec.mtls[k]}' is not a duration`);
    }
  }
}

for (const o of objects) {
  if (o.kind === "Component") checkComponent(o);
  else if (o.kind === "Configuration") checkConfiguration(o);
  else if (String(o.apiVersion).startsWith("dapr.io/")) fail(o, "unexpected Dapr kind");
}

// ---------------------------------------------------------------------------------------------------
// Across objects: the platform's rules
// ---------------------------------------------------------------------------------------------------
const byKind = (kind) => objects.filter((o) => o.kind === kind);
const find = (kind, name, namespace) =>
  objects.find((o) => o.kind === kind && o.metadata?.name === name && (!namespace || o.metadata?.namespace === namespace));
const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
const deployments = byKind("Deployment");
const appIds = new Map();
const external = new Set();

for (const d of deployments) {
  const ns = d.metadata?.namespace;
  const tpl = d.spec?.template ?? {};
  const pod = tpl.spec ?? {};
  const labels = tpl.metadata?.labels ?? {};
  const annotations = tpl.metadata?.annotations ?? {};
  if (!matches(d.spec?.selector?.matchLabels, labels)) fail(d, "selector does not match the pod template's labels");
  if (!pod.serviceAccountName || !find("ServiceAccount", pod.serviceAccountName, ns)) {
    fail(d, `serviceAccountName '${pod.serviceAccountName}' is not rendered`);
  }

  // Restricted Pod Security Standard.
  const psc = pod.securityContext ?? {};
  if (pod.hostNetwork || pod.hostPID || pod.hostIPC) fail(d, "host namespaces are not allowed");
  if (psc.runAsNonRoot !== true) fail(d, "pod securityContext.runAsNonRoot must be true");
  if (psc.runAsUser === 0) fail(d, "pod must not run as uid 0");
  const volumes = new Map((pod.volumes ?? []).map((v) => [v.name, v]));
  for (const v of volumes.values()) if (v.hostPath) fail(d, `volume ${v.name}: hostPath is not allowed`);

  for (const c of pod.containers ?? []) {
    const where = `container ${c.name}`;
    const sc = c.securityContext ?? {};
    const seccomp = sc.seccompProfile?.type ?? psc.seccompProfile?.type;
    if (!["RuntimeDefault", "Localhost"].includes(seccomp)) fail(d, `${where}: seccompProfile must be RuntimeDefault`);
    if (sc.allowPrivilegeEscalation !== false) fail(d, `${where}: allowPrivilegeEscalation must be false`);
    if (sc.privileged) fail(d, `${where}: privileged is not allowed`);
    if (sc.readOnlyRootFilesystem !== true) fail(d, `${where}: readOnlyRootFilesystem must be true`);
    if (!(sc.capabilities?.drop ?? []).includes("ALL")) fail(d, `${where}: capabilities must drop ALL`);
    if ((sc.capabilities?.add ?? []).length) fail(d, `${where}: no capabilities may be added`);
    if (sc.runAsUser === 0) fail(d, `${where}: must not run as uid 0`);
    if (!c.resources?.requests?.memory || !c.resources?.limits?.memory) fail(d, `${where}: memory request and limit are required`);
    for (const m of c.volumeMounts ?? []) if (!volumes.has(m.name)) fail(d, `${where}: mounts unknown volume ${m.name}`);
    if (sc.readOnlyRootFilesystem && !(c.volumeMounts ?? []).some((m) => m.mountPath === "/tmp")) {
      fail(d, `${where}: a read-only root filesystem needs a writable /tmp`);
    }

    const portNames = new Map((c.ports ?? []).map((p) => [p.name, p.containerPort]));
    const portNumbers = new Set((c.ports ?? []).map((p) => p.containerPort));
    for (const kind of ["livenessProbe", "readinessProbe"]) if (!c[kind]) fail(d, `${where}: ${kind} is required`);
    for (const kind of ["startupProbe", "livenessProbe", "readinessProbe"]) {
      const probe = c[kind];
      if (!probe) continue;
      const port = probe.httpGet?.port ?? probe.tcpSocket?.port ?? probe.grpc?.port;
      const known = typeof port === "string" ? portNames.has(port) : portNumbers.has(port);
      if (port !== undefined && !known) fail(d, `${where}: ${kind} port ${port} is not a container port`);
    }

    // Environment: unique names, $(VAR) only after VAR, referenced ConfigMaps rendered.
    const defined = new Set();
    for (const e of c.env ?? []) {
      if (defined.has(e.name)) fail(d, `${where}: env ${e.name} given twice`);
      for (const [, ref] of String(e.value ?? "").matchAll(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g)) {
        if (!defined.has(ref)) fail(d, `${where}: env ${e.name} uses $(${ref}) before it is defined`);
      }
      defined.add(e.name);
      const cm = e.valueFrom?.configMapKeyRef;
      if (cm && !find("ConfigMap", cm.name, ns)?.data?.[cm.key]) fail(d, `${where}: env ${e.name} refers to missing ConfigMap key`);
    }
    for (const ef of c.envFrom ?? []) {
      if (ef.configMapRef && !find("ConfigMap", ef.configMapRef.name, ns)) fail(d, `${where}: envFrom ConfigMap ${ef.configMapRef.name} is not rendered`);
    }

    // Orleans Kubernetes hosting: downward API variables matching the pod labels, and API access.
    if (labels["orleans/serviceId"] || labels["orleans/clusterId"]) {
      const env = new Map((c.env ?? []).map((e) => [e.name, e]));
      const field = (name) => env.get(name)?.valueFrom?.fieldRef?.fieldPath;
      if (field("POD_NAME") !== "metadata.name") fail(d, `${where}: POD_NAME must come from metadata.name`);
      if (field("POD_NAMESPACE") !== "metadata.namespace") fail(d, `${where}: POD_NAMESPACE must come from metadata.namespace`);
      if (field("POD_IP") !== "status.podIP") fail(d, `${where}: POD_IP must come from status.podIP`);
      if (field("ORLEANS_SERVICE_ID") !== "metadata.labels['orleans/serviceId']") fail(d, `${where}: ORLEANS_SERVICE_ID must come from the orleans/serviceId label`);
      if (field("ORLEANS_CLUSTER_ID") !== "metadata.labels['orleans/clusterId']") fail(d, `${where}: ORLEANS_CLUSTER_ID must come from the orleans/clusterId label`);
      if (!labels["orleans/serviceId"] || !labels["orleans/clusterId"]) fail(d, "Orleans pods need both orleans/serviceId and orleans/clusterId labels");
      // The silo's own settings (section Silo) must name the same cluster as the labels Kubernetes hosting checks.
      if (env.get("Silo__ServiceId")?.value !== labels["orleans/serviceId"]) fail(d, `${where}: Silo__ServiceId differs from the orleans/serviceId label`);
      if (env.get("Silo__ClusterId")?.value !== labels["orleans/clusterId"]) fail(d, `${where}: Silo__ClusterId differs from the orleans/clusterId label`);
      if (env.has("Orleans__Clustering") || env.has("Orleans__ServiceId")) fail(d, `${where}: the Orleans section is Orleans' own provider configuration; the silo reads Silo__*`);
    }
  }

  if (labels["orleans/serviceId"]) {
    if (pod.automountServiceAccountToken === false) fail(d, "an Orleans silo needs its service account token");
    const needed = ["get", "list", "watch", "patch", "delete"];
    const granted = byKind("RoleBinding")
      .filter((b) => b.metadata?.namespace === ns && (b.subjects ?? []).some((s) => s.kind === "ServiceAccount" && s.name === pod.serviceAccountName))
      .map((b) => find("Role", b.roleRef?.name, ns))
      .flatMap((r) => r?.rules ?? [])
      .filter((r) => (r.apiGroups ?? []).includes("") && (r.resources ?? []).includes("pods"))
      .flatMap((r) => r.verbs ?? []);
    const missing = needed.filter((v) => !granted.includes(v));
    if (missing.length) fail(d, `Orleans hosting lacks pod permissions: ${missing.join(", ")}`);
  }

  // Dapr sidecar.
  if (annotations["dapr.io/enabled"] === "true") {
    const appId = annotations["dapr.io/app-id"];
    if (!appId || !dnsSubdomain.test(appId)) fail(d, "dapr.io/app-id is missing or invalid");
    else if (appIds.has(appId)) fail(d, `dapr.io/app-id ${appId} is also used by ${appIds.get(appId)}`);
    else appIds.set(appId, id(d));
    const appPort = Number(annotations["dapr.io/app-port"]);
    if (!(pod.containers ?? []).some((c) => (c.ports ?? []).some((p) => p.containerPort === appPort))) {
      fail(d, `dapr.io/app-port ${annotations["dapr.io/app-port"]} is not a container port`);
    }
    if (!["http", "grpc", "h2c", "https", "grpcs"].includes(annotations["dapr.io/app-protocol"] ?? "http")) {
      fail(d, "dapr.io/app-protocol is not one Dapr knows");
    }
    // A Configuration the release does not render is the cluster's own; it is listed with the Secrets.
    const config = annotations["dapr.io/config"];
    if (config && !find("Configuration", config, ns)) external.add(`Dapr Configuration ${config}`);
    for (const [k, v] of Object.entries(annotations)) {
      if (k.startsWith("dapr.io/") && typeof v !== "string") fail(d, `annotation ${k} must be a string`);
    }
  }
}

for (const s of byKind("Service")) {
  const ns = s.metadata?.namespace;
  const pods = deployments.filter((d) => d.metadata?.namespace === ns && matches(s.spec?.selector, d.spec?.template?.metadata?.labels));
  if (!s.spec?.selector || pods.length === 0) {
    fail(s, "selector matches no rendered Deployment");
    continue;
  }
  const ports = pods.flatMap((d) => (d.spec.template.spec.containers ?? []).flatMap((c) => c.ports ?? []));
  for (const p of s.spec.ports ?? []) {
    const target = p.targetPort ?? p.port;
    const ok = typeof target === "string" ? ports.some((cp) => cp.name === target) : ports.some((cp) => cp.containerPort === target);
    if (!ok) fail(s, `port ${p.name}: targetPort ${target} is not a port of the selected pods`);
  }
  // One HTTP/2 connection behind a virtual IP would pin each gRPC client to a single pod.
  if ((s.spec.ports ?? []).some((p) => p.name === "grpc") && s.spec.clusterIP !== "None") {
    fail(s, "a gRPC Service must be headless (clusterIP: None) for client-side load balancing");
  }
}

for (const p of byKind("PodDisruptionBudget")) {
  const selected = deployments.filter((d) => matches(p.spec?.selector?.matchLabels, d.spec?.template?.metadata?.labels));
  if (selected.length !== 1) fail(p, `selector matches ${selected.length} Deployments instead of one`);
  else if ((selected[0].spec?.replicas ?? 1) < 2) fail(p, "a disruption budget on a single replica blocks node drains");
}

for (const b of byKind("RoleBinding")) {
  const ns = b.metadata?.namespace;
  if (b.roleRef?.kind === "Role" && !find("Role", b.roleRef.name, ns)) fail(b, `roleRef ${b.roleRef.name} is not rendered`);
  for (const s of b.subjects ?? []) {
    if (s.kind === "ServiceAccount" && !find("ServiceAccount", s.name, s.namespace ?? ns)) fail(b, `subject ${s.name} is not rendered`);
  }
}

for (const c of byKind("Component")) {
  const scopes = c.scopes ?? [];
  for (const scope of scopes) if (!appIds.has(scope)) fail(c, `scopes names ${scope}, which no Deployment runs`);
  if (!c.spec?.type?.startsWith("pubsub.")) continue;
  for (const appId of appIds.keys()) if (!scopes.includes(appId)) fail(c, `app ${appId} runs a sidecar but is not in scopes`);
  const meta = new Map((c.spec.metadata ?? []).map((m) => [m.name, m.value]));
  const allowed = meta.has("allowedTopics") ? new Set(meta.get("allowedTopics").split(",").filter(Boolean)) : undefined;
  for (const key of ["publishingScopes", "subscriptionScopes"]) {
    if (!meta.has(key)) continue;
    for (const entry of meta.get(key).split(";")) {
      const [appId, topics = ""] = entry.split("=");
      if (!scopes.includes(appId)) fail(c, `${key} names ${appId}, which is not in scopes`);
      for (const topic of topics.split(",").filter(Boolean)) {
        if (allowed && !allowed.has(topic)) fail(c, `${key}: ${appId} uses ${topic}, which allowedTopics leaves out`);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------
if (errors.length) {
  console.error(`${errors.length} problem(s) in ${file}:`);
  for (const e of errors) console.error(`  - ${e}`);
  process.exit(1);
}
const kinds = [...new Set(objects.map((o) => o.kind))].sort().join(", ");
for (const o of objects) {
  JSON.stringify(o, (k, v) => {
    if (k === "secretKeyRef" && v?.name) external.add(`Secret ${v.name}`);
    return v;
  });
}
console.log(`${objects.length} objects valid (${kinds}); expected in the cluster: ${[...external].sort().join(", ") || "nothing"}`);
