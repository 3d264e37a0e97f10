{{/* Name prefix of every object: the release name, with the chart name unless it is in it. */}}
{{- define "rallypoint.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels every object carries; those with a component add rallypoint.selector. */}}
{{- define "rallypoint.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: rallypoint
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selector of one component; call with (dict "root" $ "component" "save-service"). */}}
{{- define "rallypoint.selector" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* The image of one service; call with (dict "root" $ "service" "save-service"). */}}
{{- define "rallypoint.image" -}}
{{- $image := .root.Values.image -}}
{{- $tag := default .root.Chart.AppVersion $image.tag -}}
{{- if eq $image.variant "jvm" -}}
{{- $tag = printf "%s-jvm" $tag -}}
{{- else if ne $image.variant "native" -}}
{{- fail (printf "image.variant must be native or jvm, not %q" $image.variant) -}}
{{- end -}}
{{- printf "%s/%s:%s" $image.prefix .service $tag -}}
{{- end -}}

{{/* Name of the Secret with the Redis URL, and whether the chart owns it. */}}
{{- define "rallypoint.redisSecret" -}}
{{- default (printf "%s-redis" (include "rallypoint.fullname" .)) .Values.redis.existingSecret -}}
{{- end -}}

{{/* true when the release runs its own Redis. */}}
{{- define "rallypoint.redisBundled" -}}
{{- if and .Values.redis.bundled (not .Values.redis.url) (not .Values.redis.existingSecret) -}}true{{- end -}}
{{- end -}}

{{/* The Redis URL the services get: the bundled one, or redis.url. */}}
{{- define "rallypoint.redisUrl" -}}
{{- if .Values.redis.url -}}
{{- .Values.redis.url -}}
{{- else if include "rallypoint.redisBundled" . -}}
{{- printf "redis://%s-redis:6379" (include "rallypoint.fullname" .) -}}
{{- else -}}
{{- fail "redis: set redis.url or redis.existingSecret, or keep redis.bundled=true" -}}
{{- end -}}
{{- end -}}

{{/* Name of the Secret with the kv-service password. */}}
{{- define "rallypoint.kvSecret" -}}
{{- default (printf "%s-kv" (include "rallypoint.fullname" .)) .Values.kv.auth.existingSecret -}}
{{- end -}}
