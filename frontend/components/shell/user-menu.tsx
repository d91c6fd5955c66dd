"use client";

import Link from "next/link";
import { useState } from "react";
import { KeyRound, LogOut, UserRound } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useApi } from "@/hooks/use-api";
import { useMe } from "@/hooks/use-me";
import { toast } from "@/hooks/use-toast";
import { describeMyProjects } from "@/lib/admin/projects";
import { projectsApi } from "@/lib/api/admin";
import { ROLE_LABELS, authApi, displayNameOf } from "@/lib/api/auth";
import { LOGIN_PATH, toApiError } from "@/lib/api/client";

/** Projects listed by name in the sidebar; more are counted (all of them are in the tooltip). */
const SHOWN_PROJECTS = 3;

/** The caller's projects and their role in each, in one small line (nothing while unknown). */
function MyProjects() {
  const { data } = useApi("projects/mine", projectsApi.mine);
  if (!data || data.length === 0) return null;
  const hidden = data.length - SHOWN_PROJECTS;
  return (
    <ul
      className="flex flex-wrap gap-x-2 text-xs text-muted-foreground"
      data-testid="my-projects"
      aria-label="Your projects"
      title={describeMyProjects(data)}
    >
      {data.slice(0, SHOWN_PROJECTS).map((p) => (
        <li key={p.id} data-testid="my-project" data-project-id={p.id} data-name={p.name} data-role={p.role} className="max-w-full truncate">
          {p.name} <span className="opacity-75">· {ROLE_LABELS[p.role]}</span>
        </li>
      ))}
      {hidden > 0 && <li data-testid="more-projects">+{hidden} more</li>}
    </ul>
  );
}

/** The signed-in user at the foot of the sidebar: name, role, their projects, their API keys, sign out. */
export function UserMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { me } = useMe();
  const [leaving, setLeaving] = useState(false);
  if (!me) return null;

  async function signOut() {
    setLeaving(true);
    try {
      await authApi.logout();
    } catch (e) {
      const err = toApiError(e);
      // Already signed out is as good as signing out.
      if (err.status !== 401) {
        toast({ title: "Could not sign out", description: err.message, variant: "destructive" });
        setLeaving(false);
        return;
      }
    }
    window.location.assign(LOGIN_PATH);
  }

  return (
    <div className="flex flex-col gap-2 border-t p-3" data-testid="user-menu">
      <div className="flex items-center gap-2">
        <UserRound className="size-4 shrink-0 text-muted-foreground" aria-hidden />
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-medium" data-testid="current-user" data-username={me.username} title={me.username}>
            {displayNameOf(me)}
          </p>
          {me.displayName && me.displayName !== me.username && (
            <p className="truncate text-xs text-muted-foreground">{me.username}</p>
          )}
        </div>
        <Badge variant="secondary" data-testid="current-role" data-role={me.role} aria-label={`Role: ${ROLE_LABELS[me.role]}`}>
          {ROLE_LABELS[me.role]}
        </Badge>
      </div>
      <MyProjects />
      <div className="flex gap-1">
        <Button asChild size="sm" variant="ghost" className="flex-1 justify-start" data-testid="my-api-keys">
          <Link href="/admin/?tab=api-keys" onClick={onNavigate}>
            <KeyRound /> API keys
          </Link>
        </Button>
        <Button size="sm" variant="ghost" onClick={() => void signOut()} disabled={leaving} data-testid="sign-out">
          <LogOut /> Sign out
        </Button>
      </div>
    </div>
  );
}
