{{/*
Shared helpers. The per-service templates loop over .Values.services and call these with a context
dict: root (the chart's top-level context), name (the key in services) and svc (its values).
*/}}

{{- define "samverkan.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "samverkan.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "samverkan.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every object of the release. */}}
{{- define "samverkan.labels" -}}
helm.sh/chart: {{ include "samverkan.chart" . }}
app.kubernetes.io/name: {{ include "samverkan.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: samverkan-platform
{{- end }}

{{/* Name of one service's Deployment, Service and ServiceAccount; also its Dapr app-id. */}}
{{- define "samverkan.componentName" -}}
{{- printf "%s-%s" (include "samverkan.fullname" .root) .name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "samverkan.selectorLabels" -}}
app.kubernetes.io/name: {{ include "samverkan.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{- define "samverkan.componentLabels" -}}
{{ include "samverkan.labels" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{/* Image reference: [registry/]repository:tag, the tag falling back to image.tag and appVersion. */}}
{{- define "samverkan.image" -}}
{{- $tag := coalesce .svc.image.tag .root.Values.image.tag .root.Chart.AppVersion }}
{{- with .root.Values.image.registry }}
{{- printf "%s/%s:%s" (trimSuffix "/" .) $.svc.image.repository $tag }}
{{- else }}
{{- printf "%s:%s" .svc.image.repository $tag }}
{{- end }}
{{- end }}

{{- define "samverkan.commonConfigName" -}}
{{- printf "%s-common" (include "samverkan.fullname" .) }}
{{- end }}

{{- define "samverkan.daprConfigName" -}}
{{- default (printf "%s-dapr" (include "samverkan.fullname" .)) .Values.dapr.configuration.name }}
{{- end }}

{{/* The services that take part in pub/sub, as Dapr app-ids. */}}
{{- define "samverkan.pubsubAppIds" -}}
{{- $ids := list }}
{{- range $name, $svc := .Values.services }}
{{- if and $svc.enabled (or $svc.publishes $svc.subscribes) }}
{{- $ids = append $ids (include "samverkan.componentName" (dict "root" $ "name" $name)) }}
{{- end }}
{{- end }}
{{- toJson $ids }}
{{- end }}

{{/*
Topics an app may publish: its own events, plus the dead-letter topic when it subscribes, because
its sidecar forwards failed deliveries there under the app's identity.
*/}}
{{- define "samverkan.publishTopics" -}}
{{- $topics := .svc.publishes }}
{{- if .svc.subscribes }}
{{- $topics = append $topics .root.Values.dapr.pubsub.deadLetterTopic }}
{{- end }}
{{- join "," ($topics | uniq) }}
{{- end }}

{{/* Dapr's topic scoping metadata ("app=topic,topic;app=…"), derived from each service's topics. */}}
{{- define "samverkan.topicScopes" -}}
{{- $publishing := list }}
{{- $subscription := list }}
{{- $all := list .Values.dapr.pubsub.deadLetterTopic }}
{{- range $name, $svc := .Values.services }}
{{- if $svc.enabled }}
{{- $ctx := dict "root" $ "name" $name "svc" $svc }}
{{- $appId := include "samverkan.componentName" $ctx }}
{{- $publishing = append $publishing (printf "%s=%s" $appId (include "samverkan.publishTopics" $ctx)) }}
{{- $subscription = append $subscription (printf "%s=%s" $appId (join "," $svc.subscribes)) }}
{{- $all = concat $all $svc.publishes $svc.subscribes }}
{{- end }}
{{- end }}
- name: publishingScopes
  value: {{ join ";" $publishing | quote }}
- name: subscriptionScopes
  value: {{ join ";" $subscription | quote }}
- name: allowedTopics
  value: {{ join "," ($all | uniq | sortAlpha) | quote }}
{{- end }}

{{/* OTLP endpoint as the .NET exporter wants it (with scheme), empty when exporting is off. */}}
{{- define "samverkan.otlpEndpoint" -}}
{{- with .Values.observability.otlp }}
{{- if .host }}
{{- printf "%s://%s:%d" (ternary "https" "http" .secure) .host (int .port) }}
{{- end }}
{{- end }}
{{- end }}

{{/* Dapr sidecar annotations for one service's pod template. */}}
{{- define "samverkan.daprAnnotations" -}}
{{- $dapr := .root.Values.dapr -}}
dapr.io/enabled: "true"
dapr.io/app-id: {{ include "samverkan.componentName" . | quote }}
dapr.io/app-port: {{ .root.Values.ports.http | quote }}
dapr.io/app-protocol: "http"
{{- if or $dapr.configuration.create $dapr.configuration.name }}
dapr.io/config: {{ include "samverkan.daprConfigName" .root | quote }}
{{- end }}
dapr.io/log-level: {{ $dapr.logLevel | quote }}
dapr.io/log-as-json: "true"
dapr.io/enable-api-logging: {{ $dapr.enableApiLogging | toString | quote }}
{{- /* /readyz includes the database: while it is down the sidecar holds deliveries back instead of
spending their retries and sending them to the dead-letter topic. */}}
dapr.io/enable-app-health-check: "true"
dapr.io/app-health-check-path: "/readyz"
dapr.io/sidecar-seccomp-profile-type: "RuntimeDefault"
{{- /* The apps read their secrets from environment variables, never through Dapr's secrets API; the
operator resolves the component's secretKeyRefs itself. */}}
dapr.io/disable-builtin-k8s-secret-store: "true"
dapr.io/sidecar-cpu-request: {{ $dapr.sidecar.cpuRequest | quote }}
dapr.io/sidecar-memory-request: {{ $dapr.sidecar.memoryRequest | quote }}
dapr.io/sidecar-memory-limit: {{ $dapr.sidecar.memoryLimit | quote }}
{{- end }}

{{/* Environment of one service's container, on top of the common ConfigMap. */}}
{{- define "samverkan.env" -}}
{{- $secret := .root.Values.common.database.existingSecret -}}
- name: OTEL_SERVICE_NAME
  value: {{ printf "Samverkan.%s" .svc.configName | quote }}
- name: POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: POD_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
- name: POD_IP
  valueFrom:
    fieldRef:
      fieldPath: status.podIP
- name: OTEL_RESOURCE_ATTRIBUTES
  value: "service.namespace=samverkan,service.instance.id=$(POD_NAME),k8s.pod.name=$(POD_NAME),k8s.namespace.name=$(POD_NAMESPACE)"
{{- range $name, $key := .svc.connectionStrings }}
- name: {{ printf "ConnectionStrings__%s" $name }}
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $key }}
{{- end }}
{{- if .svc.orleans.enabled }}
{{- /* Orleans Kubernetes hosting reads the ids from these variables and checks them against the pod labels. */}}
- name: ORLEANS_SERVICE_ID
  valueFrom:
    fieldRef:
      fieldPath: metadata.labels['orleans/serviceId']
- name: ORLEANS_CLUSTER_ID
  valueFrom:
    fieldRef:
      fieldPath: metadata.labels['orleans/clusterId']
- name: Silo__ServiceId
  value: {{ .svc.orleans.serviceId | quote }}
- name: Silo__ClusterId
  value: {{ .svc.orleans.clusterId | quote }}
- name: ConnectionStrings__Orleans
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ .svc.orleans.connectionStringKey }}
{{- end }}
{{- range $key, $value := .svc.env }}
- name: {{ $key }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- end }}
