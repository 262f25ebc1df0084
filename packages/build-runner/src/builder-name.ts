/** A Docker container name for the builder of `imageTag` ("pier/hello:b-1" -> "pier-build-hello-b-1-<suffix>"). */
export function builderContainerName(imageTag: string, suffix: string): string {
  const base = imageTag.replace(/^pier\//, "").replace(/[^a-zA-Z0-9_.-]+/g, "-").replace(/^[-_.]+|[-_.]+$/g, "");
  return `pier-build-${base.slice(0, 100)}-${suffix}`;
}
