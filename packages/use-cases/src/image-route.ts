import type { RegistrySettings } from "@pier/config";

/**
 * How a release image reaches the engine that is to run it:
 * - `present`: that engine built it or already has it;
 * - `stream`: no registry is configured: `docker save` on the building engine into `docker load` there;
 * - `registry`: the building engine pushes `pushRef` (once per image), the target pulls `pullRef`
 *   and tags it back to the image's own name, so containers everywhere name the same image.
 */
export type ImageRoute = { kind: "present" } | { kind: "stream" } | { kind: "registry"; pushRef: string; pullRef: string };

/** Pure: the route for one image to one engine. */
export function imageRoute(params: { imageTag: string; sameEngine: boolean; targetHasImage: boolean; registry?: RegistrySettings }): ImageRoute {
  if (params.sameEngine || params.targetHasImage) return { kind: "present" };
  if (!params.registry) return { kind: "stream" };
  return { kind: "registry", pushRef: registryRef(params.registry.push, params.imageTag), pullRef: registryRef(params.registry.pull, params.imageTag) };
}

/** "pier/app-shop:b-1a2b" in registry "10.0.0.1:5000" -> "10.0.0.1:5000/pier/app-shop:b-1a2b" (a registry part already in the name is replaced). */
export function registryRef(registry: string, imageTag: string): string {
  const [first, ...rest] = imageTag.split("/");
  // Docker's rule: a first component with a dot or a port, or "localhost", names a registry.
  const named = rest.length > 0 && (/[.:]/.test(first!) || first === "localhost");
  const path = named ? rest.join("/") : imageTag;
  return `${registry}/${/:[^/]+$/.test(path) ? path : `${path}:latest`}`;
}
