"use client";

import { useState } from "react";
import { ArrowRightLeft, Database, FolderKanban, Plus, UserMinus, Users } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { EmptyState, ErrorState, LoadingState, Spinner } from "@/components/common/states";
import { invalidate, useApi } from "@/hooks/use-api";
import { toast } from "@/hooks/use-toast";
import {
  candidateMembers,
  createProjectMessage,
  defaultMemberRole,
  memberRoleChoices,
  memberRoleMessage,
  projectNameProblem,
} from "@/lib/admin/projects";
import { projectsApi, usersApi, type Project, type ProjectMember, type User } from "@/lib/api/admin";
import { ROLE_LABELS, type Role } from "@/lib/api/auth";
import { toApiError } from "@/lib/api/client";
import { dataSourcesApi, type DataSource } from "@/lib/api/datasources";
import { cn, formatDateTime } from "@/lib/utils";

export const PROJECTS_KEY = "admin/projects";
const USERS_KEY = "admin/users";
const MY_PROJECTS_KEY = "projects/mine";
const membersKey = (projectId: string) => `admin/project-members/${projectId}`;

/**
 * Projects: list and create them, manage each one's members (role at most the account's), and
 * move data sources between projects. A user sees only the data sources of their projects.
 */
export function ProjectsPanel() {
  const { data: projects, error, loading, reload } = useApi(PROJECTS_KEY, projectsApi.list);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = projects?.find((p) => p.id === selectedId) ?? null;

  return (
    <div className="flex flex-col gap-5" data-testid="projects-panel">
      <p className="text-sm text-muted-foreground">
        Every data source belongs to one project, and its chats, patterns and review items with it. Members see only their
        projects&apos; data sources, with a role there that is at most their account role. Administrators see every project.
      </p>
      <CreateProjectForm
        onCreated={(p) => {
          toast({ title: `Project ${p.name} created`, variant: "success" });
          setSelectedId(p.id);
          void invalidate(PROJECTS_KEY);
          void invalidate(MY_PROJECTS_KEY);
        }}
      />
      <div className="grid gap-5 lg:grid-cols-[16rem_1fr]">
        <section className="flex flex-col gap-2" aria-labelledby="projects-title">
          <h2 id="projects-title" className="font-semibold">
            Projects
          </h2>
          {loading && <LoadingState rows={3} />}
          {error && <ErrorState error={error} onRetry={() => void reload()} title="Could not load projects" />}
          {projects && projects.length === 0 && <EmptyState icon={FolderKanban} title="No projects" />}
          <ul className="flex flex-col gap-1" data-testid="project-list">
            {projects?.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  data-testid="project-item"
                  data-name={p.name}
                  data-project-id={p.id}
                  aria-pressed={p.id === selectedId}
                  onClick={() => setSelectedId(p.id)}
                  className={cn(
                    "flex w-full flex-col items-start rounded-md border px-3 py-2 text-left text-sm hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                    p.id === selectedId && "border-primary/40 bg-accent",
                  )}
                >
                  <span className="w-full truncate font-medium">{p.name}</span>
                  {p.createdAt && Date.parse(p.createdAt) > 0 && (
                    // The default project predates projects: it carries no real creation time.
                    <span className="text-xs text-muted-foreground">created {formatDateTime(p.createdAt)}</span>
                  )}
                </button>
              </li>
            ))}
          </ul>
        </section>
        <section className="min-w-0" aria-label="Members">
          {selected ? (
            <ProjectMembers key={selected.id} project={selected} />
          ) : (
            projects &&
            projects.length > 0 && (
              <EmptyState icon={Users} title="Pick a project" testId="pick-project">
                Select one on the left to see and change its members.
              </EmptyState>
            )
          )}
        </section>
      </div>
      {projects && <DataSourceProjects projects={projects} />}
    </div>
  );
}

function CreateProjectForm({ onCreated }: { onCreated: (p: Project) => void }) {
  const [name, setName] = useState("");
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const problem = projectNameProblem(name);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setTried(true);
    setServerError(null);
    if (problem) return;
    setSaving(true);
    try {
      const project = await projectsApi.create(name.trim());
      setName("");
      setTried(false);
      onCreated(project);
    } catch (err) {
      setServerError(createProjectMessage(toApiError(err), name));
    } finally {
      setSaving(false);
    }
  }

  const message = serverError ?? (tried ? problem : null);
  return (
    <form className="flex flex-col gap-1.5" onSubmit={submit} noValidate data-testid="create-project-form">
      <Label htmlFor="new-project-name">New project</Label>
      <div className="flex flex-wrap items-center gap-2">
        <Input
          id="new-project-name"
          data-testid="new-project-name"
          className="max-w-sm"
          autoComplete="off"
          placeholder="e.g. Sales"
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? "create-project-error" : undefined}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setServerError(null);
          }}
        />
        <Button type="submit" disabled={saving} data-testid="create-project">
          <Plus /> Create project
        </Button>
        {saving && <Spinner />}
      </div>
      {message && (
        <p id="create-project-error" role="alert" className="text-sm text-destructive" data-testid="create-project-error">
          {message}
        </p>
      )}
    </form>
  );
}

function ProjectMembers({ project }: { project: Project }) {
  const key = membersKey(project.id);
  const members = useApi(key, () => projectsApi.members(project.id));
  const users = useApi(USERS_KEY, usersApi.list);
  const [busy, setBusy] = useState<string | null>(null);
  const accountRole = (userId: string): Role | null => users.data?.find((u) => u.id === userId)?.role ?? null;

  async function changeRole(m: ProjectMember, role: Role) {
    setBusy(m.userId);
    try {
      members.mutate(await projectsApi.setMember(project.id, m.userId, role));
      toast({ title: `${m.username} is now ${ROLE_LABELS[role]} in ${project.name}`, variant: "success" });
    } catch (e) {
      toast({
        title: `${m.username} was not changed`,
        description: memberRoleMessage(toApiError(e), { username: m.username, role, accountRole: accountRole(m.userId) }),
        variant: "destructive",
      });
    } finally {
      setBusy(null);
    }
  }

  async function remove(m: ProjectMember) {
    setBusy(m.userId);
    try {
      await projectsApi.removeMember(project.id, m.userId);
      toast({ title: `${m.username} removed from ${project.name}` });
      await invalidate(key);
    } catch (e) {
      toast({ title: `${m.username} was not removed`, description: toApiError(e).message, variant: "destructive" });
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card data-testid="project-members" data-project-id={project.id} data-name={project.name}>
      <CardHeader>
        <CardTitle>Members of {project.name}</CardTitle>
        <CardDescription>Their role here is at most their account role.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {members.loading && <LoadingState rows={2} />}
        {members.error && <ErrorState error={members.error} onRetry={() => void members.reload()} title="Could not load members" />}
        {members.data && members.data.length === 0 && (
          <EmptyState icon={Users} title="No members" testId="no-members">
            Add one below. Administrators see every project without being members.
          </EmptyState>
        )}
        {members.data && members.data.length > 0 && (
          <div className="rounded-lg border">
            <Table data-testid="members-table">
              <TableHeader>
                <TableRow>
                  <TableHead>User</TableHead>
                  <TableHead>Role in project</TableHead>
                  <TableHead>
                    <span className="sr-only">Actions</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {members.data.map((m) => {
                  const account = accountRole(m.userId);
                  const choices = memberRoleChoices(account);
                  return (
                    <TableRow key={m.userId} data-testid="member-row" data-username={m.username} data-role={m.role}>
                      <TableCell>
                        <span className="font-medium">{m.username}</span>
                        {account && (
                          <span className="block text-xs text-muted-foreground">account: {ROLE_LABELS[account]}</span>
                        )}
                      </TableCell>
                      <TableCell>
                        <NativeSelect
                          aria-label={`Role of ${m.username} in ${project.name}`}
                          data-testid="member-role"
                          className="w-32"
                          value={m.role}
                          disabled={busy === m.userId}
                          onChange={(e) => void changeRole(m, e.target.value as Role)}
                        >
                          {(choices.includes(m.role) ? choices : [m.role, ...choices]).map((r) => (
                            <option key={r} value={r}>
                              {ROLE_LABELS[r]}
                            </option>
                          ))}
                        </NativeSelect>
                      </TableCell>
                      <TableCell>
                        <div className="flex justify-end">
                          <Button
                            size="sm"
                            variant="ghost"
                            data-testid="remove-member"
                            disabled={busy === m.userId}
                            onClick={() => void remove(m)}
                          >
                            <UserMinus /> Remove
                          </Button>
                        </div>
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </div>
        )}
        {members.data && (
          <AddMemberForm
            project={project}
            users={users.data ?? []}
            members={members.data}
            onAdded={(list, username, role) => {
              members.mutate(list);
              toast({ title: `${username} added to ${project.name} as ${ROLE_LABELS[role]}`, variant: "success" });
            }}
          />
        )}
        {users.error && <ErrorState error={users.error} onRetry={() => void users.reload()} title="Could not load users" />}
      </CardContent>
    </Card>
  );
}

function AddMemberForm({
  project,
  users,
  members,
  onAdded,
}: {
  project: Project;
  users: User[];
  members: ProjectMember[];
  onAdded: (members: ProjectMember[], username: string, role: Role) => void;
}) {
  const candidates = candidateMembers(users, members);
  const [userId, setUserId] = useState("");
  const [role, setRole] = useState<Role>("ANALYST");
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const user = candidates.find((u) => u.id === userId) ?? null;
  const choices = memberRoleChoices(user?.role);

  function pickUser(id: string) {
    setUserId(id);
    setServerError(null);
    setRole(defaultMemberRole(candidates.find((u) => u.id === id)?.role));
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!user) return;
    setSaving(true);
    setServerError(null);
    try {
      const list = await projectsApi.setMember(project.id, user.id, role);
      setUserId("");
      onAdded(list, user.username, role);
    } catch (err) {
      setServerError(memberRoleMessage(toApiError(err), { username: user.username, role, accountRole: user.role }));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="flex flex-col gap-1.5" onSubmit={submit} data-testid="add-member-form">
      <div className="flex flex-wrap items-end gap-2">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="add-member-user">Add a member</Label>
          <NativeSelect
            id="add-member-user"
            data-testid="add-member-user"
            className="w-56"
            value={userId}
            disabled={candidates.length === 0}
            onChange={(e) => pickUser(e.target.value)}
          >
            <option value="">{candidates.length ? "Choose a user…" : "Every user is a member"}</option>
            {candidates.map((u) => (
              <option key={u.id} value={u.id}>
                {u.username}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="add-member-role">Role</Label>
          <NativeSelect
            id="add-member-role"
            data-testid="add-member-role"
            className="w-32"
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
          >
            {choices.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </NativeSelect>
        </div>
        <Button type="submit" disabled={!user || saving} data-testid="add-member">
          <Plus /> Add
        </Button>
        {saving && <Spinner />}
      </div>
      {serverError && (
        <p role="alert" className="text-sm text-destructive" data-testid="add-member-error">
          {serverError}
        </p>
      )}
    </form>
  );
}

/** Every data source with a control to move it to another project (the list does not say its current one). */
function DataSourceProjects({ projects }: { projects: Project[] }) {
  const { data: sources, error, loading, reload } = useApi("datasources", dataSourcesApi.list);
  return (
    <section className="flex flex-col gap-2" aria-labelledby="datasource-projects-title">
      <h2 id="datasource-projects-title" className="font-semibold">
        Data sources
      </h2>
      <p className="text-sm text-muted-foreground">
        Moving a data source takes its chats, patterns, notes and review items with it; only the new project&apos;s members see
        them afterwards.
      </p>
      {loading && <LoadingState rows={2} />}
      {error && <ErrorState error={error} onRetry={() => void reload()} title="Could not load data sources" />}
      {sources && sources.length === 0 && <EmptyState icon={Database} title="No data sources" />}
      {sources && sources.length > 0 && (
        <div className="rounded-lg border">
          <Table data-testid="datasource-projects">
            <TableHeader>
              <TableRow>
                <TableHead>Data source</TableHead>
                <TableHead>Move to project</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {sources.map((ds) => (
                <MoveDataSourceRow key={ds.id} dataSource={ds} projects={projects} />
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}

function MoveDataSourceRow({ dataSource, projects }: { dataSource: DataSource; projects: Project[] }) {
  const [target, setTarget] = useState("");
  const [movedTo, setMovedTo] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function move() {
    if (!target) return;
    setSaving(true);
    try {
      const project = await projectsApi.moveDataSource(dataSource.id, target);
      setMovedTo(project.name);
      setTarget("");
      toast({ title: `${dataSource.name} moved to ${project.name}`, variant: "success" });
      // Chats, patterns and review items follow the source; cached lists of them may be stale now.
      void invalidate("datasources");
    } catch (e) {
      toast({ title: `${dataSource.name} was not moved`, description: toApiError(e).message, variant: "destructive" });
    } finally {
      setSaving(false);
    }
  }

  return (
    <TableRow data-testid="datasource-project-row" data-name={dataSource.name} data-datasource-id={dataSource.id}>
      <TableCell>
        <span className="block font-medium">{dataSource.name}</span>
        <span className="flex items-center gap-1 text-xs text-muted-foreground">
          {dataSource.type}
          {movedTo && (
            <Badge variant="outline" data-testid="datasource-moved-to">
              now in {movedTo}
            </Badge>
          )}
        </span>
      </TableCell>
      <TableCell>
        <div className="flex flex-wrap items-center gap-2">
          <NativeSelect
            aria-label={`Project to move ${dataSource.name} to`}
            data-testid="move-datasource-project"
            className="w-48"
            value={target}
            disabled={saving}
            onChange={(e) => setTarget(e.target.value)}
          >
            <option value="">Choose a project…</option>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </NativeSelect>
          <Button size="sm" variant="outline" disabled={!target || saving} onClick={() => void move()} data-testid="move-datasource">
            <ArrowRightLeft /> Move
          </Button>
          {saving && <Spinner />}
        </div>
      </TableCell>
    </TableRow>
  );
}
