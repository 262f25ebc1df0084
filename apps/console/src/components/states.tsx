import type { ReactNode } from "react";
import { ApiError } from "../api/client.js";
import type { Resource } from "../hooks/useResource.js";

/** Loading, error and empty states: each says what is happening and what the person can do. */
export function Loading({ what }: { what: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </div>
  );
}

export function ErrorState({ error, retry, what }: { error: Error; retry?: () => void; what: string }) {
  if (error instanceof ApiError && error.endpointMissing) return <Unavailable what={what} />;
  return (
    <div className="state state-error" role="alert">
      <p>
        <strong>Could not load {what}.</strong> {error.message}
      </p>
      {retry && (
        <button type="button" className="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** The server answered "no such endpoint": this Pier does not offer the feature yet. */
export function Unavailable({ what }: { what: string }) {
  return (
    <div className="state state-empty">
      <p>
        <strong>Not available on this server.</strong> This Pier's API does not offer {what} yet.
      </p>
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p>
        <strong>{title}</strong>
      </p>
      {children}
    </div>
  );
}

/** A failed change, said next to the control that made it. */
export function FormError({ message, id }: { message: string | null; id?: string }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert" id={id}>
      {message}
    </p>
  );
}

/** Loading, then the error (with a retry), then the content drawn from the loaded data. */
export function Loaded<T>({ resource, what, children }: { resource: Resource<T>; what: string; children: (data: T) => ReactNode }) {
  if (resource.loading && resource.data === undefined) return <Loading what={what} />;
  if (resource.error && resource.data === undefined) return <ErrorState error={resource.error} retry={resource.reload} what={what} />;
  return <>{children(resource.data as T)}</>;
}
