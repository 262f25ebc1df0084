/** Labels on every container Pier creates: the reconciler finds its containers by them. */
export const LABEL = {
  app: "pier.app",
  appId: "pier.app-id",
  release: "pier.release",
  processType: "pier.process-type",
  instance: "pier.instance",
  /** "build" (builders), "instance" (app processes), "release" (release-phase commands); "image" on images. */
  role: "pier.role",
  /** The installation (control-plane database) that owns the container. */
  installation: "pier.installation",
} as const;

export type PierRole = "build" | "instance" | "image" | "release";
