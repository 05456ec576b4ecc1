#!/usr/bin/env node
// Checks skaffold.yaml without skaffold (which cannot be installed on the test machines): the schema
// version and shape, that every artifact's Dockerfile exists and copies only files the build context
// has, that the five service Dockerfiles are one file apart from the project name, that every Helm
// value skaffold sets exists in the chart's values.yaml, that every built image is deployed, and that
// every profile's JSON patches apply to the base configuration.
// Usage: node tests/infra/check-skaffold.mjs skaffold.yaml   (npm packages come from .tools/)
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const { parseAllDocuments, parse } = createRequire(join(root, ".tools", "package.json"))("yaml");
const file = join(root, process.argv[2] ?? "skaffold.yaml");
const errors = [];
const fail = (where, message) => errors.push(`${where}: ${message}`);
const isDir = (p) => existsSync(p) && statSync(p).isDirectory();

const configs = parseAllDocuments(readFileSync(file, "utf8")).map((d) => {
  for (const e of d.errors) fail("YAML", e.message);
  return d.toJS();
});

// A path inside a Docker build: literal, or with * in its last segment (COPY services/X/*.csproj …).
function existsInContext(context, source) {
  const path = join(context, source);
  if (!source.includes("*")) return existsSync(path);
  const dir = dirname(path);
  const pattern = new RegExp(`^${basename(path).replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
  return isDir(dir) && readdirSync(dir).some((f) => pattern.test(f));
}

function dockerIgnored(context) {
  const ignore = join(context, ".dockerignore");
  if (!existsSync(ignore)) return [];
  return readFileSync(ignore, "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#") && !l.includes("*"));
}

function checkDockerfile(where, context, dockerfile, chartPorts) {
  const text = readFileSync(dockerfile, "utf8");
  const lines = text.replace(/\\\n/g, " ").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
  const ignored = dockerIgnored(context);
  let args = {};
  let user;
  const exposed = new Set();
  for (const line of lines) {
    const [instruction, ...rest] = line.split(/\s+/);
    const expand = (s) => s.replace(/\$\{(\w+)\}|\$(\w+)/g, (m, a, b) => args[a ?? b] ?? m);
    switch (instruction.toUpperCase()) {
      case "FROM":
        // Arguments declared before FROM stay visible to FROM only; a stage starts with its own.
        args = Object.fromEntries(Object.entries(args).filter(([k]) => k.endsWith("_IMAGE")));
        break;
      case "ARG": {
        const [name, value = ""] = rest.join(" ").split("=");
        args[name] = value;
        break;
      }
      case "COPY": {
        if (rest.some((r) => r.startsWith("--from"))) break;
        const parts = rest.filter((r) => !r.startsWith("--")).map(expand);
        for (const source of parts.slice(0, -1)) {
          if (source.includes("$")) fail(where, `COPY ${source}: unresolved variable`);
          else if (!existsInContext(context, source)) fail(where, `COPY ${source}: not in the build context`);
          else if (ignored.some((i) => source.startsWith(i.replace(/^\//, "")))) fail(where, `COPY ${source}: excluded by .dockerignore`);
        }
        break;
      }
      case "USER":
        user = rest.join(" ");
        break;
      case "EXPOSE":
        for (const p of rest) exposed.add(Number(p.split("/")[0]));
        break;
      default:
        break;
    }
  }
  if (!user || /^(0|root)(:|$)/.test(user)) fail(where, "the final image must switch to a non-root USER");
  for (const port of chartPorts) if (!exposed.has(port)) fail(where, `EXPOSE lacks port ${port}, which the chart uses`);
  const entry = text.match(/ENTRYPOINT\s+\["dotnet",\s*"([^"]+)\.dll"\]/);
  const project = basename(dirname(dockerfile));
  if (!entry || entry[1] !== project) fail(where, `ENTRYPOINT must run ${project}.dll`);
  if (!existsSync(join(dirname(dockerfile), `${project}.csproj`))) fail(where, `${project}.csproj is missing next to the Dockerfile`);
  return { project, text };
}

// Value keys the chart defines, as dotted paths ("services.cases.image.tag").
function valueExists(values, dotted) {
  let node = values;
  for (const key of dotted.split(".")) {
    if (node === null || typeof node !== "object" || !(key in node)) return false;
    node = node[key];
  }
  return true;
}

// RFC 6902 add/replace/remove, enough for skaffold profiles.
function applyPatch(config, op, where) {
  const segments = op.path.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const last = segments.pop();
  let parent = config;
  for (const s of segments) {
    if (parent === null || typeof parent !== "object" || !(s in parent)) {
      fail(where, `patch ${op.op} ${op.path}: ${s} does not exist`);
      return;
    }
    parent = parent[s];
  }
  if (parent === null || typeof parent !== "object") {
    fail(where, `patch ${op.op} ${op.path}: parent is not an object`);
    return;
  }
  if ((op.op === "replace" || op.op === "remove") && !(last in parent)) {
    fail(where, `patch ${op.op} ${op.path}: nothing to ${op.op}`);
    return;
  }
  if (op.op === "remove") delete parent[last];
  else if (op.op === "add" || op.op === "replace") {
    if (Array.isArray(parent) && op.op === "add") parent.splice(last === "-" ? parent.length : Number(last), 0, op.value);
    else parent[last] = op.value;
  } else fail(where, `patch op ${op.op} is not supported here`);
}

function checkPipeline(where, config) {
  const artifacts = config.build?.artifacts ?? [];
  if (artifacts.length === 0) fail(where, "build.artifacts is empty");
  const images = new Map();
  const dockerfiles = [];
  let chartPorts = [];
  const releases = config.deploy?.helm?.releases ?? config.manifests?.helm?.releases ?? [];
  if (releases.length === 0) fail(where, "no helm release in deploy.helm or manifests.helm");
  const chartValues = new Map();
  for (const r of releases) {
    const chart = join(root, r.chartPath ?? "");
    if (!r.chartPath || !existsSync(join(chart, "Chart.yaml"))) {
      fail(where, `release ${r.name}: chartPath ${r.chartPath} has no Chart.yaml`);
      continue;
    }
    const values = parse(readFileSync(join(chart, "values.yaml"), "utf8"));
    chartValues.set(r, values);
    chartPorts = [values?.ports?.grpc, values?.ports?.http].filter(Boolean);
  }

  for (const a of artifacts) {
    const name = a.image;
    if (!/^[a-z0-9]+([._/-][a-z0-9]+)*$/.test(name ?? "")) fail(where, `artifact image '${name}' is not a valid repository name`);
    if (images.has(name)) fail(where, `artifact ${name} is listed twice`);
    images.set(name, false);
    const context = join(root, a.context ?? ".");
    if (!isDir(context)) {
      fail(name, `context ${a.context} is not a directory`);
      continue;
    }
    const dockerfile = join(context, a.docker?.dockerfile ?? "Dockerfile");
    if (!existsSync(dockerfile)) {
      fail(name, `Dockerfile ${relative(root, dockerfile)} does not exist`);
      continue;
    }
    dockerfiles.push(checkDockerfile(`${name} (${relative(root, dockerfile)})`, context, dockerfile, chartPorts));
  }

  // One Dockerfile in five places: they may differ only in the project they build.
  if (dockerfiles.length > 1) {
    const normalise = (d) => d.text.split(d.project).join("<PROJECT>");
    const reference = normalise(dockerfiles[0]);
    for (const d of dockerfiles.slice(1)) {
      if (normalise(d) !== reference) fail(where, `${d.project}/Dockerfile differs from ${dockerfiles[0].project}/Dockerfile beyond the project name`);
    }
  }

  const templateVar = (s) => s.replace(/[/-]/g, "_");
  for (const r of releases) {
    const values = chartValues.get(r);
    if (!values) continue;
    for (const key of [...Object.keys(r.setValues ?? {}), ...Object.keys(r.setValueTemplates ?? {})]) {
      if (!valueExists(values, key)) fail(where, `release ${r.name}: ${key} is not a value of ${r.chartPath}`);
    }
    for (const template of Object.values(r.setValueTemplates ?? {})) {
      for (const [, , artifact] of String(template).matchAll(/\.IMAGE_(REPO|TAG|DIGEST|NAME)_([A-Za-z0-9_]+)/g)) {
        const image = [...images.keys()].find((i) => templateVar(i) === artifact);
        if (!image) fail(where, `release ${r.name}: ${template} names no build artifact`);
        else images.set(image, true);
      }
    }
  }
  for (const [image, used] of images) if (!used) fail(where, `artifact ${image} is built but no release deploys it`);
}

for (const [index, config] of configs.entries()) {
  const where = config?.metadata?.name ?? `config #${index + 1}`;
  if (!/^skaffold\/v4beta[0-9]+$/.test(config?.apiVersion ?? "")) fail(where, `apiVersion ${config?.apiVersion} is not a skaffold v4 schema`);
  if (config?.kind !== "Config") fail(where, "kind must be Config");
  checkPipeline(where, config);

  const names = new Set();
  for (const profile of config.profiles ?? []) {
    const pwhere = `${where}, profile ${profile.name}`;
    if (!profile.name || names.has(profile.name)) fail(pwhere, "profile names must be present and unique");
    names.add(profile.name);
    const patched = structuredClone(config);
    delete patched.profiles;
    for (const op of profile.patches ?? []) applyPatch(patched, op, pwhere);
    for (const key of ["build", "deploy", "manifests", "test", "portForward"]) {
      if (profile[key]) patched[key] = profile[key];
    }
    checkPipeline(pwhere, patched);
  }
}

// Profiles re-check the artifacts they inherit; report each problem once.
const problems = [...new Set(errors)];
if (problems.length) {
  console.error(`${problems.length} problem(s) in ${relative(root, file)}:`);
  for (const e of problems) console.error(`  - ${e}`);
  process.exit(1);
}
const artifacts = configs.flatMap((c) => c.build?.artifacts ?? []).length;
const profiles = configs.flatMap((c) => c.profiles ?? []).map((p) => p.name).join(", ");
console.log(`${relative(root, file)}: ${artifacts} artifacts, Dockerfiles and chart values consistent; profiles ${profiles} apply`);
