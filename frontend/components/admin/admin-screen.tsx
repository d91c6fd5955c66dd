"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { FolderKanban, KeyRound, ScrollText, Users } from "lucide-react";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { LoadingState, PageHeader } from "@/components/common/states";
import { useMe } from "@/hooks/use-me";
import { ApiKeysPanel } from "./api-keys-panel";
import { AuditPanel } from "./audit-panel";
import { ProjectsPanel } from "./projects-panel";
import { UsersPanel } from "./users-panel";

const TABS = ["users", "projects", "api-keys", "audit"] as const;
type Tab = (typeof TABS)[number];

/**
 * `/admin/`: users, projects, API keys and the audit log for administrators. Everyone else signed in sees
 * only their own API keys here (`/admin/?tab=api-keys`, linked from the user menu).
 */
export function AdminScreen() {
  const router = useRouter();
  const params = useSearchParams();
  const { me, known, can } = useMe();
  const admin = can("administer");
  const requested = params.get("tab");
  const tab: Tab = admin ? (TABS.includes(requested as Tab) ? (requested as Tab) : "users") : "api-keys";

  if (!known) return <LoadingState className="p-6" />;

  return (
    <div className="flex flex-col" data-testid="admin-screen">
      <PageHeader
        title={admin ? "Administration" : "API keys"}
        description={
          admin
            ? "Who can sign in and with which role, which projects they work in, the keys programs use, and what everyone did."
            : "Keys let scripts and tools call Querent as you, with your role or a lower one."
        }
      />
      <div className="p-4 sm:p-6">
        {!admin && requested && requested !== "api-keys" && (
          <p className="mb-4 text-sm text-muted-foreground" data-testid="admin-forbidden" role="status">
            Users, projects and the audit log are for administrators. Your role can manage only your own API keys.
          </p>
        )}
        <Tabs value={tab} onValueChange={(t) => router.replace(`/admin/?tab=${t}`)}>
          <TabsList>
            {admin && (
              <TabsTrigger value="users" data-testid="tab-users">
                <Users /> Users
              </TabsTrigger>
            )}
            {admin && (
              <TabsTrigger value="projects" data-testid="tab-projects">
                <FolderKanban /> Projects
              </TabsTrigger>
            )}
            <TabsTrigger value="api-keys" data-testid="tab-api-keys">
              <KeyRound /> API keys
            </TabsTrigger>
            {admin && (
              <TabsTrigger value="audit" data-testid="tab-audit">
                <ScrollText /> Audit
              </TabsTrigger>
            )}
          </TabsList>
          {admin && (
            <TabsContent value="users">
              <UsersPanel currentUsername={me?.username ?? null} />
            </TabsContent>
          )}
          {admin && (
            <TabsContent value="projects">
              <ProjectsPanel />
            </TabsContent>
          )}
          <TabsContent value="api-keys">
            <ApiKeysPanel />
          </TabsContent>
          {admin && (
            <TabsContent value="audit">
              <AuditPanel />
            </TabsContent>
          )}
        </Tabs>
      </div>
    </div>
  );
}
