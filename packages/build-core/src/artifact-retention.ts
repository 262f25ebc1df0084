/** One image a build made (app image or dependency layer), as a Docker engine lists it. */
export interface BuiltImage {
  /** e.g. "pier/app-shop:b-1a2b3c", "pier/app-shop:deps-9f8e..." */
  tag: string;
  appId: string;
  createdAt: number;
}

/** A build cache volume (`pier-build-cache-<appId>`). */
export interface CacheVolume {
  name: string;
  appId: string;
}

export interface RetentionInput {
  now: number;
  images: BuiltImage[];
  volumes: CacheVolume[];
  /** Every app that exists, with the image tags it still needs (recent releases, running instances). */
  apps: Map<string, ReadonlySet<string>>;
  /** Images younger than this are kept whatever else holds: a build may have made one whose release is not recorded yet. */
  minAgeMs: number;
}

export interface RetentionPlan {
  removeImages: string[];
  removeVolumes: string[];
}

const isDependencyLayer = (tag: string) => /:deps-[^:/]*$/.test(tag);

/**
 * Pure: which build artifacts may go. A destroyed app's images and cache volume all go; an
 * existing app keeps its dependency layers (each build keeps only the current one), its cache,
 * and the app images it still needs, and loses the other app images once they are old enough.
 */
export function planArtifactRetention(input: RetentionInput): RetentionPlan {
  const removeImages = input.images
    .filter((image) => {
      const kept = input.apps.get(image.appId);
      if (!kept) return true;
      if (isDependencyLayer(image.tag) || kept.has(image.tag)) return false;
      return input.now - image.createdAt >= input.minAgeMs;
    })
    .map((image) => image.tag);
  const removeVolumes = input.volumes.filter((v) => !input.apps.has(v.appId)).map((v) => v.name);
  return { removeImages: [...new Set(removeImages)].sort(), removeVolumes: removeVolumes.sort() };
}
