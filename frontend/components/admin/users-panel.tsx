"use client";

import { useState } from "react";
import { KeyRound, Plus, UserCheck, UserX, Users } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { EmptyState, ErrorState, LoadingState, Spinner } from "@/components/common/states";
import { invalidate, useApi } from "@/hooks/use-api";
import { toast } from "@/hooks/use-toast";
import { attributesFromRows, passwordProblem, userDraftProblems, type AttributeRow } from "@/lib/admin/forms";
import { MIN_PASSWORD_LENGTH, usersApi, type User, type UserUpdate } from "@/lib/api/admin";
import { ROLES, ROLE_LABELS, type Role } from "@/lib/api/auth";
import { toApiError } from "@/lib/api/client";
import { formatDateTime } from "@/lib/utils";
import { AttributesEditor } from "./attributes-editor";

const USERS_KEY = "admin/users";

/** Users: list, create (role and attributes), change role, disable/enable, reset password. */
export function UsersPanel({ currentUsername }: { currentUsername: string | null }) {
  const { data: users, error, loading, reload } = useApi(USERS_KEY, usersApi.list);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function update(user: User, change: UserUpdate, done: string): Promise<boolean> {
    setBusy(user.id);
    try {
      await usersApi.update(user.id, change);
      toast({ title: done, variant: "success" });
      await invalidate(USERS_KEY);
      return true;
    } catch (e) {
      toast({ title: `${user.username} was not changed`, description: toApiError(e).message, variant: "destructive" });
      return false;
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="flex flex-col gap-4" data-testid="users-panel">
      <div className="flex items-center justify-between gap-2">
        <p className="text-sm text-muted-foreground">
          Roles, highest first: Admin, Reviewer, Analyst, Viewer. Each may do everything the roles below it may.
        </p>
        {!creating && (
          <Button onClick={() => setCreating(true)} data-testid="new-user">
            <Plus /> New user
          </Button>
        )}
      </div>
      {creating && (
        <CreateUserForm
          onCancel={() => setCreating(false)}
          onCreated={(u) => {
            setCreating(false);
            toast({ title: `${u.username} created`, variant: "success" });
            void invalidate(USERS_KEY);
          }}
        />
      )}
      {loading && <LoadingState rows={3} />}
      {error && <ErrorState error={error} onRetry={() => void reload()} title="Could not load users" />}
      {users && users.length === 0 && <EmptyState icon={Users} title="No users" />}
      {users && users.length > 0 && (
        <div className="rounded-lg border">
          <Table data-testid="users-table">
            <TableHeader>
              <TableRow>
                <TableHead>User</TableHead>
                <TableHead>Role</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Attributes</TableHead>
                <TableHead>Last sign-in</TableHead>
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {users.map((u) => {
                const self = u.username === currentUsername;
                return (
                  <TableRow key={u.id} data-testid="user-row" data-username={u.username} data-disabled={u.disabled}>
                    <TableCell>
                      <span className="block font-medium" data-testid="user-username">
                        {u.username}
                      </span>
                      {u.displayName && u.displayName !== u.username && (
                        <span className="block text-xs text-muted-foreground">{u.displayName}</span>
                      )}
                    </TableCell>
                    <TableCell>
                      <NativeSelect
                        aria-label={`Role of ${u.username}`}
                        data-testid="user-role"
                        className="w-32"
                        value={u.role}
                        disabled={self || busy === u.id}
                        title={self ? "You cannot change your own role" : undefined}
                        onChange={(e) => {
                          const role = e.target.value as Role;
                          void update(u, { role }, `${u.username} is now ${ROLE_LABELS[role]}`);
                        }}
                      >
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {ROLE_LABELS[r]}
                          </option>
                        ))}
                      </NativeSelect>
                    </TableCell>
                    <TableCell>
                      <Badge variant={u.disabled ? "destructive" : "success"} data-testid="user-status">
                        {u.disabled ? "disabled" : "active"}
                      </Badge>
                    </TableCell>
                    <TableCell>
                      <div className="flex max-w-64 flex-wrap gap-1" data-testid="user-attributes">
                        {Object.entries(u.attributes).map(([k, v]) => (
                          <Badge key={k} variant="outline" className="font-mono">
                            {k}={v}
                          </Badge>
                        ))}
                      </div>
                    </TableCell>
                    <TableCell className="whitespace-nowrap text-xs text-muted-foreground">
                      {u.lastLoginAt ? formatDateTime(u.lastLoginAt) : "never"}
                    </TableCell>
                    <TableCell>
                      <div className="flex justify-end gap-1">
                        <Button
                          size="sm"
                          variant="ghost"
                          data-testid="user-toggle-disabled"
                          disabled={self || busy === u.id}
                          title={self ? "You cannot disable yourself" : undefined}
                          onClick={() =>
                            void update(u, { disabled: !u.disabled }, `${u.username} ${u.disabled ? "enabled" : "disabled"}`)
                          }
                        >
                          {u.disabled ? <UserCheck /> : <UserX />}
                          {u.disabled ? "Enable" : "Disable"}
                        </Button>
                        <Button size="sm" variant="ghost" data-testid="user-reset-password" onClick={() => setResetting(u)}>
                          <KeyRound /> Reset password
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
      <ResetPasswordDialog
        user={resetting}
        onClose={() => setResetting(null)}
        onSave={async (u, password) => {
          const ok = await update(u, { password }, `New password set for ${u.username}`);
          if (ok) setResetting(null);
          return ok;
        }}
      />
    </div>
  );
}

function CreateUserForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (u: User) => void }) {
  const [username, setUsername] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<Role>("ANALYST");
  const [rows, setRows] = useState<AttributeRow[]>([]);
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const problems = userDraftProblems({ username, password, displayName, rows });

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setTried(true);
    if (problems.length > 0) return;
    setSaving(true);
    setServerError(null);
    try {
      const { attributes } = attributesFromRows(rows);
      const user = await usersApi.create({
        username: username.trim(),
        password,
        role,
        ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
        ...(Object.keys(attributes).length ? { attributes } : {}),
      });
      onCreated(user);
    } catch (err) {
      setServerError(toApiError(err).message);
      setSaving(false);
    }
  }

  return (
    <Card data-testid="create-user-form">
      <CardHeader>
        <CardTitle>New user</CardTitle>
      </CardHeader>
      <CardContent>
        <form className="flex flex-col gap-4" onSubmit={submit} noValidate>
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="new-user-username">Username</Label>
              <Input
                id="new-user-username"
                data-testid="new-user-username"
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                value={username}
                onChange={(e) => setUsername(e.target.value)}
              />
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="new-user-display-name">Display name (optional)</Label>
              <Input
                id="new-user-display-name"
                data-testid="new-user-display-name"
                autoComplete="off"
                value={displayName}
                onChange={(e) => setDisplayName(e.target.value)}
              />
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="new-user-password">Password</Label>
              <Input
                id="new-user-password"
                type="password"
                data-testid="new-user-password"
                autoComplete="new-password"
                aria-describedby="new-user-password-hint"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
              <p id="new-user-password-hint" className="text-xs text-muted-foreground">
                At least {MIN_PASSWORD_LENGTH} characters.
              </p>
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="new-user-role">Role</Label>
              <NativeSelect id="new-user-role" data-testid="new-user-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </NativeSelect>
            </div>
          </div>
          <AttributesEditor rows={rows} onChange={setRows} idPrefix="new-user-attr" />
          {tried && problems.length > 0 && (
            <ul role="alert" className="list-inside list-disc text-sm text-destructive" data-testid="create-user-problems">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          {serverError && (
            <p role="alert" className="text-sm text-destructive" data-testid="create-user-error">
              {serverError}
            </p>
          )}
          <div className="flex items-center gap-2">
            <Button type="submit" disabled={saving} data-testid="create-user">
              Create user
            </Button>
            <Button type="button" variant="ghost" onClick={onCancel}>
              Cancel
            </Button>
            {saving && <Spinner />}
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

function ResetPasswordDialog({
  user,
  onClose,
  onSave,
}: {
  user: User | null;
  onClose: () => void;
  onSave: (user: User, password: string) => Promise<boolean>;
}) {
  return (
    <Dialog open={!!user} onOpenChange={(open) => !open && onClose()}>
      <DialogContent data-testid="reset-password-dialog">
        {user && <ResetPasswordForm key={user.id} user={user} onCancel={onClose} onSave={onSave} />}
      </DialogContent>
    </Dialog>
  );
}

function ResetPasswordForm({
  user,
  onCancel,
  onSave,
}: {
  user: User;
  onCancel: () => void;
  onSave: (user: User, password: string) => Promise<boolean>;
}) {
  const [password, setPassword] = useState("");
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const problem = passwordProblem(password);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setTried(true);
    if (problem) return;
    setSaving(true);
    await onSave(user, password);
    setSaving(false);
  }

  return (
    <form className="flex flex-col gap-4" onSubmit={submit} noValidate>
      <DialogHeader>
        <DialogTitle>Reset the password of {user.username}</DialogTitle>
        <DialogDescription>Tell them the new password through a safe channel; they can sign in with it at once.</DialogDescription>
      </DialogHeader>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="reset-password">New password</Label>
        <Input
          id="reset-password"
          type="password"
          autoComplete="new-password"
          data-testid="reset-password-input"
          autoFocus
          aria-invalid={tried && !!problem ? true : undefined}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {tried && problem && (
          <p role="alert" className="text-sm text-destructive">
            {problem}
          </p>
        )}
      </div>
      <DialogFooter>
        <Button type="button" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={saving} data-testid="reset-password-save">
          Set password
        </Button>
      </DialogFooter>
    </form>
  );
}
