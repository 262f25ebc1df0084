import type { App } from "../../api/types.js";
import { Section } from "../../components/Section.js";
import { Empty, Loaded } from "../../components/states.js";
import { useResource } from "../../hooks/useResource.js";
import { describeActivity } from "../../lib/activity.js";
import { timeAgo } from "../../lib/format.js";
import { useApi } from "../../session.js";

/** Who did what to the app lately (pushes, config changes, scaling, rollbacks), newest first. */
export function ActivitySection({ app }: { app: App }) {
  const api = useApi();
  const events = useResource(() => api.listActivity(app.name, 8), [api, app.name], { pollMs: 5000, liveOn: ["activity"] });
  return (
    <Section title="Recent activity">
      <Loaded resource={events} what="recent activity">
        {(list) =>
          list.length === 0 ? (
            <Empty title="Nothing has happened yet." />
          ) : (
            <ol className="list" aria-label="Recent activity">
              {list.map((e) => (
                <li key={e.id} className="list-row" data-action={e.action}>
                  <span>{describeActivity(e)}</span>
                  <span className="muted">
                    {e.actor.email} <time dateTime={e.created_at}>{timeAgo(e.created_at)}</time>
                  </span>
                </li>
              ))}
            </ol>
          )
        }
      </Loaded>
    </Section>
  );
}
